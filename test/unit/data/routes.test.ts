import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBrowserSource, createLoadSeries, DataError } from '../../../src/lib/data/index';
import { UPLOAD_LIMIT_BYTES } from '../../../src/lib/server/data/index';
import { POST } from '../../../src/routes/api/data/upload/+server';
import { seriesEndpoint as serverFetch } from './series-endpoint';
import { useTempDataDir } from './temp-data-dir';

const data = useTempDataDir('tape-routes-');

/** A raw body goes as text/csv, as the endpoint asks; a FormData sets its own multipart type. */
function post(body: BodyInit, query = '', headers: Record<string, string> = body instanceof FormData ? {} : { 'content-type': 'text/csv' }) {
	const url = new URL(`http://localhost/api/data/upload${query}`);
	// duplex: Node's fetch needs it to send a stream body.
	return POST({ request: new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit), url } as never);
}

describe('series endpoint with the browser source', () => {
	it('serves the CSV of ^RUT with its origin, and loadSeries in the browser reads it', async () => {
		await writeFile(join(data.dir, '^RUT.csv'), 'Date,Close\n2013-07-08,1009.25\n');
		const loadSeries = createLoadSeries(createBrowserSource(serverFetch));
		const t = await loadSeries('^RUT');
		expect(t.get('close', 0)).toBe(1009.25);
		const response = await serverFetch(`/api/data/series/${encodeURIComponent('^RUT')}`);
		expect(response.headers.get('content-type')).toContain('text/csv');
		expect(response.headers.get('x-tape-origin')).toBe('^RUT.csv');
	});

	it('brings the offline message to the browser as a DataError', async () => {
		const error = await createBrowserSource(serverFetch).fetchCsv('IWM').catch((e) => e);
		expect(error).toBeInstanceOf(DataError);
		// No server path in the answer: the folder is named as the data folder.
		expect(error.message).toBe('no data for IWM: offline and not in the data folder; drop IWM.csv there or connect to the network and retry');
	});

	it('answers 400 to a symbol that could name a path', async () => {
		const response = await serverFetch('/api/data/series/..%2F..%2Fetc%2Fpasswd');
		expect(response.status).toBe(400);
		expect((await response.json()).error).toMatch(/is not a symbol/);
	});

	it('asks for a refresh with a JSON POST, never with a GET another website could trigger', async () => {
		const calls: string[] = [];
		const source = createBrowserSource((async (url: string, init?: RequestInit) => {
			calls.push(`${init?.method ?? 'GET'} ${url} ${new Headers(init?.headers).get('content-type')}`);
			return new Response('date,close\n2020-01-02,1\n');
		}) as typeof fetch);
		await source.fetchCsv('^RUT', { refresh: true });
		await source.fetchCsv('^RUT');
		expect(calls).toEqual(['POST /api/data/series/%5ERUT application/json', 'GET /api/data/series/%5ERUT null']);
	});

	it('reports a non-JSON failure by status', async () => {
		const source = createBrowserSource((async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })) as typeof fetch);
		await expect(source.fetchCsv('IWM')).rejects.toThrow('no data for IWM: the server answered 502 Bad Gateway');
	});
});

describe('upload endpoint', () => {
	it('stores a raw CSV body named by ?name=', async () => {
		const response = await post('Date,Close\n2020-01-02,5\n', '?name=XYZ', { 'content-type': 'text/csv' });
		expect(response.status).toBe(201);
		// The file inside the data folder, not the folder's path on the server.
		expect(await response.json()).toMatchObject({ symbol: 'XYZ', rows: 1, first: '2020-01-02', file: 'XYZ.csv' });
		expect(await readFile(join(data.dir, 'XYZ.csv'), 'utf8')).toBe('Date,Close\n2020-01-02,5\n');
	});

	it('stores a multipart file, named after the file', async () => {
		const form = new FormData();
		form.append('file', new File(['date,close\n2020-01-02,5\n'], 'qqq.csv', { type: 'text/csv' }));
		const response = await post(form);
		expect(response.status).toBe(201);
		expect(await readdir(data.dir)).toContain('QQQ.csv');
	});

	it('refuses a CSV that does not parse with 400 naming file:line and column', async () => {
		const response = await post('Date,Close\n2020-01-02,5\n2020-01-03,oops\n', '?name=XYZ');
		expect(response.status).toBe(400);
		expect((await response.json()).error).toBe('XYZ.csv:3, column Close: "oops" is not a number');
		expect(await readdir(data.dir)).toEqual([]);
	});

	it('refuses a body over the limit with 413, by declared length or by counting', async () => {
		const declared = await POST({
			request: new Request('http://localhost/api/data/upload?name=BIG', { method: 'POST', body: 'x', headers: { 'content-length': String(UPLOAD_LIMIT_BYTES + 1) } }),
			url: new URL('http://localhost/api/data/upload?name=BIG')
		} as never);
		expect(declared.status).toBe(413);
		const chunk = new Uint8Array(1024 * 1024).fill(48);
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent++ > UPLOAD_LIMIT_BYTES / chunk.length) controller.close();
				else controller.enqueue(chunk);
			}
		});
		const counted = await post(stream, '?name=BIG', { 'content-type': 'text/csv' });
		expect(counted.status).toBe(413);
		expect((await counted.json()).error).toContain('50 MB upload limit');
		expect(await readdir(data.dir)).toEqual([]);
	});

	it('refuses a raw body that is not text/csv (what an HTML form posts) with 415, writing nothing', async () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
			const response = await post('Date,Close\n2020-01-02,5\n', '?name=PLANTED', { 'content-type': type });
			expect(response.status).toBe(415);
			expect((await response.json()).error).toContain(`not ${type}`);
		}
		expect(await readdir(data.dir)).toEqual([]);
	});

	it('asks for a name when none is given', async () => {
		const response = await post('date,close\n2020-01-02,5\n');
		expect(response.status).toBe(400);
		expect((await response.json()).error).toContain('?name=SYMBOL');
	});
});
