/**
 * When code editors may load. Monaco is 4 MB of script evaluated on the page's main thread, the
 * thread that also carries the sandboxed frame's start and its requests for data: loaded while a
 * notebook opens, it held the first chart back by over a second (`npm run bench -- first-chart`).
 * So editors wait until the notebook's first run has settled (`openEditors`), the reader reaches
 * for one (a click or focus opens at once), or MAX_WAIT_MS have passed, whichever comes first.
 * Meanwhile cells show their code as text with the editor's metrics (CodeEditor.svelte).
 */

/** A notebook whose first run never settles (a runaway cell, a slow download) still gets its editors. */
const MAX_WAIT_MS = 3000;

let open: () => void = () => {};
const opened = new Promise<void>((resolve) => (open = resolve));
let timer: ReturnType<typeof setTimeout> | undefined;

/** Resolves once editors may load; the first call starts the MAX_WAIT_MS clock. */
export function editorsMayLoad(): Promise<void> {
	timer ??= setTimeout(openEditors, MAX_WAIT_MS);
	return opened;
}

/** Lets editors load now (first run settled, or the reader wants an editor). Once open, always open. */
export function openEditors(): void {
	open();
}
