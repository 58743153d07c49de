/**
 * When code editors may load. Monaco is 4 MB of script evaluated on the page's main thread, the
 * thread that also carries the sandboxed frame's start and its requests for data: loaded while a
 * notebook opens, it held the first chart back by over a second (`npm run bench -- first-chart`).
 * So editors wait until the notebook's first run has settled (`openEditors`), the reader reaches
 * for one (a click or focus opens at once), or MAX_WAIT_MS have passed, whichever comes first.
 * Meanwhile cells show their code as text with the editor's metrics (CodeEditor.svelte).
 *
 * Evaluating Monaco is one task of 0.3-0.5 s that nothing can split: unless the reader asked for an
 * editor, it also waits until the page has not scrolled for a moment (lazyMount's queue), so it does
 * not land in the middle of a reader scrolling a long notebook that is still running.
 */
import { schedule, watchScrolling } from './lazyMount';

/** A notebook whose first run never settles (a runaway cell, a slow download) still gets its editors. */
const MAX_WAIT_MS = 3000;

let open: () => void = () => {};
const opened = new Promise<void>((resolve) => (open = resolve));
let timer: ReturnType<typeof setTimeout> | undefined;

/** Resolves once editors may load; the first call starts the MAX_WAIT_MS clock. */
export function editorsMayLoad(): Promise<void> {
	watchScrolling();
	timer ??= setTimeout(openEditors, MAX_WAIT_MS);
	return opened;
}

/** Lets editors load: at once when the reader wants one (`now`), else once the page rests (first run settled). Once open, always open. */
export function openEditors(now?: 'now'): void {
	if (now) open();
	else schedule(open, true);
}
