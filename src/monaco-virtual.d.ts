/** Monaco served prebuilt (vite.monaco.ts). */
declare module 'virtual:monaco-workers' {
	/** URLs of Monaco's prebuilt workers. */
	export const editorWorkerUrl: string;
	export const typescriptWorkerUrl: string;
}

declare module 'virtual:monaco' {
	/** src/lib/editor/monaco-modules.ts, bundled once with its CSS (loaded before it resolves). */
	export function loadMonaco(): Promise<typeof import('$lib/editor/monaco-modules')>;
}
