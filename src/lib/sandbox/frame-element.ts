/**
 * The editor's sandboxed frame element, and starting it before the notebook page exists. Its
 * script (1.6 MB: the runtime, Plot, d3, arquero, Inputs) then loads and runs while the page
 * fetches the notebook and lays out its cells, rather than after (`npm run bench -- first-chart`).
 * The page takes that frame with `moveBefore`, which keeps a frame's document where a plain insert
 * would load it again; in a browser without it nothing is started early and the page makes the
 * frame when it mounts, as before.
 */

export const FRAME_URL = '/sandbox/frame.html';

/** A frame started early and never taken (the notebook failed to load) is removed after this. */
const UNCLAIMED_MS = 15_000;

/** A new frame element for the notebook's outputs (not yet in the document). */
export function newFrameElement(): HTMLIFrameElement {
	const frame = document.createElement('iframe');
	// allow-scripts without allow-same-origin: an opaque origin, cut off from the workspace. No
	// allow-downloads: notebook code could start one unasked; chart files go through save-chart.
	frame.setAttribute('sandbox', 'allow-scripts');
	frame.setAttribute('title', 'Notebook outputs');
	// Only so "Copy" on a chart can put the image on the clipboard.
	frame.setAttribute('allow', 'clipboard-write');
	frame.className = 'tape-sandbox';
	frame.src = FRAME_URL;
	return frame;
}

interface Prestarted {
	frame: HTMLIFrameElement;
	/** What the frame said before the page took it (its `ready`, among others), in order. */
	messages: MessageEvent[];
	stop(): void;
}

let waiting: Prestarted | undefined;

type Mover = ParentNode & { moveBefore?(node: Node, child: Node | null): void };

/** Starts the frame now, out of sight, for the notebook page about to be made (see adoptPrestartedFrame). */
export function prestartFrame(): void {
	if (waiting || typeof (document.body as Mover).moveBefore !== 'function') return;
	const frame = newFrameElement();
	frame.style.cssText = 'position: fixed; top: 0; left: -10000px; width: 800px; height: 150px; border: 0';
	const messages: MessageEvent[] = [];
	const keep = (event: MessageEvent) => {
		if (event.source === frame.contentWindow) messages.push(event);
	};
	window.addEventListener('message', keep);
	const unclaimed = setTimeout(() => {
		if (waiting?.frame !== frame) return;
		waiting = undefined;
		window.removeEventListener('message', keep);
		frame.remove();
	}, UNCLAIMED_MS);
	document.body.append(frame);
	waiting = {
		frame,
		messages,
		stop: () => {
			window.removeEventListener('message', keep);
			clearTimeout(unclaimed);
		}
	};
}

/** The frame prestartFrame started, moved to be `container`'s first child, with what it said meanwhile; undefined when there is none. */
export function adoptPrestartedFrame(container: HTMLElement): { frame: HTMLIFrameElement; messages: MessageEvent[] } | undefined {
	const started = waiting;
	waiting = undefined;
	if (!started) return undefined;
	started.stop();
	try {
		(container as Mover).moveBefore!(started.frame, container.firstChild);
	} catch {
		// Not movable here (another document, say): the page makes its own.
		started.frame.remove();
		return undefined;
	}
	started.frame.removeAttribute('style');
	return { frame: started.frame, messages: started.messages };
}
