import { afterEach, describe, expect, it } from 'vitest';
import { handle, securityHeaders } from '../../../src/hooks.server';

type HandleInput = Parameters<typeof handle>[0];

async function request(url: string, headers: Record<string, string>, method = 'GET') {
	const event = { request: new Request(url, { method, headers }), url: new URL(url) };
	let resolved = false;
	const response = await handle({
		event,
		resolve: async () => {
			resolved = true;
			return new Response('ok');
		}
	} as unknown as HandleInput);
	return { response, resolved };
}

afterEach(() => {
	delete process.env.TAPE_ALLOWED_HOSTS;
});

describe('Host check (DNS rebinding)', () => {
	it.each(['localhost', '127.0.0.1:5173', '[::1]:3000', 'LOCALHOST:80'])('lets %s through', async (host) => {
		const { response, resolved } = await request('http://127.0.0.1/', { host });
		expect(resolved).toBe(true);
		expect(response.status).toBe(200);
	});

	it.each(['evil.example', 'evil.example:5173', '127.0.0.1.evil.example', 'localhost.evil.example'])('refuses %s with 403', async (host) => {
		const { response, resolved } = await request('http://127.0.0.1/api/notebooks', { host });
		expect(resolved).toBe(false);
		expect(response.status).toBe(403);
		expect((await response.json()).error).toMatch(/TAPE_ALLOWED_HOSTS/);
	});

	it('allows hosts listed in TAPE_ALLOWED_HOSTS', async () => {
		process.env.TAPE_ALLOWED_HOSTS = 'tape.lan, 10.0.0.5';
		expect((await request('http://tape.lan/', { host: 'tape.lan:3000' })).resolved).toBe(true);
		expect((await request('http://10.0.0.5/', { host: '10.0.0.5' })).resolved).toBe(true);
		expect((await request('http://other.lan/', { host: 'other.lan' })).resolved).toBe(false);
	});
});

describe('Origin check on API writes', () => {
	it('refuses a write from another origin', async () => {
		const { response, resolved } = await request('http://127.0.0.1:3000/api/notebooks/a.md', { host: '127.0.0.1:3000', origin: 'http://evil.example' }, 'PUT');
		expect(resolved).toBe(false);
		expect(response.status).toBe(403);
	});

	it('refuses a write from a sandboxed page (Origin: null)', async () => {
		expect((await request('http://127.0.0.1:3000/api/notebooks', { host: '127.0.0.1:3000', origin: 'null' }, 'POST')).resolved).toBe(false);
	});

	it('accepts same-origin writes, writes without Origin (curl), and cross-origin reads', async () => {
		expect((await request('http://127.0.0.1:3000/api/notebooks', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, 'POST')).resolved).toBe(true);
		expect((await request('http://127.0.0.1:3000/api/notebooks', { host: '127.0.0.1:3000' }, 'DELETE')).resolved).toBe(true);
		expect((await request('http://127.0.0.1:3000/api/notebooks', { host: '127.0.0.1:3000', origin: 'http://evil.example' })).resolved).toBe(true);
	});
});

describe('security headers', () => {
	it('are on every response, allowed or refused', async () => {
		const allowed = await request('http://127.0.0.1/', { host: '127.0.0.1' });
		const refused = await request('http://127.0.0.1/', { host: 'evil.example' });
		for (const { response } of [allowed, refused]) {
			for (const [key, value] of Object.entries(securityHeaders())) expect(response.headers.get(key)).toBe(value);
		}
		expect(securityHeaders()).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'SAMEORIGIN' });
	});

	it('are added even to responses with immutable headers', async () => {
		const event = { request: new Request('http://127.0.0.1/', { headers: { host: '127.0.0.1' } }), url: new URL('http://127.0.0.1/') };
		const response = await handle({ event, resolve: async () => Response.redirect('http://127.0.0.1/x', 302) } as unknown as HandleInput);
		expect(response.status).toBe(302);
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
	});
});
