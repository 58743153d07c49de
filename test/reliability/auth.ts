/**
 * Sign-in and roles against the real server, with users in its data folder:
 * - every route of the app (read from src/routes) and the sandbox frame's page, without a
 *   session, and with forged, expired and revoked session cookies: a breach is any answer other
 *   than 401 or the redirect to /login;
 * - a viewer's session on every write route: a breach is any answer but 403, or a changed file;
 * - cross-origin writes (the login route included) with an editor's cookie: a breach is any answer
 *   but 403, or a session cookie given out;
 * - a brute force of one account: after the lock-out, a breach is any guess still checked (an
 *   answer other than 429), the right password included;
 * - the lock-out kept across a restart: a breach is the locked account's right password accepted
 *   (anything but 429) by the restarted server;
 * - one-time sign-in links: forged, used a second time and expired ones, each a breach if it
 *   gives a session;
 * - HOST=0.0.0.0 with no users: a breach is a server that starts listening.
 * TAPE_RELIABILITY_AUTH_OFF=1 runs the same requests against a server with sign-in off (its data
 * folder has no users) and a lock-out after 1,000 failures, to show the figures catch what they
 * claim to (the cross-origin row is held by the Origin check of hooks.server.ts, on either way).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createSession, sessionLifetimeMs } from '../../src/lib/server/auth/sessions.js';
import { addUser, linkLifetimeMs, revokeSessions } from '../../src/lib/server/auth/users.js';
import { appRoutes, writeRoutes } from '../routes';
import type { RawResponse } from './http';
import { notebookText } from './notebooks';
import { freePort, ROOT, servedBuildDir, TapeServer } from './server';
import { snapshot, snapshotDiff, Tally, tempRoot, type Figure } from './util';

const CHEAP = { logN: 10, r: 8, p: 1 };
const MAX_FAILURES = 5;
/** The frame's page needs a session; its script and style are public app code (gate.js says why). */
const FRAME_FILES = ['/sandbox/frame.html'];

