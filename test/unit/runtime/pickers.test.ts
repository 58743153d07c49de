import { describe, expect, it } from 'vitest';
import { installDom } from '../../../src/cli/dom';
import { pickers } from '../../../src/lib/runtime/pickers';

installDom();
const Inputs = await import('@observablehq/inputs');
const source = { fetchCsv: async () => ({ text: '', origin: '' }), listSymbols: async () => ['DIA', 'IWM', 'QQQ', '^RUT'] };

describe('symbolPicker', () => {
	it('offers the data folder’s symbols with the default selected first', async () => {
		const input = await pickers(Inputs, source).symbolPicker({ value: 'QQQ' });
		expect(input.value).toBe('QQQ');
		expect([...input.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['QQQ', 'DIA', 'IWM', '^RUT']);
	});

	it('still offers the default when there is no data folder', async () => {
		const input = await pickers(Inputs, { fetchCsv: source.fetchCsv }).symbolPicker({ value: 'SPY', label: 'Index' });
		expect(input.value).toBe('SPY');
		expect(input.textContent).toContain('Index');
	});
});

describe('dateRange', () => {
	it('is one input whose value holds both dates', () => {
		const input = pickers(Inputs, source).dateRange({ start: '2012-11-15', end: '2013-07-31' });
		const { start, end } = input.value as { start: Date; end: Date };
		expect(start.toISOString().slice(0, 10)).toBe('2012-11-15');
		expect(end.toISOString().slice(0, 10)).toBe('2013-07-31');
	});
});
