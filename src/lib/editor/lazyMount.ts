/**
 * Code editors are made only for cells near the viewport and unmade when they scroll far away,
 * so a notebook of thousands of cells opens and scrolls like a short one: Monaco editors cost
 * ~10 ms each to create and listen to shared events, and thousands of them stalled the page for
 * minutes. The work is queued and done a few milliseconds at a time, between which the page
 * answers: editors first (nearest the viewport), then the background models that feed
 * completions across cells. Nothing is made while the page scrolls: a fast scroll passes hundreds
 * of cells, each of which would get an editor it leaves at once (the text stands in meanwhile);
 * a cell that leaves the viewport's neighbourhood before its turn gets none.
 */

/** Cells this far above or below the viewport get their editor ahead of being scrolled to. */
const NEAR = '300px 0px';
/** Editors this far away are unmade (further than NEAR, so a small scroll back does not redo them). */
const FAR = '1800px 0px';
/** Work done per turn of the event loop before the page gets to answer again. */
const SLICE_MS = 8;
/**
 * Editors (and full cells, cellWindow.svelte.ts) wait until the page has not scrolled for this
 * long: on a busy machine a reader's wheel turns can come more than 150 ms apart, and at 150 ms
 * editors were made between them, each a long task under the next turn.
 */
export const SCROLL_QUIET_MS = 250;

interface Watched {
	onNear(): void;
	/** Left the neighbourhood of the viewport (an editor not made yet is not wanted any more). */
	onAway?(): void;
	onFar(): void;
}

const watched = new Map<Element, Watched>();
let observers: { near: IntersectionObserver; far: IntersectionObserver } | undefined;

function ensureObservers() {
	observers ??= {
		near: new IntersectionObserver(
			(entries) => {
				for (const entry of entries) {
					if (entry.isIntersecting) watched.get(entry.target)?.onNear();
					else watched.get(entry.target)?.onAway?.();
				}
			},
			{ rootMargin: NEAR }
		),
		far: new IntersectionObserver(
			(entries) => {
				for (const entry of entries) if (!entry.isIntersecting) watched.get(entry.target)?.onFar();
			},
			{ rootMargin: FAR }
		)
	};
	return observers;
}

/** Calls `onNear` when `element` comes near the viewport and `onFar` when it leaves far; returns the unwatch. */
export function watchViewport(element: Element, callbacks: Watched): () => void {
	const { near, far } = ensureObservers();
	watched.set(element, callbacks);
	near.observe(element);
	far.observe(element);
	return () => {
		watched.delete(element);
		near.unobserve(element);
		far.unobserve(element);
	};
}

type Job = () => void;
const queues: [Set<Job>, Set<Job>] = [new Set(), new Set()];
let scheduled = false;
let scrolledAt = -Infinity;
let listening = false;

/**
 * Runs `job` soon, a slice at a time with the page answering in between; `urgent` jobs (editors)
 * before the others (models). Returns a cancel for a job not yet run.
 */
export function schedule(job: Job, urgent: boolean): () => void {
	const queue = queues[urgent ? 0 : 1];
	queue.add(job);
	watchScrolling();
	if (!scheduled) {
		scheduled = true;
		setTimeout(drain, 0);
	}
	return () => queue.delete(job);
}

/** Starts telling when the page last scrolled (before the first job, so a scroll already under way counts). */
export function watchScrolling(): void {
	if (listening) return;
	listening = true;
	addEventListener('scroll', () => (scrolledAt = performance.now()), { capture: true, passive: true });
}

function drain() {
	const quiet = performance.now() - scrolledAt;
	if (quiet < SCROLL_QUIET_MS) {
		setTimeout(drain, SCROLL_QUIET_MS - quiet);
		return;
	}
	const until = performance.now() + SLICE_MS;
	for (const queue of queues) {
		for (const job of queue) {
			queue.delete(job);
			job();
			if (performance.now() > until) {
				setTimeout(drain, 0);
				return;
			}
		}
	}
	scheduled = false;
}
