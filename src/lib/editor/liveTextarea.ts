/**
 * Markdown cells while editing live: they are edited in a plain textarea (not Monaco), so this is
 * their counterpart of liveBinding.ts. Text the others type arrives without moving the reader's
 * caret; the reader's caret and selection are shown to the others; the others' carets and
 * selections in this cell are handed to the cell to draw (it lays them over the textarea, or names
 * them on the rendered text).
 */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { peerMarks, type PeerMark, type Presence } from './peers';

export type { PeerMark };

/** Calls `onchange` with the others' marks in `ytext` now and whenever they move or the text changes. */
export function watchPeers(ytext: Y.Text, awareness: Awareness, onchange: (marks: PeerMark[]) => void): () => void {
	const update = () => onchange(peerMarks(ytext, awareness));
	awareness.on('change', update);
	ytext.observe(update);
	update();
	return () => {
		awareness.off('change', update);
		ytext.unobserve(update);
	};
}

/** Where offset `at` of the text before `delta` is after it (text inserted right at it goes after it). */
export function shiftOffset(at: number, delta: Y.YTextEvent['delta']): number {
	let old = 0;
	let moved = at;
	for (const op of delta) {
		if (old >= at) break;
		if (op.retain !== undefined) old += op.retain;
		else if (typeof op.insert === 'string') moved += op.insert.length;
		else if (op.delete !== undefined) {
			moved -= Math.min(op.delete, at - old);
			old += op.delete;
		}
	}
	return moved;
}

/**
 * Binds a textarea showing `ytext` (its own edits reach the shared text through the page's
 * notebook): the others' edits are put in without moving the caret, and the caret is shared.
 */
export function bindTextarea(ytext: Y.Text, textarea: HTMLTextAreaElement, awareness: Awareness, onresize: () => void): () => void {
	const fromShared = (event: Y.YTextEvent) => {
		const text = ytext.toString();
		if (textarea.value === text) return; // this textarea's own edit, replayed
		const { selectionStart, selectionEnd, selectionDirection } = textarea;
		textarea.value = text;
		textarea.setSelectionRange(shiftOffset(selectionStart, event.delta), shiftOffset(selectionEnd, event.delta), selectionDirection);
		onresize();
	};
	// After the page replayed the edit that moved the caret (a microtask), so the positions are in the shared text.
	const share = () =>
		queueMicrotask(() => {
			if (document.activeElement !== textarea || textarea.value !== ytext.toString()) return;
			const { selectionStart, selectionEnd, selectionDirection } = textarea;
			const [anchor, head] = selectionDirection === 'backward' ? [selectionEnd, selectionStart] : [selectionStart, selectionEnd];
			awareness.setLocalStateField('selection', {
				anchor: Y.createRelativePositionFromTypeIndex(ytext, anchor),
				head: Y.createRelativePositionFromTypeIndex(ytext, head)
			});
		});
	const events = ['select', 'input', 'keyup', 'mouseup', 'focus'] as const;
	ytext.observe(fromShared);
	events.forEach((name) => textarea.addEventListener(name, share));
	document.addEventListener('selectionchange', share);
	share();
	return () => {
		ytext.unobserve(fromShared);
		events.forEach((name) => textarea.removeEventListener(name, share));
		document.removeEventListener('selectionchange', share);
		const mine = awareness.getLocalState() as Presence | null;
		const anchor = mine?.selection?.anchor && Y.createAbsolutePositionFromRelativePosition(mine.selection.anchor, ytext.doc!);
		// The caret leaves with the textarea (unless it already moved to another cell).
		if (anchor && anchor.type === ytext) awareness.setLocalStateField('selection', null);
	};
}
