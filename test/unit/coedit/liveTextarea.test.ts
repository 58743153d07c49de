/** A Markdown cell's caret while someone else types in it (src/lib/editor/liveTextarea.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { shiftOffset } from '$lib/editor/liveTextarea';

/** The delta of a remote edit of `text`, and where the reader's caret at `at` ends up. */
function caretAfter(text: string, at: number, change: (ytext: Y.Text) => void): { text: string; at: number } {
	const doc = new Y.Doc();
	const ytext = doc.getText('t');
	ytext.insert(0, text);
	let moved = at;
	ytext.observe((event) => (moved = shiftOffset(at, event.delta)));
	change(ytext);
	return { text: ytext.toString(), at: moved };
}

const withCaret = ({ text, at }: { text: string; at: number }) => `${text.slice(0, at)}|${text.slice(at)}`;

describe('the reader’s caret when another person types in the same Markdown cell', () => {
	it('stays before text typed after it and moves along with text typed before it', () => {
		expect(withCaret(caretAfter('Intro text.', 0, (t) => t.insert(11, ' Bob.')))).toBe('|Intro text. Bob.');
		expect(withCaret(caretAfter('Intro text.', 5, (t) => t.insert(0, 'Bob: ')))).toBe('Bob: Intro| text.');
	});

	it('keeps its place in the text when text before it is deleted, and lands at the cut when its own place is', () => {
		expect(withCaret(caretAfter('Intro text.', 10, (t) => t.delete(0, 6)))).toBe('text|.');
		expect(withCaret(caretAfter('Intro text.', 8, (t) => t.delete(6, 4)))).toBe('Intro |.');
	});

	it('stays before text typed right where it is (the reader keeps typing in front of it)', () => {
		expect(withCaret(caretAfter('ab', 1, (t) => t.insert(1, 'X')))).toBe('a|Xb');
	});
});
