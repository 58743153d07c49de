import { describe, expect, it } from 'vitest';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ColumnTable } from 'arquero';
import { createBrowserSource, createLoadSeries, parsePriceSeries, seriesToCsv, type SeriesSource } from '../../../src/lib/data/index';
import { memoizeSource } from '../../../src/lib/runtime/builtins';
import { seriesEndpoint } from './series-endpoint';
import { useTempDataDir } from './temp-data-dir';

const data = useTempDataDir('tape-ranged-');
const sample = resolve(import.meta.dirname, '../../../sample');

/** The endpoint as the browser reaches it, recording each URL asked for and the bytes answered (gzipped when it is). */
function recordedEndpoint() {
	const asked: { url: string; bytes: number }[] = [];
	const endpoint = (async (input: string | URL | Request, init?: RequestInit) => {
		const response = await seriesEndpoint(input, { ...init, headers: { 'accept-encoding': 'gzip' } });
		const body = Buffer.from(await response.arrayBuffer());
		asked.push({ url: String(input), bytes: body.byteLength });
		const plain = response.headers.get('content-encoding') === 'gzip' ? gunzipSync(body) : body;
		const headers = new Headers(response.headers);
		headers.delete('content-encoding');
		return new Response(response.status === 304 ? null : plain, { status: response.status, headers });
	}) as typeof fetch;
	return { asked, endpoint };
}

/** loadSeries over the file read whole, as before ranges existed: what a ranged load must equal. */
const wholeFile = (file: string): SeriesSource => ({ fetchCsv: async () => ({ text: await readFile(file, 'utf8'), origin: 'IWM.csv' }) });

function rows(table: ColumnTable) {
	return (table.objects() as Record<string, unknown>[]).map((row) => ({ ...row, date: (row.date as Date).toISOString().slice(0, 10) }));
}

