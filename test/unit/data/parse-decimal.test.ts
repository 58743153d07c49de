import { describe, expect, it } from 'vitest';
import { DataError, parsePriceCsv } from '../../../src/lib/data/index';
import { parseDecimal } from '../../../src/lib/data/parse-decimal';

// Found by the reliability suite's CSV fuzzing (test/reliability/fuzz.ts): "1e400" loaded as Infinity.
describe('numbers too large for a double', () => {
	it.each(['1e400', '-1e400', '1' + '0'.repeat(400), '0.000001001e40000000000000033'])('%s is not a number', (raw) => {
		expect(parseDecimal(raw, 0, raw.length)).toBeNaN();
	});

	it('are refused by the loader at their line and column, not loaded as Infinity', () => {
		let error: unknown;
		try {
			parsePriceCsv('date,close\n2020-01-02,1\n2020-01-03,1e400\n', 'X.csv');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DataError);
		expect([(error as DataError).line, (error as DataError).column]).toEqual([3, 'close']);
		expect((error as DataError).message).toContain('"1e400" is not a number');
	});

	it('tiny and long-but-finite numbers still read as Number() does', () => {
		for (const raw of ['1e-400', '1.7976931348623157e308', '68.36211999999999', '2.6001442054162187e-36']) {
			expect(parseDecimal(raw, 0, raw.length)).toBe(Number(raw));
		}
	});
});
