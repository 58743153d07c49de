/**
 * Part 5 (server side): hostile requests against the real server.
 *
 * - Path traversal on every endpoint that takes a name, in the URL and in JSON or form bodies:
 *   `../`, `%2e%2e/`, `%2e%2e%2f`, `..%5c`, double encoding, absolute paths, NUL bytes, and
 *   symlinks planted inside notebooks/, its trash and the data folder pointing outside. A breach
 *   is anything outside the two folders read (a canary token or /etc/passwd in an answer),
 *   written, created or deleted (content, size or mtime of every file around them changed).
 * - DNS rebinding: a foreign Host header is refused (and changes nothing) while on localhost.
 * - Cross-site writes: a foreign Origin on PUT/POST/DELETE is refused and changes nothing.
 * - Headers: every answer carries `X-Content-Type-Options: nosniff`, the app's and the static
 *   handler's alike (every file of the build's client folder, compressed, conditional, ranged and
 *   HEAD answers); none allows CORS.
 * - Reports and exports of a hostile notebook (export-safety.ts): no code run in the server, no
 *   data to a foreign origin, no server path in an answer, no hang.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportSafety } from './export-safety';
import type { RawRequest, RawResponse } from './http';
import { notebookText } from './notebooks';
import { freePort, ROOT, servedBuildDir, TapeServer } from './server';
import { sha16, snapshot, snapshotDiff, Tally, tempRoot, type Figure } from './util';

const TRASHED_AT = '2020-01-01T00-00-00.000Z';

export async function security(_seed: number): Promise<Figure[]> {
	// Reports and exports of hostile notebooks, on a server of their own (export-safety.ts).
	const presenting = await exportSafety();
	const token = `CANARY-${randomBytes(8).toString('hex')}`;
	// Its own marker: the API may echo a refused name back, which must not count as a leak.
	const escapeName = `escaped-${randomBytes(8).toString('hex')}.md`;
	const root = await tempRoot('security');
	const notebooksDir = path.join(root, 'notebooks');
	const dataDir = path.join(root, 'data');
	const outside = path.join(root, 'outside');
	const trashDir = path.join(notebooksDir, '.trash');
	await Promise.all([mkdir(trashDir, { recursive: true }), mkdir(dataDir, { recursive: true }), mkdir(path.join(outside, 'trash'), { recursive: true })]);

	const canary = path.join(outside, 'canary.md');
	const canaryText = notebookText('canary', token);
	await writeFile(canary, canaryText);
	await writeFile(path.join(outside, 'CANARY.csv'), `Date,Close,${token}\n2020-01-02,1,1\n`);
	await writeFile(path.join(outside, 'LINK.csv'), `Date,Close,${token}\n2020-01-02,1,1\n`);
	await writeFile(path.join(outside, 'trash', `secret.md.${TRASHED_AT}`), notebookText('secret', token));
	const okText = notebookText('ok', 'ok');
	const legitEntry = `kept.md.${TRASHED_AT}`;
	await writeFile(path.join(notebooksDir, 'ok.md'), okText);
	await writeFile(path.join(trashDir, legitEntry), notebookText('kept', 'kept'));
	await symlink(canary, path.join(notebooksDir, 'link.md'));
	await symlink(path.join(outside, 'created-through-link.md'), path.join(notebooksDir, 'dangling.md'));
	await symlink(canary, path.join(trashDir, `evil.md.${TRASHED_AT}`));
	await writeFile(path.join(dataDir, 'GOOD.csv'), 'Date,Close\n2020-01-02,1\n');
	await symlink(path.join(outside, 'LINK.csv'), path.join(dataDir, 'LINK.csv'));

	const server = await TapeServer.start({ notebooksDir, dataDir, port: await freePort() });
	const { client, port } = server;
	const sameOrigin = `http://127.0.0.1:${port}`;
	const breaches = new Tally();
	const missingNosniff = new Tally();
	let traversalAttempts = 0;
	let traversalAccepted = 0;

	/** Everything under the temp root except the insides of the two served folders. */
	const outsideState = async () => {
		const all = await snapshot(root);
		for (const key of [...all.keys()]) if (key.startsWith(`notebooks${path.sep}`) || key.startsWith(`data${path.sep}`)) all.delete(key);
		return all;
	};
	const escapeSpots = [root, path.dirname(root), os.tmpdir(), ROOT, path.join(ROOT, 'notebooks'), '/'].map((dir) => path.join(dir, escapeName));

	// A malformed Host is answered 400 by adapter-node before the app's hook (which sets
	// Referrer-Policy) runs; the server entry still puts nosniff on it.
	let beforeHook = 0;
	const checkHeaders = (label: string, res: RawResponse) => {
		if (res.headers['referrer-policy'] === undefined) beforeHook++;
		if (res.headers['x-content-type-options'] !== 'nosniff') missingNosniff.fail(`${label}: ${res.status} without nosniff`);
		if (res.headers['access-control-allow-origin'] !== undefined) breaches.fail(`${label}: CORS allowed for ${res.headers['access-control-allow-origin']}`);
	};

	/** Sends one hostile request; anything read, written or deleted outside is a breach. */
	const attempt = async (label: string, request: RawRequest) => {
		// Put back what earlier attempts may legitimately have moved (all inside the folders).
		if (!existsSync(path.join(notebooksDir, 'ok.md'))) await writeFile(path.join(notebooksDir, 'ok.md'), okText);
		if (!existsSync(path.join(trashDir, legitEntry))) await writeFile(path.join(trashDir, legitEntry), notebookText('kept', 'kept'));
		const before = await outsideState();
		traversalAttempts++;
		let res: RawResponse;
		try {
			res = await client.request(request);
		} catch (error) {
			res = { status: 0, headers: {}, body: `(no answer: ${(error as Error).message})` };
		}
		if (res.status > 0) checkHeaders(label, res);
		if (res.status >= 200 && res.status < 300) traversalAccepted++;
		if (res.body.includes(token) || res.body.includes('root:x:0:0')) breaches.fail(`${label}: answer holds a file from outside (${res.status})`);
		for (const change of snapshotDiff(before, await outsideState())) breaches.fail(`${label}: ${change} outside the folders (${res.status} ${res.body.slice(0, 120)})`);
		for (const spot of escapeSpots) if (existsSync(spot)) breaches.fail(`${label}: created ${spot}`);
	};
	const json = (method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): RawRequest => ({
		method,
		path: urlPath,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const multipartUpload = (name: string): RawRequest => {
		const boundary = 'tape-security-boundary';
		const body = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\nDate,Close\n2020-01-02,2\n\r\n--${boundary}--\r\n`;
		return { method: 'POST', path: '/api/data/upload', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: sameOrigin }, body };
	};

	try {
		// Names as they appear in a URL segment: raw, encoded, double-encoded, absolute, NUL, links.
		const target = (file: string) => [
			`..%2foutside%2f${file}`,
			`%2e%2e%2foutside%2f${file}`,
			`%2e%2e/outside/${file}`,
			`../outside/${file}`,
			`..%5coutside%5c${file}`,
			`%2e%2e%5coutside%5c${file}`,
			`..\\outside\\${file}`,
			`%252e%252e%252foutside%252f${file}`,
			`....%2f%2foutside%2f${file}`,
			`.%2e%2foutside%2f${file}`,
			encodeURIComponent(path.join(outside, file)),
			path.join(outside, file).slice(1),
			`${file}%00`,
			`${file}%00.md`,
			`..%2foutside%2f${file}%00.md`,
			'..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
			`..%2f${escapeName}`,
			`..%2f..%2f${escapeName}`
		];
		const notebookSegments = [...target('canary.md'), 'link.md', 'dangling.md', '..', '%2e%2e', '%00', '.trash', `.trash%2fevil.md.${TRASHED_AT}`];
		const hostile = notebookText('hostile', 'hostile');
		for (const segment of notebookSegments) {
			const at = `/api/notebooks/${segment}`;
			await attempt(`GET ${at}`, json('GET', at));
			await attempt(`PUT ${at} on the canary's revision`, json('PUT', at, { text: hostile, baseRevision: sha16(canaryText) }));
			await attempt(`PUT ${at} as new`, json('PUT', at, { text: hostile, baseRevision: null }));
			await attempt(`DELETE ${at}`, json('DELETE', at));
			await attempt(`rename ${at}`, json('POST', `${at}/rename`, { to: 'stolen.md' }));
			await attempt(`duplicate ${at}`, json('POST', `${at}/duplicate`, { to: 'stolen-copy.md' }));
			await attempt(`history of ${at}`, json('GET', `${at}/history`));
			await attempt(`version 1 of ${at}`, json('GET', `${at}/history/1`));
			await attempt(`restore version 1 of ${at}`, json('POST', `${at}/history/1/restore`, {}));
			await attempt(`report of version 1 of ${segment}`, json('GET', `/view/${segment}/version/1`));
		}
		for (const id of ['..%2f..%2foutside%2fcanary.md', '%2e%2e', '1%00', '-1', '1e3']) {
			await attempt(`version ${id} of ok.md`, json('GET', `/api/notebooks/ok.md/history/${id}`));
			await attempt(`restore version ${id} of ok.md`, json('POST', `/api/notebooks/ok.md/history/${id}/restore`, {}));
		}

		// Names as they appear in JSON bodies (already decoded) and in form fields.
		const bodyNames = [
			`../outside/canary.md`,
			`..\\outside\\canary.md`,
			canary,
			`canary.md\u0000.md`,
			`ok.md\u0000`,
			`%2e%2e%2foutside%2fcanary.md`,
			`..%2foutside%2fcanary.md`,
			`%252e%252e%252foutside%252fcanary.md`,
			'link.md',
			'dangling.md',
			`../${escapeName}`,
			`../../${escapeName}`,
			path.join(os.tmpdir(), escapeName),
			'.trash/../../outside/canary.md',
			'../../../../../../../etc/passwd',
			'..',
			'.trash'
		];
		for (const name of bodyNames) {
			const label = JSON.stringify(name);
			await attempt(`create ${label}`, json('POST', '/api/notebooks', { name, text: hostile }));
			await attempt(`rename ok.md to ${label}`, json('POST', '/api/notebooks/ok.md/rename', { to: name }));
			await attempt(`duplicate ok.md to ${label}`, json('POST', '/api/notebooks/ok.md/duplicate', { to: name }));
			await attempt(`restore entry ${label}`, json('POST', '/api/trash/restore', { entry: name }));
			await attempt(`restore entry ${label}.${TRASHED_AT}`, json('POST', '/api/trash/restore', { entry: `${name}.${TRASHED_AT}` }));
			await attempt(`restore ${legitEntry} as ${label}`, json('POST', '/api/trash/restore', { entry: legitEntry, as: name }));
		}
		// A trash entry that is a symlink to a file outside.
		await attempt('restore a trash entry linking outside', json('POST', '/api/trash/restore', { entry: `evil.md.${TRASHED_AT}` }));
		await attempt('list the trash', json('GET', '/api/trash'));

		// Market data: symbols in the URL, upload names in the query string and in form fields.
		const symbolSegments = [...target('CANARY').map((s) => s.replace(/canary\.md/g, 'CANARY')), '.cache%2f..%2f..%2foutside%2fCANARY', `${encodeURIComponent('^')}..%2fCANARY`];
		for (const segment of symbolSegments) {
			await attempt(`GET /api/data/series/${segment}`, json('GET', `/api/data/series/${segment}`));
			await attempt(`GET /api/data/tables/${segment}`, json('GET', `/api/data/tables/${segment}`));
			await attempt(`GET /api/data/tables/${segment}.csv`, json('GET', `/api/data/tables/${segment}.csv`));
			await attempt(`upload ?name=${segment}`, { method: 'POST', path: `/api/data/upload?name=${segment}`, headers: { 'content-type': 'text/csv' }, body: 'Date,Close\n2020-01-02,2\n' });
		}
		// Tables are any CSV of the folder, but never the provider cache beside it, nor a hidden file.
		for (const segment of ['.cache%2fCANARY.csv', '.cache', '.hidden.csv', '%2e%2e', '%2e%2e%2foutside%2fCANARY.csv']) {
			await attempt(`GET /api/data/tables/${segment}`, json('GET', `/api/data/tables/${segment}`));
		}
		// The data folder is the user's own: a SYMBOL.csv symlink there is followed on read by design
		// (e.g. linking a shared prices folder); uploading under its name must replace the link.
		const linkRead = await client.request({ path: '/api/data/series/LINK' });
		const dataLinksFollowed = linkRead.status === 200 && linkRead.body.includes(token) ? 1 : 0;
		await attempt('upload ?name=LINK (a symlink in the data folder)', { method: 'POST', path: '/api/data/upload?name=LINK', headers: { 'content-type': 'text/csv' }, body: 'Date,Close\n2020-01-02,2\n' });
		for (const name of ['../outside/CANARY', '..\\outside\\LINK', path.join(outside, 'CANARY'), 'CANARY\u0000', '.cache/../../outside/LINK', 'LINK', `../${escapeName.replace('.md', '')}`]) {
			await attempt(`upload form name ${JSON.stringify(name)}`, multipartUpload(name));
		}

		// Last: the trash folder itself replaced by a symlink to a folder outside.
		await rm(trashDir, { recursive: true });
		await symlink(path.join(outside, 'trash'), trashDir);
		await attempt('list a trash that links outside', json('GET', '/api/trash'));
		await attempt('restore from a trash that links outside', json('POST', '/api/trash/restore', { entry: `secret.md.${TRASHED_AT}` }));
		await attempt('delete into a trash that links outside', json('DELETE', '/api/notebooks/ok.md'));
		await rm(trashDir);
		await mkdir(trashDir);
		if (!existsSync(path.join(notebooksDir, 'ok.md'))) await writeFile(path.join(notebooksDir, 'ok.md'), okText);

		// The history folder replaced by a symlink to a folder outside holding a version of the canary.
		const plantedHistory = path.join(outside, 'history', 'ok.md');
		await mkdir(path.join(plantedHistory, 'versions'), { recursive: true });
		await mkdir(path.join(plantedHistory, 'texts'), { recursive: true });
		const canarySha = createHash('sha256').update(canaryText).digest('hex');
		await writeFile(path.join(plantedHistory, 'texts', `${canarySha}.md`), canaryText);
		await writeFile(path.join(plantedHistory, 'versions', '00000001.json'), JSON.stringify({ who: 'x', at: TRASHED_AT, revision: sha16(canaryText), sha256: canarySha }));
		await rm(path.join(notebooksDir, '.history'), { recursive: true, force: true });
		await symlink(path.join(outside, 'history'), path.join(notebooksDir, '.history'));
		await attempt('read a version from a history that links outside', json('GET', '/api/notebooks/ok.md/history/1'));
		await attempt('restore a version from a history that links outside', json('POST', '/api/notebooks/ok.md/history/1/restore', {}));
		await attempt('save into a history that links outside', json('PUT', '/api/notebooks/ok.md', { text: notebookText('ok', 'saved'), baseRevision: sha16(okText) }));
		await rm(path.join(notebooksDir, '.history'));
		await writeFile(path.join(notebooksDir, 'ok.md'), okText);

		// DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
		const rebinding = new Tally();
		let rebindingAttempts = 0;
		const hosts = ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', `localhost.evil.example:${port}`, 'localhost:80@evil.example', '0.0.0.0', `[::ffff:127.0.0.1]:${port}`];
		const notebooksBefore = await snapshot(notebooksDir);
		const okRevision = sha16(okText);
		for (const host of hosts) {
			const requests: RawRequest[] = [
				{ path: '/' },
				{ path: '/nb/ok.md' },
				{ path: '/api/notebooks' },
				{ path: '/api/notebooks/ok.md' },
				{ path: '/api/data/series/GOOD' },
				json('PUT', '/api/notebooks/ok.md', { text: hostile, baseRevision: okRevision }),
				json('DELETE', '/api/notebooks/ok.md'),
				{ method: 'POST', path: '/api/data/upload?name=REBOUND', headers: { 'content-type': 'text/csv' }, body: 'Date,Close\n2020-01-02,2\n' }
			];
			for (const request of requests) {
				rebindingAttempts++;
				const res = await client.request({ ...request, headers: { ...request.headers, host } });
				checkHeaders(`Host ${host} ${request.method ?? 'GET'} ${request.path}`, res);
				if (res.status < 400) rebinding.fail(`Host ${host}: ${request.method ?? 'GET'} ${request.path} answered ${res.status}`);
			}
		}
		// No Host at all: Node's HTTP parser answers 400 itself, before any handler (so no headers).
		const noHost = await client.request({ path: '/api/notebooks/ok.md', noHost: true });
		rebindingAttempts++;
		if (noHost.status < 400) rebinding.fail(`no Host header: answered ${noHost.status}`);
		const refusedByNode = noHost.status === 400 && noHost.headers['x-content-type-options'] === undefined ? 1 : 0;
		for (const change of snapshotDiff(notebooksBefore, await snapshot(notebooksDir))) rebinding.fail(`foreign Host changed the notebooks folder: ${change}`);
		if (existsSync(path.join(dataDir, 'REBOUND.csv'))) rebinding.fail('foreign Host uploaded REBOUND.csv');

		// Cross-site writes: a page elsewhere posting to the workspace with the browser's Origin.
		const crossSite = new Tally();
		let crossSiteAttempts = 0;
		const origins = ['http://evil.example', 'null', `http://127.0.0.1:${port}.evil.example`, `http://localhost:${port + 1}`, `https://evil.example`, 'file://'];
		const writes: RawRequest[] = [
			json('PUT', '/api/notebooks/ok.md', { text: hostile, baseRevision: okRevision }),
			json('POST', '/api/notebooks', { name: 'planted.md', text: hostile }),
			json('DELETE', '/api/notebooks/ok.md'),
			json('POST', '/api/notebooks/ok.md/rename', { to: 'moved.md' }),
			json('POST', '/api/notebooks/ok.md/duplicate', { to: 'copied.md' }),
			json('POST', '/api/trash/restore', { entry: legitEntry }),
			{ method: 'POST', path: '/api/data/upload?name=PLANTED', headers: { 'content-type': 'text/csv' }, body: 'Date,Close\n2020-01-02,2\n' },
			{ method: 'PUT', path: '/api/notebooks/ok.md', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ text: hostile, baseRevision: okRevision }) }
		];
		const dataBefore = await snapshot(dataDir);
		const notebooksBeforeWrites = await snapshot(notebooksDir);
		for (const origin of origins) {
			for (const request of writes) {
				crossSiteAttempts++;
				const res = await client.request({ ...request, headers: { ...request.headers, origin } });
				checkHeaders(`Origin ${origin} ${request.method} ${request.path}`, res);
				if (res.status < 400) crossSite.fail(`Origin ${origin}: ${request.method} ${request.path} answered ${res.status}`);
			}
		}
		for (const change of [...snapshotDiff(notebooksBeforeWrites, await snapshot(notebooksDir)), ...snapshotDiff(dataBefore, await snapshot(dataDir))]) {
			crossSite.fail(`cross-site write changed a folder: ${change}`);
		}
		// Forms: a page of the workspace's own origin (a notebook's Markdown, were a form to survive
		// the sanitizer) can post form encodings, whose bodies may parse as JSON or CSV. Only fetch
		// can send application/json, and the data upload takes text/csv or a picked file.
		const formWrites = new Tally();
		const formTypes = ['text/plain', 'application/x-www-form-urlencoded'];
		const notebooksBeforeForms = await snapshot(notebooksDir);
		for (const type of formTypes) {
			for (const request of writes.filter((w) => w.method === 'POST' && !w.path.startsWith('/api/data'))) {
				const res = await client.request({ ...request, headers: { ...request.headers, 'content-type': type, origin: sameOrigin } });
				if (res.status < 400) formWrites.fail(`${type} ${request.method} ${request.path} from the workspace origin answered ${res.status}`);
			}
		}
		const dataBeforeForms = await snapshot(dataDir);
		for (const type of formTypes) {
			const res = await client.request({ method: 'POST', path: '/api/data/upload?name=FORMED', headers: { 'content-type': type, origin: sameOrigin }, body: 'Date,Close\n2020-01-02,2\n' });
			if (res.status < 400) formWrites.fail(`${type} upload from the workspace origin answered ${res.status}`);
		}
		for (const change of snapshotDiff(notebooksBeforeForms, await snapshot(notebooksDir))) formWrites.fail(`form write changed the notebooks folder: ${change}`);
		for (const change of snapshotDiff(dataBeforeForms, await snapshot(dataDir))) formWrites.fail(`form upload changed the data folder: ${change}`);

		// Control: the same writes from the workspace's own origin go through.
		const control = await client.request({ ...writes[0], headers: { ...writes[0].headers, origin: sameOrigin } });
		if (control.status !== 200) crossSite.fail(`same-origin save refused: ${control.status} ${control.body.slice(0, 200)}`);

		// Headers on pages and errors.
		let pagesWithCsp = 0;
		const pagePaths = ['/', '/nb/ok.md', '/does-not-exist', '/_app/immutable/does-not-exist.js'];
		for (const pagePath of pagePaths) {
			const res = await client.request({ path: pagePath });
			checkHeaders(`GET ${pagePath}`, res);
			if (res.headers['content-security-policy']) pagesWithCsp++;
		}

		// Static answers: adapter-node's sirv serves build/client (build assets under /_app/ and the
		// files of static/, e.g. the sandbox frame) before the app's hook runs. Every file it can
		// serve is asked for, plain and compressed, and the first few also as HEAD, conditional
		// (304) and ranged (206) requests.
		const assetsWithoutNosniff = new Tally();
		let assetAnswers = 0;
		const clientDir = path.join(servedBuildDir(), 'client');
		const servedFiles = (await readdir(clientDir, { recursive: true, withFileTypes: true }))
			.filter((entry) => entry.isFile() && !/\.(gz|br)$/.test(entry.name))
			.map((entry) => `/${path.relative(clientDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
		const checkAsset = (label: string, res: RawResponse) => {
			assetAnswers++;
			if (res.status >= 400) assetsWithoutNosniff.fail(`${label}: ${res.status} (not served)`);
			else if (res.headers['x-content-type-options'] !== 'nosniff') assetsWithoutNosniff.fail(`${label}: ${res.status} without nosniff`);
		};
		for (const [i, file] of servedFiles.entries()) {
			const urlPath = file.split('/').map(encodeURIComponent).join('/');
			const plain = await client.request({ path: urlPath });
			checkAsset(`GET ${file}`, plain);
			checkAsset(`GET ${file} (br, gzip)`, await client.request({ path: urlPath, headers: { 'accept-encoding': 'br, gzip' } }));
			if (i % 20 === 0) {
				checkAsset(`HEAD ${file}`, await client.request({ method: 'HEAD', path: urlPath }));
				if (plain.headers.etag) checkAsset(`GET ${file} If-None-Match`, await client.request({ path: urlPath, headers: { 'if-none-match': plain.headers.etag } }));
				checkAsset(`GET ${file} Range`, await client.request({ path: urlPath, headers: { range: 'bytes=0-0' } }));
			}
		}
		const immutableFiles = servedFiles.filter((file) => file.startsWith('/_app/immutable/')).length;

		for (const tally of [breaches, rebinding, crossSite, formWrites, missingNosniff, assetsWithoutNosniff]) for (const problem of tally.problems) console.log(`  ! ${problem}`);
		const part = 'security';
		return [
			{ part, name: 'path traversal attempts', value: traversalAttempts },
			{ part, name: '  of which accepted (stayed inside the folders)', value: traversalAccepted },
			{ part, name: 'path traversal breaches (read/write/delete outside)', value: breaches.count, mustBeZero: true },
			{ part, name: 'foreign Host attempts (DNS rebinding)', value: rebindingAttempts },
			{ part, name: 'foreign Host answered', value: rebinding.count, mustBeZero: true },
			{ part, name: 'cross-site write attempts', value: crossSiteAttempts },
			{ part, name: 'cross-site writes accepted', value: crossSite.count, mustBeZero: true },
			{ part, name: 'form-encoded writes from the workspace origin accepted', value: formWrites.count, mustBeZero: true },
			{ part, name: 'app answers without X-Content-Type-Options: nosniff', value: missingNosniff.count, mustBeZero: true },
			{ part, name: "  of which without the hook's headers (malformed Host, missing /_app/ file)", value: beforeHook },
			{ part, name: `static answers checked (${servedFiles.length} files, ${immutableFiles} under /_app/immutable)`, value: assetAnswers },
			{ part, name: 'static answers without nosniff (or not served)', value: assetsWithoutNosniff.count, mustBeZero: true },
			{ part, name: "refused by Node's HTTP parser, before any handler (no Host)", value: refusedByNode },
			{ part, name: `pages with a Content-Security-Policy (of ${pagePaths.length})`, value: pagesWithCsp },
			{ part, name: 'data-folder symlinks followed on read (by design)', value: dataLinksFollowed },
			...presenting
		];
	} finally {
		await server.stop();
	}
}