describe('a ranged loadSeries asks the server for its range only', () => {
	it('gives exactly the whole file’s rows in range, first and last sessions included, in fewer bytes', async () => {
		await copyFile(join(sample, 'IWM.csv'), join(data.dir, 'IWM.csv'));
		const { asked, endpoint } = recordedEndpoint();
		const ranged = createLoadSeries(createBrowserSource(endpoint));
		const whole = createLoadSeries(wholeFile(join(data.dir, 'IWM.csv')));

		const cut = await ranged('IWM', { start: '2012-01-01', end: '2013-12-31' });
		expect(asked.at(-1)!.url).toBe('/api/data/series/IWM?start=2012-01-01&end=2013-12-31');
		expect(rows(cut)).toEqual(rows(await whole('IWM', { start: '2012-01-01', end: '2013-12-31' })));
		// 2012-01-02 was a holiday: the first session is the 3rd; 2013-12-31 was one.
		expect(rows(cut)[0].date).toBe('2012-01-03');
		expect(rows(cut).at(-1)!.date).toBe('2013-12-31');
		expect(cut.numRows()).toBe(502);

		await createLoadSeries(createBrowserSource(endpoint))('IWM');
		const [rangedBytes, wholeBytes] = [asked[0].bytes, asked[1].bytes];
		expect(rangedBytes * 5).toBeLessThan(wholeBytes);
	});

	it('matches the whole load at every kind of edge: bounds on sessions, on weekends, open on one side, outside the file', async () => {
		await copyFile(join(sample, 'IWM.csv'), join(data.dir, 'IWM.csv'));
		const ranged = createLoadSeries(createBrowserSource(recordedEndpoint().endpoint));
		const whole = createLoadSeries(wholeFile(join(data.dir, 'IWM.csv')));
		const ranges = [
			{ start: '2013-07-08', end: '2013-07-08' },
			{ start: '2013-07-06', end: '2013-07-14' },
			{ start: '2024-01-01' },
			{ end: '2000-06-02' },
			{ start: '1990-01-01', end: '2000-05-26' },
			{ start: '1990-01-01', end: '1999-12-31' },
			{ start: new Date('2015-03-02T00:00:00Z'), end: '2015-03-06' }
		];
		for (const range of ranges) {
			expect(rows(await ranged('IWM', range)), JSON.stringify(range)).toEqual(rows(await whole('IWM', range)));
		}
		expect(rows(await ranged('IWM', { start: '2013-07-08', end: '2013-07-08' }))).toHaveLength(1);
	});

	it('keeps the values of every sample series exactly when written back as CSV (indexes, rates, crypto, adjusted closes)', async () => {
		for (const file of (await readdir(sample)).filter((f) => f.endsWith('.csv'))) {
			const parsed = parsePriceSeries(await readFile(join(sample, file), 'utf8'), file);
			const again = parsePriceSeries(seriesToCsv(parsed.series, parsed.layout), file);
			expect(again.series, file).toEqual(parsed.series);
		}
	});

	it('shows the whole file’s warnings, as a whole load does', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), 'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,1,1,1,1,10\n2020-01-03,null,null,null,null,null,null\n2020-01-06,2,2,2,2,2,20\n2020-01-07,3,3,3,3,3,30\n');
		const seen = { ranged: [] as string[], whole: [] as string[] };
		await createLoadSeries(createBrowserSource(recordedEndpoint().endpoint), { onWarning: (w) => seen.ranged.push(w) })('IWM', { start: '2020-01-06' });
		await createLoadSeries(wholeFile(join(data.dir, 'IWM.csv')), { onWarning: (w) => seen.whole.push(w) })('IWM', { start: '2020-01-06' });
		expect(seen.ranged).toEqual(seen.whole);
		expect(seen.ranged[0]).toContain('dropped 1 row(s) with no values (line 3)');
	});

	it('fails on a bad row outside the range as the whole load does, naming file and line but no server path', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), 'Date,Close\n2020-01-02,1\n2020-01-03,abc\n2021-01-04,2\n');
		const response = await seriesEndpoint('/api/data/series/IWM?start=2021-01-01');
		expect(response.status).toBe(422);
		const { error } = await response.json();
		expect(error).toBe('IWM.csv:3, column Close: "abc" is not a number');
		expect(error).not.toContain(data.root);
		await expect(createLoadSeries(createBrowserSource(seriesEndpoint))('IWM', { start: '2021-01-01' })).rejects.toThrow('IWM.csv:3, column Close: "abc" is not a number');
	});

	it('refuses a range that is not two YYYY-MM-DD days in order, naming the parameter', async () => {
		await copyFile(join(sample, 'IWM.csv'), join(data.dir, 'IWM.csv'));
		const cases: [string, string][] = [
			['start=2013-13-01', 'start="2013-13-01" is not a date; write YYYY-MM-DD'],
			['end=2013-02-30', 'end="2013-02-30" is not a date; write YYYY-MM-DD'],
			['start=yesterday', 'start="yesterday" is not a date; write YYYY-MM-DD'],
			['start=2014-01-01&end=2013-01-01', 'start=2014-01-01 is after end=2013-01-01']
		];
		for (const [query, message] of cases) {
			const response = await seriesEndpoint(`/api/data/series/IWM?${query}`);
			expect(response.status, query).toBe(400);
			expect((await response.json()).error).toBe(message);
		}
	});

	it('gives each range its own validator: the same range of an unchanged file is 304, another range or a changed file is sent', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), 'Date,Close\n2020-01-02,1\n2020-01-03,2\n2020-01-06,3\n');
		const first = await seriesEndpoint('/api/data/series/IWM?start=2020-01-03');
		const etag = first.headers.get('etag')!;
		expect(await first.text()).toBe('Date,Close\n2020-01-03,2\n2020-01-06,3\n');
		expect((await seriesEndpoint('/api/data/series/IWM?start=2020-01-03', { headers: { 'if-none-match': etag } })).status).toBe(304);
		const other = await seriesEndpoint('/api/data/series/IWM?start=2020-01-06', { headers: { 'if-none-match': etag } });
		expect(other.status).toBe(200);
		expect(await other.text()).toBe('Date,Close\n2020-01-06,3\n');
		const whole = await seriesEndpoint('/api/data/series/IWM', { headers: { 'if-none-match': etag } });
		expect(whole.status).toBe(200);
		await writeFile(join(data.dir, 'IWM.csv'), 'Date,Close\n2020-01-02,1\n2020-01-03,5\n2020-01-06,3\n');
		const changed = await seriesEndpoint('/api/data/series/IWM?start=2020-01-03', { headers: { 'if-none-match': etag } });
		expect(changed.status).toBe(200);
		expect(await changed.text()).toContain('2020-01-03,5');
		expect(changed.headers.get('x-tape-span')).toBe('2020-01-02/2020-01-06');
	});

	it('is not asked again once the whole file is held: one fetch serves any range after it', async () => {
		await copyFile(join(sample, 'IWM.csv'), join(data.dir, 'IWM.csv'));
		const { asked, endpoint } = recordedEndpoint();
		const loadSeries = createLoadSeries(memoizeSource(createBrowserSource(endpoint)));
		await loadSeries('IWM', { start: '2013-01-01', end: '2013-06-30' });
		await loadSeries('IWM', { start: '2013-01-01', end: '2013-06-30' });
		await loadSeries('IWM');
		await loadSeries('IWM', { start: '2014-01-01', end: '2014-06-30' });
		expect(asked.map((a) => a.url)).toEqual(['/api/data/series/IWM?start=2013-01-01&end=2013-06-30', '/api/data/series/IWM']);
	});
});