export async function auth(): Promise<Figure[]> {
	const off = process.env.TAPE_RELIABILITY_AUTH_OFF === '1';
	const root = await tempRoot('auth');
	const notebooksDir = path.join(root, 'notebooks');
	const usersDir = path.join(root, 'data');
	// Sign-in off: the users live in a folder the server does not read.
	const dataDir = off ? path.join(root, 'data-without-users') : usersDir;
	await Promise.all([mkdir(notebooksDir, { recursive: true }), mkdir(dataDir, { recursive: true })]);
	const secret = 'SECRET-NOTEBOOK-TEXT';
	await writeFile(path.join(notebooksDir, 'a.md'), notebookText('a', secret));
	await writeFile(path.join(dataDir, 'SPY.csv'), 'Date,Close\n2020-01-02,1\n');
	const editorPassword = await addUser(usersDir, 'ed', 'editor', CHEAP);
	const viewerPassword = await addUser(usersDir, 'val', 'viewer', CHEAP);
	await addUser(usersDir, 'rex', 'editor', CHEAP);
	const viewer = createSession(usersDir, 'val');
	const editor = createSession(usersDir, 'ed');
	const expired = createSession(usersDir, 'ed', Date.now() - 2 * sessionLifetimeMs());
	const revoked = createSession(usersDir, 'rex');
	const link = await addUser(usersDir, 'lin', 'editor', CHEAP, { link: true });
	const expiredLink = await addUser(usersDir, 'old', 'editor', CHEAP, { link: true, now: Date.now() - linkLifetimeMs() - 60_000 });

	const port = await freePort();
	const start = () =>
		TapeServer.start({
			notebooksDir,
			dataDir,
			port,
			// Sign-in off also lifts the lock-out, so the brute-force figure shows it can fail.
			env: { TAPE_LOGIN_MAX_FAILURES: String(off ? 1000 : MAX_FAILURES) },
			readyStatuses: [200, 401]
		});
	let server = await start();
	let { client } = server;
	const origin = `http://127.0.0.1:${port}`;
	await revokeSessions(usersDir, 'rex'); // from the command line, while the server runs
	const figures: Figure[] = [];
	const request = (method: string, route: string, headers: Record<string, string> = {}) =>
		client.request({ method, path: route, headers: { 'content-type': 'application/json', accept: 'text/html,*/*', ...headers }, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
	const refusedForNoSession = (res: RawResponse) => res.status === 401 || (res.status === 303 && String(res.headers.location).startsWith('/login'));

	try {
		const signInRoutes = ['/api/auth/login', '/api/auth/link', '/signin'];
		const routes = [...appRoutes().filter(([, route]) => !route.startsWith('/login') && !signInRoutes.includes(route)), ...FRAME_FILES.map((file) => ['GET', file] as [string, string])];
		const noSession = new Tally();
		const badCookie = new Tally();
		const cookies = {
			forged: 'tape_session=' + 'A'.repeat(43),
			garbage: 'tape_session=../../etc/passwd; tape_session=',
			expired: `tape_session=${expired}`,
			revoked: `tape_session=${revoked}`
		};
		for (const [method, route] of routes) {
			const res = await request(method, route);
			if (!refusedForNoSession(res) || res.body.includes(secret)) noSession.fail(`${method} ${route} without a session: ${res.status}`);
			for (const [kind, cookie] of Object.entries(cookies)) {
				const withCookie = await request(method, route, { cookie });
				if (!refusedForNoSession(withCookie)) badCookie.fail(`${method} ${route} with a ${kind} cookie: ${withCookie.status}`);
			}
		}
		figures.push({ part: 'auth', name: `routes reached without a session (of ${routes.length})`, value: noSession.count, mustBeZero: true });
		figures.push({ part: 'auth', name: `forged/expired/revoked cookies let through (of ${routes.length * 4})`, value: badCookie.count, mustBeZero: true });

		// The other side: a real sign-in gives a cookie that opens every read route (so the rows
		// above cannot pass by a server that refuses everyone).
		const signedIn = new Tally();
		const login = await client.request({ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ name: 'val', password: viewerPassword }) });
		const setCookie = String(login.headers['set-cookie'] ?? '');
		if (login.status !== 200 || !/^tape_session=[\w-]{43};/.test(setCookie) || !/HttpOnly/i.test(setCookie) || !/SameSite=Strict/i.test(setCookie) || !/Path=\//i.test(setCookie)) {
			signedIn.fail(`sign-in: ${login.status} ${setCookie}`);
		}
		const fresh = /^tape_session=([\w-]+)/.exec(setCookie)?.[1] ?? '';
		const reads = routes.filter(([method]) => method === 'GET');
		for (const [method, route] of reads) {
			const res = await request(method, route, { cookie: `tape_session=${fresh}` });
			if (res.status === 401 || res.status === 403 || res.status === 303) signedIn.fail(`${method} ${route} as a signed-in viewer: ${res.status}`);
		}
		figures.push({ part: 'auth', name: `signed-in reads refused, or a cookie without HttpOnly/SameSite=Strict (of ${reads.length + 1})`, value: signedIn.count, mustBeZero: true });

		const writes = writeRoutes().filter(([, route]) => !route.startsWith('/api/auth/'));
		const viewerWrites = new Tally();
		const before = await snapshot(notebooksDir);
		for (const [method, route] of writes) {
			const res = await request(method, route, { cookie: `tape_session=${viewer}`, origin });
			if (res.status !== 403) viewerWrites.fail(`${method} ${route} as a viewer: ${res.status}`);
		}
		const changed = snapshotDiff(before, await snapshot(notebooksDir));
		figures.push({ part: 'auth', name: `viewer writes not refused (of ${writes.length} write routes)`, value: viewerWrites.count + changed.length, mustBeZero: true });

		const csrf = new Tally();
		for (const [method, route] of [...writes, ['POST', '/api/auth/login'] as [string, string], ['POST', '/api/auth/link'] as [string, string]]) {
			const res = await client.request({
				method,
				path: route,
				headers: { 'content-type': route === '/api/auth/login' ? 'application/json' : 'text/plain', origin: 'http://evil.example', cookie: `tape_session=${editor}` },
				body:
					route === '/api/auth/login'
						? JSON.stringify({ name: 'ed', password: editorPassword })
						: route === '/api/auth/link'
							? JSON.stringify({ token: link, password: 'chosen by the attacker' })
							: method === 'DELETE'
								? undefined
								: '{}'
			});
			if (res.status !== 403 || res.headers['set-cookie']) csrf.fail(`${method} ${route} from another origin: ${res.status}`);
		}
		figures.push({ part: 'auth', name: `cross-origin writes not refused, login and sign-in link included (of ${writes.length + 2})`, value: csrf.count, mustBeZero: true });

		// Sign-in links: only the real one, once, before it expires, gives a session.
		const links = new Tally();
		const useLink = (token: string) =>
			client.request({ method: 'POST', path: '/api/auth/link', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ token, password: 'a long new password' }) });
		for (const [kind, token] of [['forged', 'A'.repeat(43)], ['expired', expiredLink], ['truncated', link.slice(0, 20)]]) {
			const res = await useLink(token);
			if (res.status === 200 || res.headers['set-cookie']) links.fail(`a ${kind} sign-in link: ${res.status}`);
		}
		const first = await useLink(link);
		if (first.status !== 200 || !String(first.headers['set-cookie'] ?? '').startsWith('tape_session=')) links.fail(`the real link, first use: ${first.status} ${first.body.slice(0, 200)}`);
		const second = await useLink(link);
		if (second.status === 200 || second.headers['set-cookie']) links.fail(`the real link, used again: ${second.status}`);
		figures.push({ part: 'auth', name: 'sign-in links accepted forged, expired, truncated or a second time, or the real one refused (of 5)', value: links.count, mustBeZero: true });

		// Last: it locks this address out too.
		const brute = new Tally();
		const guesses = 40;
		for (let i = 0; i < guesses; i++) {
			const res = await client.request({ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ name: 'ed', password: `guess-${i}` }) });
			if (i >= MAX_FAILURES && res.status !== 429) brute.fail(`guess ${i + 1}: ${res.status}`);
		}
		const right = await client.request({ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ name: 'ed', password: editorPassword }) });
		if (right.status !== 429 || right.headers['set-cookie']) brute.fail(`the right password during the lock-out: ${right.status}`);
		figures.push({ part: 'auth', name: `guesses checked after ${MAX_FAILURES} failures (of ${guesses - MAX_FAILURES + 1})`, value: brute.count, mustBeZero: true });

		// A restart must not lift the lock-out (the counters are kept in the data folder).
		await server.stop();
		server = await start();
		client = server.client;
		const afterRestart = await client.request({ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ name: 'ed', password: editorPassword }) });
		const restartBreach = afterRestart.status !== 429 || afterRestart.headers['set-cookie'] ? 1 : 0;
		if (restartBreach) console.log(`  the right password after a restart during the lock-out: ${afterRestart.status}`);
		figures.push({ part: 'auth', name: 'lock-outs lifted by restarting the server', value: restartBreach, mustBeZero: true });

		figures.push({ part: 'auth', name: 'started on 0.0.0.0 without users', value: await startsOpenToTheNetwork(off ? dataDir : path.join(root, 'empty-data')), mustBeZero: true });

		for (const tally of [signedIn, noSession, badCookie, viewerWrites, csrf, links, brute]) for (const problem of tally.problems) console.log(`  ${problem}`);
		for (const change of changed) console.log(`  changed by a viewer: ${change}`);
	} finally {
		await server.stop();
	}
	return figures;
}

/** 1 when `node src/cli/serve.js` on HOST=0.0.0.0 over a data folder without users starts listening, 0 when it refuses with the way to fix it. */
async function startsOpenToTheNetwork(dataDir: string): Promise<number> {
	const run = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/serve.js'), servedBuildDir()], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOST: '0.0.0.0', PORT: String(await freePort()), TAPE_DATA_DIR: dataDir },
		encoding: 'utf8',
		// A server that started would never exit: the timeout ends it (the breach).
		timeout: 20_000,
		killSignal: 'SIGKILL'
	});
	const refused = run.status === 1 && run.stderr.includes('user add <name> --role owner') && !run.stdout.includes('Listening on');
	if (!refused) console.log(`  HOST=0.0.0.0 without users: exit ${run.status}, ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 200)}`);
	return refused ? 0 : 1;
}
