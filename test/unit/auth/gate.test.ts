import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackBind, isPublicPath, refusal, startupProblem } from '../../../src/lib/server/auth/gate.js';
import { addUser } from '../../../src/lib/server/auth/users.js';

const CHEAP = { logN: 10, r: 8, p: 1 };
const empty = () => mkdtempSync(path.join(tmpdir(), 'tape-gate-'));

afterEach(() => {
	delete process.env.TAPE_AUTH;
});

describe('starting beyond loopback', () => {
	it('tells loopback binds from the rest', () => {
		for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackBind(host)).toBe(true);
		for (const host of ['0.0.0.0', '::', '192.168.1.5', 'tape.lan', '10.0.0.1', '::ffff:10.0.0.1']) expect(isLoopbackBind(host)).toBe(false);
	});

	it('refuses 0.0.0.0 without users, with the exact commands to fix it', () => {
		const data = empty();
		const problem = startupProblem('0.0.0.0', data);
		expect(problem).toMatch(/will not serve on 0\.0\.0\.0 without sign-in/);
		expect(problem).toContain(`npm run tape -- user add <name> --role owner --data ${data}`);
		expect(problem).toContain('TAPE_ALLOWED_HOSTS');
	});

	it('starts beyond loopback once a user exists, and on loopback without any', async () => {
		const data = empty();
		expect(startupProblem('127.0.0.1', data)).toBeNull();
		await addUser(data, 'olive', 'owner', CHEAP);
		expect(startupProblem('0.0.0.0', data)).toBeNull();
	});

	it('TAPE_AUTH=1 without users refuses to start on loopback too', () => {
		process.env.TAPE_AUTH = '1';
		expect(startupProblem('127.0.0.1', empty())).toMatch(/nobody can sign in yet/);
	});
});

describe('who may pass', () => {
	const viewer = { name: 'val', role: 'viewer' as const };
	const editor = { name: 'ed', role: 'editor' as const };
	const ask = (method: string, pathname: string, user: typeof viewer | typeof editor | null, accept = '*/*') => refusal({ method, pathname, search: '', accept, user });

	it('sends a browser without a session to the sign-in page, and API calls get 401', () => {
		expect(ask('GET', '/nb/a.md', null, 'text/html,*/*')).toMatchObject({ status: 303, headers: { location: '/login?next=%2Fnb%2Fa.md' } });
		expect(ask('GET', '/api/notebooks', null, 'text/html')?.status).toBe(401);
		expect(ask('GET', '/sandbox/frame.html', null)?.status).toBe(401);
		expect(ask('POST', '/api/notebooks', null)?.status).toBe(401);
	});

	it('opens only the sign-in page and the public app code without a session', () => {
		for (const open of ['/login', '/api/auth/login', '/signin', '/api/auth/link', '/_app/immutable/entry/start.js', '/sandbox/frame.js']) expect(isPublicPath(open)).toBe(true);
		for (const closed of ['/', '/api/auth/logout', '/_app/env.js', '/sandbox/frame.html', '/view/a.md', '/slides/a.md', '/loginx', '/login/../api/notebooks']) expect(isPublicPath(closed)).toBe(false);
	});

	it("refuses a viewer's writes but not reads, and lets a viewer sign out", () => {
		expect(ask('PUT', '/api/notebooks/a.md', viewer)?.status).toBe(403);
		expect(ask('POST', '/anything/new', viewer)?.status).toBe(403);
		expect(ask('GET', '/api/notebooks/a.md', viewer)).toBeNull();
		expect(ask('POST', '/api/auth/logout', viewer)).toBeNull();
		expect(ask('PUT', '/api/notebooks/a.md', editor)).toBeNull();
	});
});
