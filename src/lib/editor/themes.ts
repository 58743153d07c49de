import type * as Monaco from 'monaco-editor/editor';

/** Editor colours that sit on the cell background from theme.css instead of Monaco's white/black. */
export function defineThemes(monaco: typeof Monaco) {
	monaco.editor.defineTheme('tape-light', {
		base: 'vs',
		inherit: true,
		rules: [],
		colors: {
			'editor.background': '#f7f7f8',
			'editorGutter.background': '#f7f7f8',
			'editor.lineHighlightBackground': '#00000000',
			'editorLineNumber.foreground': '#b4b4bc'
		}
	});
	monaco.editor.defineTheme('tape-dark', {
		base: 'vs-dark',
		inherit: true,
		rules: [],
		colors: {
			'editor.background': '#1a1a1e',
			'editorGutter.background': '#1a1a1e',
			'editor.lineHighlightBackground': '#00000000',
			'editorLineNumber.foreground': '#55555f'
		}
	});
}

const dark = () => matchMedia('(prefers-color-scheme: dark)').matches;

export function themeName() {
	return dark() ? 'tape-dark' : 'tape-light';
}

/** Keep every editor on the scheme the page uses (Monaco's theme is global, so once per page). */
export function followColorScheme(monaco: typeof Monaco) {
	matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () =>
		monaco.editor.setTheme(themeName())
	);
}
