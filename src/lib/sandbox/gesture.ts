/**
 * Whether the reader's own input inside the notebook's frame is behind a message from it: the
 * page has transient activation (a click, drag or key within the last seconds) and the frame holds
 * the focus, so that input went into the frame. Activation alone is not enough: the click that
 * opened the notebook (a link in the list, routed within the same page) leaves the page active for
 * seconds, long enough for a notebook's code to post a forged drawing edit or chart file (seen in
 * the drawings e2e on an idle machine).
 */
export function readerActedIn(frame: HTMLIFrameElement | null | undefined): boolean {
	return navigator.userActivation?.isActive === true && !!frame && document.activeElement === frame;
}
