/**
 * Part 5 (server side), presenting: reports and exports of a hostile notebook, on a server of
 * their own (old code could pin it for good).
 *
 * - Server-side code executions: a notebook whose cells write a marker file through
 *   `process.getBuiltinModule('node:fs')` is exported (HTML, zip; the old GET and the new POST)
 *   and shown as a report and slides: the marker must never appear. The export must still carry
 *   the series its code names (control: a static read finds it).
 * - Cross-origin data reads: with a foreign Origin (a site, and "null" for a sandboxed frame of
 *   one), every route that answers with data: no answer may let that origin read it (CORS).
 *   Exports requested from a foreign origin must be refused outright (they cost the server work).
 * - Server paths: data routes' answers and errors, reports and exports name no folder of the server.
 * - Hangs: exporting `while (true) {}` must answer, and the server keep answering, within 5 s.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readEmbeddedData } from '../../src/lib/present/embedded';
import type { RawRequest, RawResponse } from './http';
import { freePort, TapeServer } from './server';
import { Tally, tempRoot, type Figure } from './util';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const HANG_MS = 5000;
const part = 'security';

export async function exportSafety(): Promise<Figure[]> {
	const root = await tempRoot('export');
	const notebooksDir = path.join(root, 'notebooks');
	const dataDir = path.join(root, 'data');
	// Apart from the served folders: the notebook's text (shown in its report) names the marker, not them.
	const marker = path.join(await tempRoot('export-marker'), 'pwned-marker.txt');
	await Promise.all([mkdir(notebooksDir, { recursive: true }), mkdir(dataDir, { recursive: true })]);
	await writeFile(path.join(dataDir, 'GOOD.csv'), 'Date,Close\n2020-01-02,4242.5\n2020-01-03,4243.5\n');
	await writeFile(path.join(dataDir, 'holdings.csv'), 'name,weight\nPRIVATE-HOLDING,0.5\n');
	await writeFile(path.join(notebooksDir, 'innocent.md'), (await readFile(path.join(FIXTURES, 'server-exec.md'), 'utf8')).replaceAll('__MARKER__', marker));
	await copyFile(path.join(FIXTURES, 'export-spin.md'), path.join(notebooksDir, 'spin.md'));
	await writeFile(path.join(notebooksDir, 'reader.md'), "# Reader\n\n```ts\nconst h = await loadTable('holdings');\nconst g = await loadSeries('GOOD');\n```\n");

	const server = await TapeServer.start({ notebooksDir, dataDir, port: await freePort() });
	const { client, port } = server;
	const sameOrigin = `http://127.0.0.1:${port}`;
	const executions = new Tally();
	const missingData = new Tally();
	const crossReads = new Tally();
	const crossExports = new Tally();
	const paths = new Tally();
	const hangs = new Tally();
	let crossAttempts = 0;
	const send = (request: RawRequest): Promise<RawResponse | Error> => client.request({ timeoutMs: 15_000, ...request }).catch((e: Error) => e);
	const exportPost = (name: string, body: unknown, headers: Record<string, string> = { origin: sameOrigin, 'content-type': 'application/json' }): RawRequest => ({
		method: 'POST',
		path: `/api/export/${name}`,
		headers,
		body: JSON.stringify(body)
	});
	const noPaths = (label: string, res: RawResponse | Error) => {
		if (res instanceof Error) return;
		const text = `${JSON.stringify(res.headers)}\n${res.body}`;
		for (const dir of [root, dataDir, notebooksDir]) if (text.includes(dir)) return paths.fail(`${label}: the answer names ${dir}`);
	};

	try {
		// 1. The hostile notebook, exported and presented every way there is (and was).
		const presentations: [string, RawRequest][] = [
			['GET export html (old route)', { path: '/api/export/innocent.md?as=html' }],
			['GET export zip (old route)', { path: '/api/export/innocent.md?as=zip' }],
			['POST export html', exportPost('innocent.md', { as: 'html' })],
			['POST export zip', exportPost('innocent.md', { as: 'zip' })],
			['report', { path: '/view/innocent.md' }],
			['slides', { path: '/slides/innocent.md' }]
		];
		for (const [label, request] of presentations) {
			const res = await send(request);
			if (existsSync(marker)) {
				executions.fail(`${label}: notebook code ran in the server (${await readFile(marker, 'utf8')})`);
				await rm(marker, { force: true });
			}
			noPaths(label, res);
			if (label === 'POST export html' || label === 'report') {
				const ok = !(res instanceof Error) && res.status === 200 && readEmbeddedData(res.body).GOOD?.includes('4242.5');
				if (!ok) missingData.fail(`${label}: GOOD, named by loadSeries('GOOD'), is not embedded (${res instanceof Error ? res.message : res.status})`);
			}
		}

		// 2. Data from a foreign origin: any answer carrying data that the origin may read is a breach.
		const dataRoutes = ['/view/data/GOOD', '/view/data/holdings', '/api/data/series/GOOD', '/api/data/series/GOOD?progress=1', '/api/data/tables/holdings', '/api/data/symbols', '/view/reader.md', '/slides/reader.md', '/view/innocent.md'];
		for (const origin of ['http://evil.example', 'null']) {
			for (const route of dataRoutes) {
				crossAttempts++;
				const res = await send({ path: route, headers: { origin } });
				noPaths(`GET ${route}`, res);
				if (res instanceof Error) continue;
				const allowed = res.headers['access-control-allow-origin'];
				const carries = res.body.includes('4242.5') || res.body.includes('PRIVATE-HOLDING') || res.body.includes('GOOD');
				if (res.status === 200 && carries && (allowed === '*' || allowed === origin)) crossReads.fail(`${origin} reads ${route} (Access-Control-Allow-Origin: ${allowed})`);
			}
			// Exports: the old GET (an <img> can send it), a JSON POST and a form's text/plain POST.
			for (const [label, request] of [
				['GET', { path: '/api/export/reader.md?as=html', headers: { origin } }],
				['POST json', exportPost('reader.md', { as: 'html' }, { origin, 'content-type': 'application/json' })],
				['POST text/plain', exportPost('reader.md', { as: 'zip' }, { origin, 'content-type': 'text/plain' })]
			] as [string, RawRequest][]) {
				crossAttempts++;
				const res = await send(request);
				if (!(res instanceof Error) && res.status < 400) crossExports.fail(`${label} export from ${origin} answered ${res.status}`);
			}
		}
		// A page without Origin (an <img>, a link) gets no export either: it is not a GET any more.
		const img = await send({ path: '/api/export/reader.md?as=html' });
		if (!(img instanceof Error) && img.status < 400) crossExports.fail(`GET export (an <img> or a link) answered ${img.status}`);

		// 3. Error answers of the data routes and presenters, for names that are not there.
		for (const route of ['/api/data/series/NOPE', '/api/data/series/NOPE?progress=1', '/api/data/tables/nope', '/view/data/NOPE', '/view/missing.md', '/slides/missing.md']) {
			noPaths(`GET ${route}`, await send({ path: route }));
		}
		noPaths('POST export of a missing notebook', await send(exportPost('missing.md', { as: 'html' })));
		for (const [label, csv] of [['upload of a table', 'name,weight\nA,1\n'], ['upload that does not parse', 'Date,Close\n2020-01-02,x\n']]) {
			const upload = { method: 'POST', path: `/api/data/upload?name=UPLOADED`, headers: { origin: sameOrigin, 'content-type': 'text/csv' }, body: csv };
			noPaths(label, await send(upload));
		}

		// 4. Last (old code pinned the server for good): the runaway notebook, exported, while a reader lists notebooks.
		for (const request of [{ path: '/api/export/spin.md?as=html' }, exportPost('spin.md', { as: 'html' })] as RawRequest[]) {
			const started = performance.now();
			const exported = send({ ...request, timeoutMs: 2 * HANG_MS });
			await new Promise((resolve) => setTimeout(resolve, 200));
			const probeStart = performance.now();
			const probe = await send({ path: '/api/notebooks', timeoutMs: 2 * HANG_MS });
			const probeMs = performance.now() - probeStart;
			const res = await exported;
			const exportMs = performance.now() - started;
			const label = `${request.method ?? 'GET'} ${request.path}`;
			if (res instanceof Error || exportMs > HANG_MS) hangs.fail(`${label}: no answer within ${HANG_MS / 1000} s`);
			if (probe instanceof Error || probeMs > HANG_MS) hangs.fail(`${label}: the notebook list took over ${HANG_MS / 1000} s meanwhile`);
		}
	} finally {
		for (const tally of [executions, missingData, crossReads, crossExports, paths, hangs]) for (const problem of tally.problems) console.log(`  ! ${problem}`);
		await server.stop();
	}
	return [
		{ part, name: 'server-side code executions (hostile notebook exported 4 ways, shown as report and slides)', value: executions.count, mustBeZero: true },
		{ part, name: '  exports and reports missing the series their code names', value: missingData.count, mustBeZero: true },
		{ part, name: 'cross-origin data reads attempted (data routes, reports, exports)', value: crossAttempts },
		{ part, name: '  cross-origin data reads allowed', value: crossReads.count, mustBeZero: true },
		{ part, name: '  exports made for a foreign origin or a GET', value: crossExports.count, mustBeZero: true },
		{ part, name: 'answers naming a server folder (data routes, reports, exports, their errors)', value: paths.count, mustBeZero: true },
		{ part, name: `hangs over ${HANG_MS / 1000} s (export of while (true) {})`, value: hangs.count, mustBeZero: true }
	];
}
