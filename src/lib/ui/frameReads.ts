/**
 * Reads of the page's layout at the start of a frame, all of them before any change to the page.
 * The cell window (cellWindow.svelte.ts) and the output slots' positions (runtimeView.svelte.ts)
 * each read sizes once a frame; in separate animation frame callbacks, Svelte's changes for the
 * first (made in a microtask between the callbacks) made the second lay the page out again: a
 * forced layout per frame, a quarter of a long notebook's scrolling time (issue 12 item 8). Here
 * the reads of a frame run back to back in one callback, then the changes they return, then Svelte.
 */

/** Reads the page; may return a change to make once every read of the frame is done. */
export type FrameRead = () => (() => void) | void;

const reads = new Set<FrameRead>();
let frame = 0;

/** Runs `read` in the next frame's reads (once, however often asked); returns the cancel. */
export function readNextFrame(read: FrameRead): () => void {
	reads.add(read);
	frame ||= requestAnimationFrame(runReads);
	return () => {
		reads.delete(read);
		if (reads.size || !frame) return;
		cancelAnimationFrame(frame);
		frame = 0;
	};
}

function runReads() {
	frame = 0;
	const batch = [...reads];
	reads.clear();
	const writes: (() => void)[] = [];
	for (const read of batch) {
		const write = attempt(read);
		if (write) writes.push(write);
	}
	for (const write of writes) attempt(write);
}

/** One read or change failing leaves the others of the frame to run; its error is still reported. */
function attempt<T>(run: () => T): T | undefined {
	try {
		return run();
	} catch (error) {
		queueMicrotask(() => {
			throw error;
		});
	}
}
