import * as aq from 'arquero';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { candlestickChart } from '../../../src/lib/plots/index.js';
import { summarize } from '../../../src/lib/runtime/summarize.js';

const { document } = new JSDOM('<!doctype html><body></body>').window;
const day = 86_400_000;

describe('the text summary of a chart (the CLI prints it)', () => {
	it('describes the chart, its range and labels, not its buttons', () => {
		const date = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2020, 0, 1) + i * day));
		const close = date.map((_, i) => 100 + i);
		const prices = aq.table({ date, open: close, high: close, low: close, close, volume: close });
		const { summary } = summarize(candlestickChart(prices, { document, title: 'IWM daily' })) as { summary: string };
		expect(summary).toMatch(/^<div> with \d+ elements: IWM daily, 2020-01-01 to 2020-02-29: /);
		expect(summary).not.toMatch(/log|select|reset/);
	});
});
