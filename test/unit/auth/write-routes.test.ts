/**
 * Every write route the app has, found by reading src/routes (so a new one cannot be left out),
 * goes through the request hook: without a session it is refused (401), from a viewer too (403),
 * and neither reaches the route; an editor's write reaches it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../../src/hooks.server';
import { createSession } from '../../../src/lib/server/auth/sessions.js';
import { addUser } from '../../../src/lib/server/auth/users.js';
import { writeRoutes } from '../../routes';

type HandleInput = Parameters<typeof handle>[0];

async function send(method: string, route: string, cookie?: string) {
	const url = `http://127.0.0.1:5173${route}`;
	const headers: Record<string, string> = { host: '127.0.0.1:5173', 'content-type': 'application/json', origin: 'http://127.0.0.1:5173' };
	if (cookie) headers.cookie = `tape_session=${cookie}`;
	let reached = false;
	const response = await handle({
		event: { request: new Request(url, { method, headers, body: '{}' }), url: new URL(url), locals: {} },
		resolve: async () => {
			reached = true;
			return new Response('ok');
		}
	} as unknown as HandleInput);
	return { status: response.status, reached };
}

const routes = writeRoutes();
let tokens: Record<string, string>;
const before = process.env.TAPE_DATA_DIR;

beforeAll(async () => {
	const data = mkdtempSync(path.join(tmpdir(), 'tape-routes-'));
	process.env.TAPE_DATA_DIR = data;
	const cheap = { logN: 10, r: 8, p: 1 };
	for (const [name, role] of [['olive', 'owner'], ['ed', 'editor'], ['val', 'viewer']]) await addUser(data, name, role, cheap);
	tokens = { owner: createSession(data, 'olive'), editor: createSession(data, 'ed'), viewer: createSession(data, 'val') };
});

afterAll(() => {
	if (before === undefined) delete process.env.TAPE_DATA_DIR;
	else process.env.TAPE_DATA_DIR = before;
});

describe('write routes with sign-in on', () => {
	it('finds the write routes (the list this test walks)', () => {
		// A floor, so that a broken scan cannot pass by finding nothing.
		expect(routes.length).toBeGreaterThanOrEqual(10);
		expect(routes).toContainEqual(['PUT', '/api/notebooks/a.md']);
		expect(routes).toContainEqual(['POST', '/api/auth/login']);
	});

	const guarded = routes.filter(([, route]) => !route.startsWith('/api/auth/'));

	it.each(guarded)('%s %s: 401 without a session, never reaching the route', async (method, route) => {
		expect(await send(method, route)).toEqual({ status: 401, reached: false });
		expect(await send(method, route, 'forged-token-forged-token-forged-token-xxxx')).toEqual({ status: 401, reached: false });
	});

	it.each(guarded)('%s %s: 403 for a viewer, never reaching the route', async (method, route) => {
		expect(await send(method, route, tokens.viewer)).toEqual({ status: 403, reached: false });
	});

	it.each(guarded)('%s %s: reaches the route for an editor and an owner', async (method, route) => {
		expect(await send(method, route, tokens.editor)).toEqual({ status: 200, reached: true });
		expect(await send(method, route, tokens.owner)).toEqual({ status: 200, reached: true });
	});
});
