/**
 * Part 4 (server side): size limits. A ~4 MB notebook of thousands of cells saves, lists and
 * opens; a save over the documented limits (5 MB of notebook, 8 MB of request body) gets 413
 * with a message naming the limit and leaves the file as it was; an upload over the documented
 * 50 MB gets 413 and writes nothing to the data folder, whether it declares its length or not.
 * Series reads: 20 parallel requests for a 200 MB CSV in the data folder are refused by name
 * and limit, and 8 parallel reads of a 45 MB one are streamed whole, while the server's memory
 * stays bounded and a probe request keeps answering within 5 s.
 */
import { readFile, mkdir, truncate, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { MAX_NOTEBOOK_BYTES, MAX_REQUEST_BYTES } from '../../src/lib/server/store/limits';
import { UPLOAD_LIMIT_BYTES } from '../../src/lib/server/data/upload';
import { SERIES_LIMIT_BYTES } from '../../src/lib/server/data/server-source';
import { HttpClient } from './http';
import { manyCellNotebook, notebookText } from './notebooks';
import { freePort, TapeServer } from './server';
import { sha16, snapshot, snapshotDiff, Tally, tempRoot, type Figure } from './util';

/** `total` bytes in chunks, generated as sent: the body is never held whole in memory. */
/** GETs `path` and counts the body's bytes without keeping them. */
function drain(port: number, urlPath: string): Promise<{ status: number; bytes: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
			let bytes = 0;
			let body = '';
			res.on('data', (chunk: Buffer) => {
				bytes += chunk.length;
				if (body.length < 1000) body += chunk.toString('utf8', 0, Math.min(chunk.length, 1000));
			});
			res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, body }));
			res.on('error', reject);
		});
		req.setTimeout(120_000, () => req.destroy(new Error(`GET ${urlPath}: no answer within 120 s`)));
		req.on('error', reject);
	});
}

/** The resident memory of process `pid` in MB (Linux), or NaN where /proc is not there. */
async function rssMb(pid: number): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
	return kb ? Number(kb) / 1024 : NaN;
}

async function* chunks(total: number, piece: Buffer): AsyncGenerator<Buffer> {
	for (let sent = 0; sent < total; sent += piece.length) yield sent + piece.length <= total ? piece : piece.subarray(0, total - sent);
}

