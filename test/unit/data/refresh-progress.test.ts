import { describe, expect, it, vi } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBrowserSource, DataError, type FetchProgress, type SeriesSource } from '../../../src/lib/data/index';
import { createServerSource } from '../../../src/lib/server/data/index';
import { recordedFetch, recordedFetchFromEnv } from '../../../src/lib/server/data/providers/recorded-fetch';
import { memoizeSource } from '../../../src/lib/runtime/builtins';
import { isFrameMessage } from '../../../src/lib/sandbox/protocol';
import { seriesEndpoint } from './series-endpoint';
import { useTempDataDir } from './temp-data-dir';
import { fakeFetch, fixture, yahooIwm, yahooNotFound } from './fake-fetch';

const data = useTempDataDir('tape-refresh-', { offline: false });


/** Yahoo's recorded IWM answer with every close changed, as a newer download would be. */
const yahooIwmLater = () => new Response(fixture('yahoo-chart-IWM.json').replaceAll('98.28', '99.99'), { headers: { 'content-type': 'application/json' } });

describe('server source: refresh refetches provider data only', () => {
	it('says where each answer came from: provider, then cache; refresh goes back to the provider and rewrites the cache', async () => {
		let answer = yahooIwm;
		const fetchImpl = fakeFetch([[/yahoo/, () => answer()]]);
		const source = createServerSource({ dataDir: data.dir, fetchImpl });
		expect((await source.fetchCsv('IWM')).from).toBe('provider');
		const cached = await source.fetchCsv('IWM');
		expect(cached.from).toBe('cache');
		expect(cached.text).toContain('98.28');

		answer = yahooIwmLater;
		const refreshed = await source.fetchCsv('IWM', { refresh: true });
		expect(refreshed.from).toBe('provider');
		expect(refreshed.text).toContain('99.99');
		expect(await readFile(join(data.dir, '.cache', 'IWM.csv'), 'utf8')).toBe(refreshed.text);
		expect((await source.fetchCsv('IWM')).text).toContain('99.99');
		expect(fetchImpl.calls).toHaveLength(2);
	});

	it('never refetches or overwrites the user’s own file, even when asked to refresh', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), 'date,close\n2020-01-02,1\n');
		const fetchImpl = fakeFetch([[/yahoo/, yahooIwm]]);
		const events: FetchProgress[] = [];
		const result = await createServerSource({ dataDir: data.dir, fetchImpl }).fetchCsv('IWM', { refresh: true, onProgress: (p) => events.push(p) });
		expect(result).toMatchObject({ from: 'folder', origin: join(data.dir, 'IWM.csv') });
		expect(fetchImpl.calls).toEqual([]);
		expect(events).toEqual([]);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe('date,close\n2020-01-02,1\n');
	});

	it('a failed refresh keeps the cached copy', async () => {
		await mkdir(join(data.dir, '.cache'));
		await writeFile(join(data.dir, '.cache', 'IWM.csv'), 'date,close\n2020-01-02,1\n');
		const source = createServerSource({ dataDir: data.dir, fetchImpl: fakeFetch([[/yahoo/, () => new Response('busy', { status: 503, statusText: 'Service Unavailable' })]]) });
		await expect(source.fetchCsv('IWM', { refresh: true })).rejects.toThrow(/could not refresh IWM \(yahoo: yahoo answered 503 Service Unavailable; stooq: cannot reach/);
		expect(await readFile(join(data.dir, '.cache', 'IWM.csv'), 'utf8')).toBe('date,close\n2020-01-02,1\n');
	});
});

