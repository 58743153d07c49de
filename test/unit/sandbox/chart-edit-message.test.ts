import { describe, expect, it } from 'vitest';
import { isFrameMessage } from '../../../src/lib/sandbox/protocol';

const edit = (e: unknown, ref: unknown = { chart: 'candlestickChart', call: 0 }) => ({ type: 'chart-edit', id: 'c1', ref, edit: e });

describe('the frame may ask for a drawing edit only in the shape the workspace applies', () => {
	it('takes add/move/delete/timeframe of a drawable chart call', () => {
		expect(isFrameMessage(edit({ op: 'add', drawing: { kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' } }))).toBe(true);
		expect(isFrameMessage(edit({ op: 'move', index: 0, drawing: { kind: 'level', from: '2011-04-29', anchor: 'high' } }, { chart: 'lineChart', call: 2 }))).toBe(true);
		expect(isFrameMessage(edit({ op: 'delete', index: 3 }))).toBe(true);
		expect(isFrameMessage(edit({ op: 'timeframe', timeframe: 'week' }))).toBe(true);
		expect(isFrameMessage({ type: 'break-study', id: 'c1', ref: { chart: 'candlestickChart', call: 0 }, index: 0 })).toBe(true);
	});
	it('refuses anything that could carry other code: extra fields, code in a date, other calls or options', () => {
		expect(isFrameMessage(edit({ op: 'add', drawing: { kind: 'level', from: "2011-04-29'), fetch('x" } }))).toBe(false);
		expect(isFrameMessage(edit({ op: 'add', drawing: { kind: 'level', from: '2011-04-29', code: 'alert(1)' } }))).toBe(false);
		expect(isFrameMessage(edit({ op: 'add', drawing: { kind: 'level', from: '2011-04-29', anchor: 'high); x(' } }))).toBe(false);
		expect(isFrameMessage(edit({ op: 'timeframe', timeframe: "week' }); evil(); ({ '" }))).toBe(false);
		expect(isFrameMessage(edit({ op: 'replace', source: 'evil()' }))).toBe(false);
		expect(isFrameMessage(edit({ op: 'delete', index: 0 }, { chart: 'eval', call: 0 }))).toBe(false);
		expect(isFrameMessage(edit({ op: 'delete', index: -1 }))).toBe(false);
	});
});