export async function limits(_seed: number): Promise<Figure[]> {
	const root = await tempRoot('limits');
	const notebooksDir = path.join(root, 'notebooks');
	const dataDir = path.join(root, 'data');
	await mkdir(dataDir, { recursive: true });
	await writeFile(path.join(dataDir, 'KEEP.csv'), 'Date,Close\n2020-01-02,1\n');
	const server = await TapeServer.start({ notebooksDir, dataDir, port: await freePort() });
	const { client } = server;
	const failures = new Tally();
	const figures: Figure[] = [];
	const part = 'limits';
	const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
		const started = performance.now();
		const result = await work();
		return [result, Math.round(performance.now() - started)];
	};

	try {
		// A very large notebook: ~4 MB, 4,000 cells.
		const cells = 4000;
		const big = manyCellNotebook(cells, 4 * 1024 * 1024, 'big');
		const bigBytes = Buffer.byteLength(big);
		const [saved, saveMs] = await timed(() => client.json('PUT', '/api/notebooks/big.md', { text: big, baseRevision: null }));
		if (saved.status !== 200 || saved.data?.revision !== sha16(big)) failures.fail(`saving ${bigBytes} bytes: ${saved.status} ${saved.body.slice(0, 200)}`);
		const [listed, listMs] = await timed(() => client.json('GET', '/api/notebooks'));
		const entry = (listed.data?.notebooks ?? []).find((nb: { name: string }) => nb.name === 'big.md');
		if (listed.status !== 200 || entry?.size !== bigBytes || entry?.error) failures.fail(`list: ${listed.status} ${JSON.stringify(entry)?.slice(0, 200)}`);
		const [opened, openMs] = await timed(() => client.json('GET', '/api/notebooks/big.md'));
		if (opened.status !== 200 || opened.data?.text !== big) failures.fail(`open: ${opened.status}, text ${opened.data?.text === big ? 'equal' : 'differs'}`);
		const edited = big.replace('Cell 0 of big', 'Cell 0 (edited) of big');
		const [resaved, resaveMs] = await timed(() => client.json('PUT', '/api/notebooks/big.md', { text: edited, baseRevision: sha16(big) }));
		if (resaved.status !== 200) failures.fail(`saving it again: ${resaved.status} ${resaved.body.slice(0, 200)}`);
		figures.push(
			{ part, name: `${(bigBytes / 1024 / 1024).toFixed(1)} MB notebook, ${cells} cells: save ms`, value: saveMs },
			{ part, name: `  list ms / open ms / save again ms`, value: `${listMs} / ${openMs} / ${resaveMs}` }
		);

		// Saves over the limits: refused with 413 and the limit named; the file stays as it was.
		const before = await snapshot(notebooksDir);
		const overNotebook = notebookText('over', 'over the notebook limit', MAX_NOTEBOOK_BYTES + 1024);
		const overBody = notebookText('over', 'over the body limit', MAX_REQUEST_BYTES + 1024);
		const attempts: [string, () => ReturnType<typeof client.request>, RegExp][] = [
			[`notebook of ${(Buffer.byteLength(overNotebook) / 1048576).toFixed(1)} MB`, () => client.json('PUT', '/api/notebooks/big.md', { text: overNotebook, baseRevision: sha16(edited) }), /larger than the limit of 5 MB/],
			[`body of ${(MAX_REQUEST_BYTES / 1048576 + 0.1).toFixed(1)} MB with Content-Length`, () => client.json('PUT', '/api/notebooks/big.md', { text: overBody, baseRevision: sha16(edited) }), /larger than the limit of 8 MB/],
			[
				'body over 8 MB without Content-Length (chunked)',
				() =>
					client.request({
						method: 'PUT',
						path: '/api/notebooks/big.md',
						headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
						body: (async function* () {
							yield Buffer.from(`{"baseRevision":"${sha16(edited)}","text":"`);
							yield* chunks(MAX_REQUEST_BYTES + 1024, Buffer.alloc(65536, 'a'));
							yield Buffer.from('"}');
						})()
					}),
				/larger than the limit of 8 MB/
			],
			[
				'new notebook over 5 MB',
				() => client.json('PUT', '/api/notebooks/new-big.md', { text: overNotebook, baseRevision: null }),
				/larger than the limit of 5 MB/
			]
		];
		let refused = 0;
		for (const [label, send, message] of attempts) {
			const res = await send().catch((error: Error) => ({ status: 0, body: error.message, headers: {} }));
			if (res.status === 413 && message.test(res.body)) refused++;
			else failures.fail(`save, ${label}: ${res.status} ${res.body.slice(0, 200)}`);
		}
		const changed = snapshotDiff(before, await snapshot(notebooksDir));
		for (const change of changed) failures.fail(`a refused save changed the notebooks folder: ${change}`);
		figures.push({ part, name: `saves over the limit refused with 413 (of ${attempts.length})`, value: refused });

		// Uploads over 50 MB: nothing written, whatever the body looks like. The multipart one comes
		// with the Origin a browser on the workspace page sends.
		const dataBefore = await snapshot(dataDir);
		const over = UPLOAD_LIMIT_BYTES + 1024 * 1024;
		const csvPiece = Buffer.from('2020-01-02,1\n'.repeat(5000));
		const csvBody = () => (async function* () {
			yield Buffer.from('Date,Close\n');
			yield* chunks(over, csvPiece);
		})();
		const boundary = 'tape-reliability-boundary';
		const multipart = () => (async function* () {
			yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nHUGE\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="HUGE.csv"\r\nContent-Type: text/csv\r\n\r\nDate,Close\n`);
			yield* chunks(over, csvPiece);
			yield Buffer.from(`\r\n--${boundary}--\r\n`);
		})();
		const uploads: [string, () => ReturnType<typeof client.request>][] = [
			['raw body with Content-Length', () => client.request({ method: 'POST', path: '/api/data/upload?name=HUGE', headers: { 'content-type': 'text/csv', 'content-length': over + 11 }, body: csvBody() })],
			['raw body, chunked', () => client.request({ method: 'POST', path: '/api/data/upload?name=HUGE', headers: { 'content-type': 'text/csv', 'transfer-encoding': 'chunked' }, body: csvBody() })],
			['multipart, chunked', () => client.request({ method: 'POST', path: '/api/data/upload', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked', origin: `http://127.0.0.1:${server.port}` }, body: multipart() })]
		];
		let uploadsRefused = 0;
		for (const [label, send] of uploads) {
			const res = await send().catch((error: Error) => ({ status: 0, body: error.message, headers: {} }));
			if (res.status === 413 && /50 MB upload limit/.test(res.body)) uploadsRefused++;
			else failures.fail(`upload, ${label}: ${res.status} ${res.body.slice(0, 200)}`);
		}
		for (const change of snapshotDiff(dataBefore, await snapshot(dataDir))) failures.fail(`a refused upload changed the data folder: ${change}`);
		figures.push({ part, name: `uploads over ${UPLOAD_LIMIT_BYTES / 1048576} MB refused with 413 (of ${uploads.length})`, value: uploadsRefused });

		figures.push(...(await seriesReads(server, dataDir, failures)));

		// Control: the same server takes a small upload, so "nothing written" above means something.
		const small = await client.request({ method: 'POST', path: '/api/data/upload?name=SMALL', headers: { 'content-type': 'text/csv' }, body: 'Date,Close\n2020-01-02,1\n2020-01-03,2\n' });
		if (small.status !== 201) failures.fail(`control upload: ${small.status} ${small.body.slice(0, 200)}`);
	} finally {
		await server.stop();
	}
	for (const problem of failures.problems) console.log(`  ! ${problem}`);
	figures.push({ part, name: 'limit checks failed', value: failures.count, mustBeZero: true });
	return figures;
}