describe('progress of a provider download', () => {
	it('reports the provider asked, bytes as they arrive, and providers that decline', async () => {
		const body = fixture('stooq-QQQ.csv');
		const fetchImpl = fakeFetch([
			[/yahoo/, yahooNotFound],
			[/stooq/, () => new Response(body, { headers: { 'content-length': String(Buffer.byteLength(body)) } })]
		]);
		const events: FetchProgress[] = [];
		const result = await createServerSource({ dataDir: data.dir, fetchImpl }).fetchCsv('QQQ', { onProgress: (p) => events.push(p) });
		expect(result.from).toBe('provider');
		expect(events[0]).toEqual({ type: 'fetching', provider: 'yahoo' });
		expect(events).toContainEqual({ type: 'declined', provider: 'yahoo', reason: 'no such symbol' });
		expect(events).toContainEqual({ type: 'fetching', provider: 'stooq' });
		expect(events.at(-1)).toEqual({ type: 'received', provider: 'stooq', bytes: Buffer.byteLength(body), total: Buffer.byteLength(body) });
	});

	it('the series endpoint streams it as JSON lines with ?progress=1, and the browser source reads them to the CSV', async () => {
		vi.stubGlobal('fetch', recordedFetch(join(data.dir, 'recorded'), 200));
		await mkdir(join(data.dir, 'recorded'));
		await writeFile(join(data.dir, 'recorded', 'yahoo-chart-SLOWX.json'), fixture('yahoo-chart-IWM.json'));
		const serverFetch = seriesEndpoint;

		const raw = await (await serverFetch('/api/data/series/SLOWX?progress=1')).text();
		const lines = raw.trim().split('\n').map((line) => JSON.parse(line));
		expect(lines[0]).toEqual({ type: 'fetching', provider: 'yahoo' });
		expect(lines.some((l) => l.type === 'received' && l.bytes > 0)).toBe(true);
		// The page learns the file inside the data folder, never the folder's path on the server.
		expect(lines.at(-1)).toMatchObject({ type: 'csv', from: 'provider', origin: join('.cache', 'SLOWX.csv') });
		expect(lines.at(-1).text.startsWith('Date,Open,High,Low,Close,Adj Close,Volume\n')).toBe(true);

		// Cached now: the browser source gets the CSV at once, with no progress at all.
		const events: FetchProgress[] = [];
		const browser = createBrowserSource(serverFetch);
		const again = await browser.fetchCsv('SLOWX', { onProgress: (p) => events.push(p) });
		expect(again.from).toBe('cache');
		expect(events).toEqual([]);

		// A refresh shows progress again and ends with the new copy.
		const refreshed = await browser.fetchCsv('SLOWX', { refresh: true, onProgress: (p) => events.push(p) });
		expect(refreshed.from).toBe('provider');
		expect(events.map((e) => e.type)).toContain('received');

		// Errors arrive as the last line and are thrown as DataError.
		const error = await browser.fetchCsv('NOPE', { onProgress: () => {} }).catch((e) => e);
		expect(error).toBeInstanceOf(DataError);
		expect(error.message).toBe('no data for NOPE: offline and not in the data folder; drop NOPE.csv there or connect to the network and retry');
	});

	it('the plain endpoint names where the CSV came from in x-tape-from', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), 'date,close\n2020-01-02,1\n');
		vi.stubGlobal('fetch', fakeFetch());
		const response = await seriesEndpoint('/api/data/series/IWM');
		expect(response.headers.get('x-tape-from')).toBe('folder');
	});
});

describe('the test-only recorded provider (TAPE_TEST_PROVIDER_DIR)', () => {
	it('is off unless the variable is set', () => {
		expect(recordedFetchFromEnv({})).toBeUndefined();
		expect(recordedFetchFromEnv({ TAPE_TEST_PROVIDER_DIR: data.dir })).toBeTypeOf('function');
	});

	it('answers Yahoo chart requests from recorded files in chunks, over the delay, and anything else as offline', async () => {
		await writeFile(join(data.dir, 'yahoo-chart-IWM.json'), fixture('yahoo-chart-IWM.json'));
		const recorded = recordedFetch(data.dir, 100);
		const started = Date.now();
		const response = await recorded('https://query1.finance.yahoo.com/v8/finance/chart/IWM?period1=0&interval=1d');
		expect(await response.text()).toBe(fixture('yahoo-chart-IWM.json'));
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
		await expect(recorded('https://query1.finance.yahoo.com/v8/finance/chart/OTHER')).rejects.toThrow('fetch failed');
		await expect(recorded('https://query1.finance.yahoo.com/v8/finance/chart/..%2F..%2Fetc')).rejects.toThrow('fetch failed');
		await expect(recorded('https://stooq.com/q/d/l/?s=iwm.us&i=d')).rejects.toThrow('fetch failed');
	});
});

describe('who may refresh', () => {
	it('the frame’s fetch-series carries no refresh; a refresh it adds is not part of the message', () => {
		expect(isFrameMessage({ type: 'fetch-series', requestId: 1, symbol: 'IWM' })).toBe(true);
		expect(isFrameMessage({ type: 'fetch-table', requestId: 2, name: 'holdings.csv' })).toBe(true);
		expect(isFrameMessage({ type: 'fetch-table', requestId: 2, name: 'x'.repeat(200) })).toBe(false);
		expect(isFrameMessage({ type: 'forget-data' })).toBe(false);
	});

	it('the session memo keeps one fetch per symbol and table until the workspace makes it forget', async () => {
		const calls: string[] = [];
		const source: SeriesSource = {
			async fetchCsv(symbol, opts) {
				calls.push(`${symbol}${opts?.refresh ? ' refresh' : ''}`);
				return { text: 'date,close\n2020-01-02,1\n', origin: 'test' };
			},
			async fetchTable(name) {
				calls.push(`table ${name}`);
				return { text: 'a\n1\n', origin: 'test' };
			}
		};
		const memo = memoizeSource(source);
		await memo.fetchCsv('IWM');
		await memo.fetchCsv('IWM');
		await memo.fetchTable!('holdings.csv');
		await memo.fetchTable!('holdings.csv');
		expect(calls).toEqual(['IWM', 'table holdings.csv']);
		memo.forget();
		await memo.fetchCsv('IWM');
		await memo.fetchTable!('holdings.csv');
		expect(calls).toEqual(['IWM', 'table holdings.csv', 'IWM', 'table holdings.csv']);
	});
});
