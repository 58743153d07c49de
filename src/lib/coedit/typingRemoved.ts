/**
 * The room's word to someone whose cell a change on disk (a `git pull`) removed while they were
 * editing it live: which cells (by their first line), and the history version that keeps their
 * text. It travels on the co-editing socket as a message type of its own, next to y-websocket's
 * sync (0), awareness (1), auth (2) and query-awareness (3).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_TYPING_REMOVED = 100;

export interface TypingRemoved {
	/** The history version holding the live text from before the change; null without a history. */
	version: number | null;
	/** The removed cells, each by its first line or heading. */
	cells: string[];
}

const LABEL_CHARS = 80;

/** A cell as a person recognizes it: its first line that is not blank, a heading without its marks. */
export function cellLabel(source: string): string {
	const line = source.split('\n').find((text) => text.trim()) ?? '';
	const words = line.trim().replace(/^#{1,6}\s+/, '');
	if (!words) return '(an empty cell)';
	return words.length > LABEL_CHARS ? `${words.slice(0, LABEL_CHARS - 1)}…` : words;
}

export function encodeTypingRemoved(removed: TypingRemoved): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_TYPING_REMOVED);
	encoding.writeVarString(encoder, JSON.stringify(removed));
	return encoding.toUint8Array(encoder);
}

/** The message after its type; null when it is not one the room sends. */
export function readTypingRemoved(decoder: decoding.Decoder): TypingRemoved | null {
	try {
		const value = JSON.parse(decoding.readVarString(decoder)) as Partial<TypingRemoved>;
		const version = value.version;
		if (version !== null && !(typeof version === 'number' && Number.isInteger(version) && version > 0)) return null;
		if (!Array.isArray(value.cells) || !value.cells.every((cell) => typeof cell === 'string')) return null;
		return { version, cells: value.cells };
	} catch {
		return null;
	}
}
