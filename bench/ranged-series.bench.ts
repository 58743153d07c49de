/**
 * A ranged `loadSeries` (a 2012–2013 IWM cell) against loading the whole file, as the workspace
 * does it: GET the series from the built server with gzip, then parse and clip (createLoadSeries
 * over the browser's source). Prints bytes on the wire and ms from request to table, medians of
 * alternating runs. Runs on TAPE_DATA_DIR when set (the full history), else on the shipped sample.
 *
 *   npm run bench -- ranged            (needs `npm run build`)
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createBrowserSource, createLoadSeries } from '../src/lib/data/index';
import { startBuiltServer } from './built-server';

const root = resolve(import.meta.dirname, '..');
const RUNS = 15;
const SYMBOL = 'IWM';
const RANGE = { start: '2012-01-01', end: '2013-12-31' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

if (!existsSync(join(root, 'build/handler.js'))) {
	console.log('ranged loadSeries: skipped (needs `npm run build`)');
} else {
	const empty = mkdtempSync(join(tmpdir(), 'tape-bench-ranged-'));
	const { port, server } = await startBuiltServer(root, { TAPE_NOTEBOOKS_DIR: empty, TAPE_DATA_DIR: process.env.TAPE_DATA_DIR ?? empty, TAPE_SAMPLE_DIR: join(root, 'sample') });
	let wire = 0;
	/** A fetch over node:http that counts the compressed bytes received, then hands the text on as a browser would. */
	const countingFetch = ((url: string) =>
		new Promise<Response>((done, fail) => {
			const req = request(`http://127.0.0.1:${port}${url}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const body = Buffer.concat(chunks);
					wire += body.byteLength;
					const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
					const headers = new Headers(Object.entries(res.headers).flatMap(([k, v]) => (typeof v === 'string' && k !== 'content-encoding' ? [[k, v] as [string, string]] : [])));
					done(new Response(text, { status: res.statusCode, headers }));
				});
			});
			req.on('error', fail);
			req.end();
		})) as unknown as typeof fetch;

	async function timed(ranged: boolean): Promise<{ ms: number; bytes: number; rows: number }> {
		// A fresh source each time: nothing kept between runs, as in a reader's first opening.
		const loadSeries = createLoadSeries(ranged ? createBrowserSource(countingFetch) : { fetchCsv: (symbol) => createBrowserSource(countingFetch).fetchCsv(symbol) });
		wire = 0;
		const t0 = performance.now();
		const table = await loadSeries(SYMBOL, RANGE);
		return { ms: performance.now() - t0, bytes: wire, rows: table.numRows() };
	}

	try {
		const runs = { whole: [] as number[], ranged: [] as number[] };
		const bytes = { whole: 0, ranged: 0 };
		let rows = 0;
		await timed(false);
		await timed(true);
		for (let i = 0; i < RUNS; i++) {
			for (const kind of ['whole', 'ranged'] as const) {
				const r = await timed(kind === 'ranged');
				runs[kind].push(r.ms);
				bytes[kind] = r.bytes;
				rows = r.rows;
			}
		}
		const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
		console.log(`\nloadSeries('${SYMBOL}', { start: '${RANGE.start}', end: '${RANGE.end}' }) through the built server, gzip (${rows} rows, load ${loadavg()[0].toFixed(1)}):`);
		console.log(`  whole file, clipped in the page   ${kb(bytes.whole).padStart(9)} on the wire  ${median(runs.whole).toFixed(1).padStart(6)} ms median`);
		console.log(`  only the range (?start=&end=)     ${kb(bytes.ranged).padStart(9)} on the wire  ${median(runs.ranged).toFixed(1).padStart(6)} ms median`);
	} finally {
		server.kill();
		rmSync(empty, { recursive: true, force: true });
	}
}
