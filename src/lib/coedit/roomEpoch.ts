/**
 * Which opening of a notebook's room a page joined. A room closes a grace period after its last
 * peer left (and every room ends with the server), and the next one reads the file afresh: new Yjs items, new
 * cell ids. A page whose old document synced into such a room would merge two copies of every
 * cell. So each room has an epoch (a random id) that it sends a page as it joins; the page's
 * reconnects present it, and a room with another epoch refuses them with ROOM_REOPENED before
 * any sync message, and the page joins afresh (rejoinMerge.ts); what the room surely has of the
 * page's edits it learns by asking (MESSAGE_HEARD), and where the room's text went that the
 * page's offline edits replaced, by MESSAGE_ROOM_TEXT_KEPT. They travel next to
 * y-websocket's messages (sync 0, awareness 1, auth 2, query-awareness 3) and typingRemoved (100).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_ROOM_EPOCH = 101;
/** From a page that rejoined: keep the room's text as a version before its offline edits replace cells the room changed too. */
export const MESSAGE_KEEP_ROOM_TEXT = 102;
/** The room's answer to MESSAGE_KEEP_ROOM_TEXT: the History version that keeps its text (0: none, the workspace keeps no history). */
export const MESSAGE_ROOM_TEXT_KEPT = 104;
/** From a page: "tell me when you have read this far" (a number); the room sends it straight back. The socket is in order, so the answer means every edit sent before it is in the room. */
export const MESSAGE_HEARD = 103;
/** The query parameter a reconnect presents its room's epoch in. */
export const EPOCH_PARAM = 'room';
/** A 44xx close code: y-websocket does not retry it, so the page's old document never reaches the new room. */
export const ROOM_REOPENED = 4409;

export function encodeRoomEpoch(epoch: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_ROOM_EPOCH);
	encoding.writeVarString(encoder, epoch);
	return encoding.toUint8Array(encoder);
}

/** The epoch after the message's type; null when it is not one. */
export function readRoomEpoch(decoder: decoding.Decoder): string | null {
	try {
		const epoch = decoding.readVarString(decoder);
		return /^[\w-]{8,64}$/.test(epoch) ? epoch : null;
	} catch {
		return null;
	}
}

export function encodeKeepRoomText(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_KEEP_ROOM_TEXT);
	return encoding.toUint8Array(encoder);
}

export function encodeRoomTextKept(version: number | null): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_ROOM_TEXT_KEPT);
	encoding.writeVarUint(encoder, version ?? 0);
	return encoding.toUint8Array(encoder);
}

/** The version after the message's type: null when none was kept (or the message is not one). */
export function readRoomTextKept(decoder: decoding.Decoder): number | null {
	try {
		return decoding.readVarUint(decoder) || null;
	} catch {
		return null;
	}
}

/** A page's question, or the room's answer: the same bytes. */
export function encodeHeard(mark: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_HEARD);
	encoding.writeVarUint(encoder, mark);
	return encoding.toUint8Array(encoder);
}
