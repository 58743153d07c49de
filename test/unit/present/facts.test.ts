import { describe, expect, it } from 'vitest';
import { factsOf, labelOf } from '../../../src/lib/present/facts';

describe('factsOf: a findings object as lines of text', () => {
	it('reads a flat record key by key, in words, at a reader’s precision', () => {
		expect(
			factsOf({
				symbol: 'IWM',
				pastSlopePerYear: 34.21456,
				recentN: 1234,
				pastAmongAnalogues: false,
				analogueStarts: ['2010-07-01', '2016-02-11'],
				pastWorstDate: new Date('2011-10-03T00:00:00Z'),
				missing: null
			})
		).toEqual([
			{ label: 'Symbol', value: 'IWM' },
			{ label: 'Past slope per year', value: '34.21' },
			{ label: 'Recent n', value: '1,234' },
			{ label: 'Past among analogues', value: 'no' },
			{ label: 'Analogue starts', value: '2010-07-01, 2016-02-11' },
			{ label: 'Past worst date', value: '2011-10-03' },
			{ label: 'Missing', value: '—' }
		]);
	});

	it('leaves anything deeper, or not a plain record, to the inspector', () => {
		expect(factsOf({ a: 1, nested: { b: 2 } })).toBeUndefined();
		expect(factsOf({ rows: [{ a: 1 }] })).toBeUndefined();
		expect(factsOf([1, 2])).toBeUndefined();
		expect(factsOf(new Map([['a', 1]]))).toBeUndefined();
		expect(factsOf({})).toBeUndefined();
		expect(factsOf(42)).toBeUndefined();
	});

	it('splits camelCase, digits and underscores into words', () => {
		expect(labelOf('analogueFwd63Median')).toBe('Analogue fwd 63 median');
		expect(labelOf('breakout_events')).toBe('Breakout events');
	});
});
