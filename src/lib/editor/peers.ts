/** Where the others are in a cell's shared text, for the editors that draw their carets (liveBinding.ts, liveTextarea.ts). */
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';

/** What each person shows the others (awareness state). */
export interface Presence {
	user?: { name: string; color: number };
	selection?: { anchor: Y.RelativePosition; head: Y.RelativePosition } | null;
}

export const PEER_COLORS = 6;

/** Another person's caret (`head`) and selection in a cell's text, as offsets. */
export interface PeerMark {
	clientID: number;
	name: string;
	color: number;
	from: number;
	to: number;
	head: number;
}

/** The others' carets and selections that are in `ytext` now, in text order. */
export function peerMarks(ytext: Y.Text, awareness: Awareness): PeerMark[] {
	const doc = ytext.doc!;
	const marks: PeerMark[] = [];
	awareness.getStates().forEach((state: Presence, clientID) => {
		if (clientID === doc.clientID || !state.selection?.anchor || !state.selection.head) return;
		const anchor = Y.createAbsolutePositionFromRelativePosition(state.selection.anchor, doc);
		const head = Y.createAbsolutePositionFromRelativePosition(state.selection.head, doc);
		if (!anchor || !head || anchor.type !== ytext || head.type !== ytext) return;
		marks.push({
			clientID,
			name: state.user?.name ?? 'someone',
			color: (state.user?.color ?? 0) % PEER_COLORS,
			from: Math.min(anchor.index, head.index),
			to: Math.max(anchor.index, head.index),
			head: head.index
		});
	});
	return marks.sort((a, b) => a.head - b.head || a.clientID - b.clientID);
}
