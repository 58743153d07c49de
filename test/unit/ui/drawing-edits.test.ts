import { describe, expect, it } from 'vitest';
import { breakStudyCell, editChartCall } from '../../../src/lib/ui/drawingEdits';
import type { Drawing } from '../../../src/lib/plots/drawings/types';

const candles = { chart: 'candlestickChart', call: 0 } as const;
const channel: Drawing = { kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' };
const level: Drawing = { kind: 'level', from: '2011-04-29', anchor: 'high' };

describe('a drawing made with the mouse becomes an edit of the chart call’s drawings option', () => {
	it('inserts the options object when the call has none, and changes nothing else', () => {
		const source = `const iwm = await loadSeries('IWM')\n// weekly, for the big picture\ncandlestickChart(iwm)`;
		expect(editChartCall(source, candles, { op: 'add', drawing: channel })).toBe(
			`const iwm = await loadSeries('IWM')\n// weekly, for the big picture\ncandlestickChart(iwm, { drawings: [{ kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' }] })`
		);
	});

	it('adds the option to options written without it, after their last one', () => {
		expect(editChartCall(`candlestickChart(iwm, { title: 'IWM' })`, candles, { op: 'add', drawing: level })).toBe(
			`candlestickChart(iwm, { title: 'IWM', drawings: [{ kind: 'level', from: '2011-04-29', anchor: 'high' }] })`
		);
		expect(editChartCall(`candlestickChart(iwm, {})`, candles, { op: 'add', drawing: level })).toBe(
			`candlestickChart(iwm, { drawings: [{ kind: 'level', from: '2011-04-29', anchor: 'high' }] })`
		);
	});

	it('appends to a drawings array laid out one per line, with its indentation, keeping comments and types', () => {
		const source = [
			'const chart: HTMLElement = candlestickChart(iwm as ColumnTable, {',
			'\ttitle: "IWM",',
			'\tdrawings: [',
			"\t\t{ kind: 'level', from: '2011-04-29', anchor: 'high' }, // the April top",
			'\t]',
			'})'
		].join('\n');
		const next = editChartCall(source, candles, { op: 'add', drawing: channel });
		expect(next).toBe(
			[
				'const chart: HTMLElement = candlestickChart(iwm as ColumnTable, {',
				'\ttitle: "IWM",',
				'\tdrawings: [',
				"\t\t{ kind: 'level', from: '2011-04-29', anchor: 'high' },",
				"\t\t{ kind: 'channel', from: '2010-08-26', to: '2011-04-29', anchor: 'low' }, // the April top",
				'\t]',
				'})'
			].join('\n')
		);
	});

	it('moves a drawing by changing only the values that moved, in place', () => {
		const source = `candlestickChart(iwm, {\n  drawings: [\n    { kind: 'level', from: '2011-04-29', anchor: 'high' },\n    { kind: 'channel',  from: '2010-08-26', to: '2011-04-29', anchor: 'low' /* lows */ },\n  ],\n})`;
		const next = editChartCall(source, candles, { op: 'move', index: 1, drawing: { ...channel, to: '2011-05-02', anchor: ['low', 'high'] } });
		expect(next).toBe(
			`candlestickChart(iwm, {\n  drawings: [\n    { kind: 'level', from: '2011-04-29', anchor: 'high' },\n    { kind: 'channel',  from: '2010-08-26', to: '2011-05-02', anchor: ['low', 'high'] /* lows */ },\n  ],\n})`
		);
		// A drawing written without an anchor (the close) gets one when it moves to a low.
		expect(editChartCall(`candlestickChart(iwm, { drawings: [{ kind: 'trend', from: '2011-01-03', to: '2011-02-01' }] })`, candles, { op: 'move', index: 0, drawing: { kind: 'trend', from: '2011-01-03', to: '2011-02-01', anchor: 'low' } })).toBe(
			`candlestickChart(iwm, { drawings: [{ kind: 'trend', from: '2011-01-03', to: '2011-02-01', anchor: 'low' }] })`
		);
	});

	it('deletes a drawing with its comma, first, middle or last', () => {
		const source = `candlestickChart(iwm, { drawings: [@A, @B, @C] })`.replace('@A', "{ kind: 'level', from: '2011-01-03' }").replace('@B', "{ kind: 'level', from: '2011-02-01' }").replace('@C', "{ kind: 'level', from: '2011-03-01' }");
		const del = (index: number) => editChartCall(source, candles, { op: 'delete', index });
		expect(del(0)).toBe(`candlestickChart(iwm, { drawings: [{ kind: 'level', from: '2011-02-01' }, { kind: 'level', from: '2011-03-01' }] })`);
		expect(del(1)).toBe(`candlestickChart(iwm, { drawings: [{ kind: 'level', from: '2011-01-03' }, { kind: 'level', from: '2011-03-01' }] })`);
		expect(del(2)).toBe(`candlestickChart(iwm, { drawings: [{ kind: 'level', from: '2011-01-03' }, { kind: 'level', from: '2011-02-01' }] })`);
		expect(editChartCall(`candlestickChart(iwm, { drawings: [{ kind: 'level', from: '2011-01-03' },] })`, candles, { op: 'delete', index: 0 })).toBe(`candlestickChart(iwm, { drawings: [] })`);
	});

	it('edits the chart call the frame named: the second of two in a cell', () => {
		const source = `display(candlestickChart(spy))\ncandlestickChart(iwm, { timeframe: 'day' })`;
		expect(editChartCall(source, { chart: 'candlestickChart', call: 1 }, { op: 'timeframe', timeframe: 'week' })).toBe(`display(candlestickChart(spy))\ncandlestickChart(iwm, { timeframe: 'week' })`);
		expect(editChartCall(source, candles, { op: 'timeframe', timeframe: '3-day' })).toBe(`display(candlestickChart(spy, { timeframe: '3-day' }))\ncandlestickChart(iwm, { timeframe: 'day' })`);
	});

	it('says clearly why, and changes nothing, when the call or the option cannot be edited precisely', () => {
		expect(() => editChartCall(`comparisonChart({ iwm, spy })`, candles, { op: 'add', drawing: level })).toThrow(/this cell has no candlestickChart\(…\) call any more/);
		expect(() => editChartCall(`candlestickChart(iwm)`, { chart: 'candlestickChart', call: 1 }, { op: 'add', drawing: level })).toThrow(/no 2nd candlestickChart\(…\) call \(it has 1\)/);
		expect(() => editChartCall(`candlestickChart(iwm, options)`, candles, { op: 'add', drawing: level })).toThrow(/options of candlestickChart\(…\) at line 1 are not written as \{ … \}/);
		expect(() => editChartCall(`candlestickChart(iwm, { drawings: saved })`, candles, { op: 'add', drawing: level })).toThrow(/not an array written in the cell/);
		expect(() => editChartCall(`candlestickChart(iwm, { drawings: [] })`, candles, { op: 'delete', index: 0 })).toThrow(/no drawing 1 any more \(it has 0\)/);
		expect(() => editChartCall(`candlestickChart(iwm, {`, candles, { op: 'add', drawing: level })).toThrow(/does not parse at line 1/);
	});
});

describe('"What happened after breaks of this?" writes an eventStudy cell on the chart’s series', () => {
	it('a level: closes crossing above it', () => {
		const source = `candlestickChart(iwm, { timeframe: 'week', drawings: [{ kind: 'level', from: '2011-04-29', anchor: 'high' }] })`;
		expect(breakStudyCell(source, candles, 0)).toBe(
			`// What happened after the close crossed above the level drawn on the chart above\neventStudy(iwm, crossAbove((t) => drawingLine(t, { kind: 'level', from: '2011-04-29', anchor: 'high' })))`
		);
	});
	it('a trend line on the lows: closes crossing below it; a zone has no line', () => {
		const source = `candlestickChart(iwm, { drawings: [{ kind: 'trend', from: '2010-08-26', to: '2011-03-16', anchor: 'low' }, { kind: 'zone', from: '2011-01-03', to: '2011-02-01' }] })`;
		expect(breakStudyCell(source, candles, 0)).toContain(`eventStudy(iwm, crossBelow((t) => drawingLine(t, { kind: 'trend', from: '2010-08-26', to: '2011-03-16', anchor: 'low' })))`);
		expect(() => breakStudyCell(source, candles, 1)).toThrow(/a zone has no line to break/);
	});
});
