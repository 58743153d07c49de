import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src/lib/server/auth/login-limiter.js';
import { sessionUser } from '../../../src/lib/server/auth/sessions.js';
import { signIn } from '../../../src/lib/server/auth/sign-in';
import { addUser } from '../../../src/lib/server/auth/users.js';

const CHEAP = { logN: 10, r: 8, p: 1 };

async function folderWithAlice() {
	const data = mkdtempSync(path.join(tmpdir(), 'tape-signin-'));
	return { data, password: await addUser(data, 'alice', 'editor', CHEAP) };
}

describe('signing in', () => {
	it('opens a session for the right name and password (names are not case-sensitive)', async () => {
		const { data, password } = await folderWithAlice();
		const result = await signIn(data, { name: 'Alice', password }, '10.0.0.1', new LoginLimiter());
		expect(result.ok).toBe(true);
		if (result.ok) expect(sessionUser(data, result.token)).toEqual({ name: 'alice', role: 'editor' });
	});

	it('answers a wrong password and an unknown name the same way', async () => {
		const { data } = await folderWithAlice();
		const limiter = new LoginLimiter();
		expect(await signIn(data, { name: 'alice', password: 'nope' }, 'a', limiter)).toEqual({ ok: false, status: 401, error: 'wrong name or password' });
		expect(await signIn(data, { name: 'mallory', password: 'nope' }, 'a', limiter)).toEqual({ ok: false, status: 401, error: 'wrong name or password' });
	});

	it('refuses malformed bodies with 400', async () => {
		const { data } = await folderWithAlice();
		for (const body of [null, 'x', { name: 'alice' }, { name: 1, password: 'x' }, { name: 'alice', password: 'x'.repeat(2000) }]) {
			expect(await signIn(data, body, 'a', new LoginLimiter())).toMatchObject({ ok: false, status: 400 });
		}
	});

	it('locks the account after N failures: even the right password is refused (429) until the lock ends', async () => {
		const { data, password } = await folderWithAlice();
		const limiter = new LoginLimiter({ accountFailures: 3, lockMs: 60_000 });
		for (let i = 0; i < 3; i++) await signIn(data, { name: 'alice', password: `guess${i}` }, `10.0.0.${i}`, limiter);
		const locked = await signIn(data, { name: 'alice', password }, '10.0.0.9', limiter);
		expect(locked).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/too many failed sign-ins: try again in 1 minute/) });
		expect(locked.ok === false && locked.retryAfterSeconds).toBeGreaterThan(0);
	});
});
