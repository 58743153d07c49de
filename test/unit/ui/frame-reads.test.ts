// @vitest-environment happy-dom
/**
 * A frame's reads of the page (src/lib/ui/frameReads.ts): every read of the frame runs before any
 * change they return, so the second read finds the page as laid out, not changed by the first; a
 * read asked for twice runs once; a cancelled one does not run.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { readNextFrame } from '../../../src/lib/ui/frameReads';

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] });
});
afterEach(() => {
	vi.useRealTimers();
});

it('runs the reads of a frame first, then their changes, each read once', () => {
	const log: string[] = [];
	let height = 100;
	const cells = () => {
		log.push(`cells read ${height}`);
		return () => {
			height = 200;
			log.push('cells changed');
		};
	};
	const slots = () => {
		log.push(`slots read ${height}`);
	};
	readNextFrame(cells);
	readNextFrame(slots);
	readNextFrame(cells);
	expect(log).toEqual([]);
	vi.advanceTimersToNextFrame();
	expect(log).toEqual(['cells read 100', 'slots read 100', 'cells changed']);
	// Each later frame runs only what was asked for since, and not what was cancelled.
	readNextFrame(slots);
	const cancel = readNextFrame(cells);
	cancel();
	vi.advanceTimersToNextFrame();
	expect(log.slice(3)).toEqual(['slots read 200']);
});