/** 20 parallel reads of a 200 MB series (refused) and 8 of a 45 MB one (streamed), watched for memory and stalls. */
async function seriesReads(server: TapeServer, dataDir: string, failures: Tally): Promise<Figure[]> {
	const part = 'limits';
	const MB = 1024 * 1024;
	// Sparse files: their size is what counts, and they cost no disk.
	for (const [name, size] of [['HUGE200', 200 * MB], ['BIG45', 45 * MB]] as const) {
		await writeFile(path.join(dataDir, `${name}.csv`), 'Date,Close\n');
		await truncate(path.join(dataDir, `${name}.csv`), size);
	}
	const rssBefore = await rssMb(server.pid);
	let rssPeak = rssBefore;
	let sampling = true;
	const sampler = (async () => {
		while (sampling) {
			rssPeak = Math.max(rssPeak, await rssMb(server.pid));
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})();
	// A person using the workspace meanwhile: the notebook list, on a connection of its own.
	const prober = new HttpClient(server.port, 1);
	const probes: number[] = [];
	let probing = true;
	const probe = (async () => {
		while (probing) {
			const started = performance.now();
			const res = await prober.request({ path: '/api/notebooks', timeoutMs: 60_000 }).catch(() => ({ status: 0 }));
			probes.push(res.status === 200 ? performance.now() - started : Infinity);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	})();
	const tooLarge = new RegExp(`^HUGE200\\.csv is 200 MB, over the ${SERIES_LIMIT_BYTES / MB} MB a price series may have`);
	const refused = await Promise.all(Array.from({ length: 20 }, () => drain(server.port, '/api/data/series/HUGE200')));
	for (const res of refused) {
		let error = '';
		try {
			error = JSON.parse(res.body).error ?? '';
		} catch {
			// not JSON: counted below
		}
		if (res.status !== 422 || !tooLarge.test(error)) failures.fail(`200 MB series: ${res.status} ${res.body.slice(0, 200)}`);
	}
	const streamed = await Promise.all(Array.from({ length: 8 }, () => drain(server.port, '/api/data/series/BIG45')));
	for (const res of streamed) if (res.status !== 200 || res.bytes !== 45 * MB) failures.fail(`45 MB series: ${res.status}, ${res.bytes} bytes`);
	probing = false;
	sampling = false;
	await Promise.all([probe, sampler]);
	prober.close();
	const slow = probes.filter((ms) => ms > 5000).length;
	return [
		{ part, name: 'series reads: 20 × 200 MB refused, 8 × 45 MB streamed; server RSS MB before / peak', value: `${rssBefore.toFixed(0)} / ${rssPeak.toFixed(0)}` },
		{ part, name: 'series reads that grew the server by over 256 MB', value: rssPeak - rssBefore > 256 ? 1 : 0, mustBeZero: true },
		{ part, name: `probes during series reads over 5 s or failed (of ${probes.length})`, value: slow, mustBeZero: true }
	];
}
