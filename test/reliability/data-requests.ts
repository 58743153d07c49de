/**
 * Part of `security`: data requests another website (or a stray folder) could misuse.
 * - Refresh: a refetch costs a download and rewrites the cache, so only the workspace's own page
 *   may ask for it (a JSON POST from its origin). GETs with ?refresh=1, and POSTs from a foreign
 *   Origin or in a form's encoding, must refetch nothing; the same-origin POST must (control).
 * - A folder named like a series (`DIRX.csv`) in the data folder: the symbol list still answers,
 *   and loading it gets a clear error, never a 500.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, ROOT, TapeServer } from './server';
import type { RawRequest } from './http';
import { sha16, Tally, tempRoot, type Figure } from './util';

const OLD = 'Date,Close\n2020-01-02,1\n';

export async function dataRequests(): Promise<Figure[]> {
	const root = await tempRoot('data-requests');
	const dataDir = path.join(root, 'data');
	const providerDir = path.join(root, 'provider');
	await mkdir(path.join(dataDir, '.cache'), { recursive: true });
	await mkdir(providerDir);
	await mkdir(path.join(dataDir, 'DIRX.csv'));
	await writeFile(path.join(dataDir, 'GOOD.csv'), OLD);
	await writeFile(path.join(providerDir, 'yahoo-chart-REFX.json'), await readFile(path.join(ROOT, 'test/fixtures/data/yahoo-chart-IWM.json')));
	const cached = path.join(dataDir, '.cache', 'REFX.csv');
	await writeFile(cached, OLD);
	const server = await TapeServer.start({
		notebooksDir: path.join(root, 'notebooks'),
		dataDir,
		port: await freePort(),
		env: { TAPE_TEST_PROVIDER_DIR: providerDir, TAPE_TEST_PROVIDER_DELAY_MS: '0' }
	});
	const { client, port } = server;
	const part = 'security';
	const refetched = async () => {
		const changed = sha16(await readFile(cached)) !== sha16(OLD);
		if (changed) await writeFile(cached, OLD);
		return changed;
	};
	try {
		const foreign = new Tally();
		const series = '/api/data/series/REFX';
		const jsonBody = { 'content-type': 'application/json' };
		const attempts: [string, RawRequest][] = [
			['GET ?refresh=1', { path: `${series}?refresh=1` }],
			['GET ?refresh=1&progress=1', { path: `${series}?refresh=1&progress=1` }],
			['GET ?refresh=1 from another site', { path: `${series}?refresh=1`, headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } }],
			['POST JSON from http://evil.example', { method: 'POST', path: series, headers: { ...jsonBody, origin: 'http://evil.example' }, body: '{}' }],
			['POST JSON from Origin null (a sandboxed frame)', { method: 'POST', path: series, headers: { ...jsonBody, origin: 'null' }, body: '{}' }],
			['POST JSON from another port', { method: 'POST', path: `${series}?progress=1`, headers: { ...jsonBody, origin: `http://127.0.0.1:${port + 1}` }, body: '{}' }],
			['POST text/plain (a form)', { method: 'POST', path: series, headers: { 'content-type': 'text/plain' }, body: '{}' }],
			['POST urlencoded from another site', { method: 'POST', path: series, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' }, body: 'refresh=1' }],
			['POST multipart from the workspace origin', { method: 'POST', path: series, headers: { 'content-type': 'multipart/form-data; boundary=x', origin: `http://127.0.0.1:${port}` }, body: '--x--\r\n' }]
		];
		for (const [label, request] of attempts) {
			const res = await client.request(request);
			if (await refetched()) foreign.fail(`${label}: refetched (${res.status})`);
		}
		// Control: the workspace's Refresh data does refetch, so the rows above can fail.
		const control = await client.request({ method: 'POST', path: series, headers: { ...jsonBody, origin: `http://127.0.0.1:${port}` }, body: '{}' });
		const controlFailed = control.status === 200 && (await refetched()) ? 0 : 1;
		if (controlFailed) console.log(`  ! same-origin refresh did not refetch: ${control.status} ${control.body.slice(0, 200)}`);

		const folderErrors = new Tally();
		const symbols = await client.request({ path: '/api/data/symbols' });
		if (symbols.status !== 200 || !symbols.body.includes('GOOD')) folderErrors.fail(`symbols: ${symbols.status} ${symbols.body.slice(0, 200)}`);
		for (const urlPath of ['/api/data/series/DIRX', '/api/data/series/DIRX?progress=1', '/api/data/tables/DIRX']) {
			const res = await client.request({ path: urlPath });
			if (res.status >= 500 || !/"error"/.test(res.body)) folderErrors.fail(`${urlPath}: ${res.status} ${res.body.slice(0, 200)}`);
		}
		for (const tally of [foreign, folderErrors]) for (const problem of tally.problems) console.log(`  ! ${problem}`);
		return [
			{ part, name: `refresh attempts another site could make (of ${attempts.length}) that refetched`, value: foreign.count, mustBeZero: true },
			{ part, name: 'same-origin refresh (control) failed to refetch', value: controlFailed, mustBeZero: true },
			{ part, name: 'data answers failing on a folder named DIRX.csv (500 or no error)', value: folderErrors.count, mustBeZero: true }
		];
	} finally {
		await server.stop();
	}
}
