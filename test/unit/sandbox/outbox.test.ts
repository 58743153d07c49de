import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../src/lib/sandbox/frame/outbox';
import { isFrameMessage, type FrameCellState, type FrameMessage } from '../../../src/lib/sandbox/protocol';

const state = (id: string, status: FrameCellState['status']): FrameCellState => ({ id, status, defines: [], refs: [], runs: 1, outputs: 0 });
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the frame's reports to the workspace", () => {
	it('a run of cells is one message per cell start, carrying what changed before it, each a valid message', async () => {
		const sent: FrameMessage[] = [];
		const outbox = createOutbox((message) => sent.push(message));
		for (let i = 0; i < 100; i++) {
			outbox.state(state(`c${i}`, 'running'));
			outbox.started(`c${i}`);
			outbox.state(state(`c${i}`, 'done'));
			outbox.size(`c${i}`, 20);
		}
		expect(sent).toHaveLength(100);
		await nextTask();
		// The last cell's end and height, at the end of the task.
		expect(sent).toHaveLength(101);
		expect(sent.every(isFrameMessage)).toBe(true);
		expect(sent[1]).toEqual({ type: 'report', states: [state('c0', 'done'), state('c1', 'running')], sizes: [['c0', 20]], started: 'c1' });
		expect(sent[100]).toEqual({ type: 'report', states: [state('c99', 'done')], sizes: [['c99', 20]] });
	});

	it('keeps the order of what the workspace hears: states first, then the message that follows them', () => {
		const sent: FrameMessage[] = [];
		const outbox = createOutbox((message) => sent.push(message));
		outbox.state(state('a', 'done'));
		outbox.post({ type: 'settled', runId: 1 });
		expect(sent.map((m) => m.type)).toEqual(['report', 'settled']);
	});

	it('sends a cell its latest state only, and splits a burst of thousands of states into bounded messages', async () => {
		const sent: FrameMessage[] = [];
		const outbox = createOutbox((message) => sent.push(message));
		outbox.state(state('a', 'queued'));
		outbox.state(state('a', 'running'));
		for (let i = 0; i < 10_000; i++) outbox.state(state(`c${i}`, 'queued'));
		await nextTask();
		const reports = sent.filter((m) => m.type === 'report');
		expect(Math.max(...reports.map((m) => m.states.length))).toBeLessThanOrEqual(500);
		const all = reports.flatMap((m) => m.states);
		expect(all).toHaveLength(10_001);
		expect(all.filter((s) => s.id === 'a')).toEqual([state('a', 'running')]);
	});
});
