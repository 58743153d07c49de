/**
 * What the frame tells the workspace about its cells (their states, their outputs' heights, the
 * cell about to start), gathered and sent as one `report` message: at each cell's start, before
 * any other message (so the order of what the workspace hears is kept), or at the end of the task.
 * Three messages per cell (a state, a height, a start) kept the workspace's thread busy for
 * seconds while a notebook of thousands of cells opened: each message is a task of its own there.
 * Only a cell's latest state is sent: the workspace shows states, it does not replay them.
 */
import type { FrameCellState, FrameMessage } from '../protocol';
import { nextTask } from './yield';

/**
 * A report is sent once it holds this many entries: the first run of 10,000 cells changes them all
 * at once, and one message of 10,000 states took the workspace 0.4 s to read, a single task.
 */
const MAX_ENTRIES = 500;

export interface Outbox {
	state(state: FrameCellState): void;
	size(id: string, height: number): void;
	/** Sends what is gathered and names the cell whose code starts next (the one to blame if the frame goes silent). */
	started(id: string): void;
	/** Sends what is gathered, then `message`. */
	post(message: FrameMessage): void;
}

export function createOutbox(send: (message: FrameMessage) => void): Outbox {
	const states = new Map<string, FrameCellState>();
	const sizes = new Map<string, number>();
	let scheduled = false;

	function flush(started?: string): void {
		if (!states.size && !sizes.size && started === undefined) return;
		send({ type: 'report', states: [...states.values()], sizes: [...sizes], ...(started === undefined ? {} : { started }) });
		states.clear();
		sizes.clear();
	}

	function later(): void {
		if (states.size + sizes.size >= MAX_ENTRIES) return flush();
		if (scheduled) return;
		scheduled = true;
		nextTask(() => {
			scheduled = false;
			flush();
		});
	}

	return {
		state(state) {
			// Kept in the order of their latest change.
			states.delete(state.id);
			states.set(state.id, state);
			later();
		},
		size(id, height) {
			sizes.set(id, height);
			later();
		},
		started: (id) => flush(id),
		post(message) {
			flush();
			send(message);
		}
	};
}
