import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userCommand } from '../../../src/cli/user';
import { LoginLimiter } from '../../../src/lib/server/auth/login-limiter.js';
import { sessionUser } from '../../../src/lib/server/auth/sessions.js';
import { signIn, signInWithLink } from '../../../src/lib/server/auth/sign-in';
import { addUser, findUser, linkLifetimeMs, resetPassword } from '../../../src/lib/server/auth/users.js';

const CHEAP = { logN: 10, r: 8, p: 1 };
const folder = () => mkdtempSync(path.join(tmpdir(), 'tape-link-'));
const use = (data: string, token: string, password = 'a new long password', limiter = new LoginLimiter()) =>
	signInWithLink(data, { token, password }, '10.0.0.1', limiter, CHEAP);

afterEach(() => vi.restoreAllMocks());

describe('one-time sign-in links', () => {
	it('sign in once, with the password chosen then; the link and no other password works before', async () => {
		const data = folder();
		const token = await addUser(data, 'ed', 'editor', CHEAP, { link: true });
		expect(JSON.stringify(findUser(data, 'ed'))).not.toContain(token); // only its hash is kept
		// No password works until the link is used.
		expect(await signIn(data, { name: 'ed', password: '' }, 'a', new LoginLimiter())).toMatchObject({ ok: false, status: 401 });
		const used = await use(data, token);
		expect(used.ok).toBe(true);
		if (used.ok) expect(sessionUser(data, used.token)).toEqual({ name: 'ed', role: 'editor' });
		expect((await signIn(data, { name: 'ed', password: 'a new long password' }, 'a', new LoginLimiter())).ok).toBe(true);
	});

	it('refuses a link used twice', async () => {
		const data = folder();
		const token = await addUser(data, 'ed', 'editor', CHEAP, { link: true });
		expect((await use(data, token)).ok).toBe(true);
		expect(await use(data, token, 'someone elses password')).toMatchObject({ ok: false, status: 401, error: expect.stringContaining('used already') });
		// The second try changed nothing: the first password still signs in.
		expect((await signIn(data, { name: 'ed', password: 'a new long password' }, 'a', new LoginLimiter())).ok).toBe(true);
	});

	it('uses a link once when it is sent twice at the same time', async () => {
		const data = folder();
		const token = await addUser(data, 'ed', 'editor', CHEAP, { link: true });
		const results = await Promise.all([use(data, token, 'first password!'), use(data, token, 'second password')]);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
	});

	it('refuses an expired link', async () => {
		const data = folder();
		const token = await addUser(data, 'ed', 'editor', CHEAP, { link: true, now: Date.now() - linkLifetimeMs() - 1000 });
		expect(await use(data, token)).toMatchObject({ ok: false, status: 401, error: expect.stringContaining('expired') });
	});

	it('refuses a forged or truncated link, and counts it against the address', async () => {
		const data = folder();
		const token = await addUser(data, 'ed', 'editor', CHEAP, { link: true });
		const limiter = new LoginLimiter({ addressFailures: 3 });
		expect(await use(data, 'A'.repeat(43), undefined, limiter)).toMatchObject({ ok: false, status: 401 });
		expect(await use(data, token.slice(0, -1), undefined, limiter)).toMatchObject({ ok: false, status: 401 });
		expect(await use(data, token + 'x', undefined, limiter)).toMatchObject({ ok: false, status: 401 });
		// Locked: even the real link waits.
		expect(await use(data, token, undefined, limiter)).toMatchObject({ ok: false, status: 429 });
		expect(findUser(data, 'ed')!.link).toBeDefined();
	});

	it('refuses a short password without using the link up', async () => {
		const data = folder();
		const token = await addUser(data, 'ed', 'editor', CHEAP, { link: true });
		expect(await use(data, token, 'short')).toMatchObject({ ok: false, status: 400, error: expect.stringContaining('at least 10') });
		expect((await use(data, token)).ok).toBe(true);
	});

	it('reset --link: the old password and sessions stop at once, an earlier link too', async () => {
		const data = folder();
		const password = await addUser(data, 'ed', 'editor', CHEAP);
		const first = await resetPassword(data, 'ed', CHEAP, { link: true });
		const second = await resetPassword(data, 'ed', CHEAP, { link: true });
		expect(await signIn(data, { name: 'ed', password }, 'a', new LoginLimiter())).toMatchObject({ ok: false, status: 401 });
		expect(await use(data, first)).toMatchObject({ ok: false, status: 401 });
		expect((await use(data, second)).ok).toBe(true);
	});

	it('tape user add --link prints the link with the workspace address, once', async () => {
		const data = folder();
		const out: string[] = [];
		vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
		vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await userCommand(['add', 'ed', '--role', 'editor', '--link', '--url', 'http://tape.lan:5173/', '--data', data])).toBe(0);
		const token = /http:\/\/tape\.lan:5173\/signin\?token=([\w-]{43})$/m.exec(out.join('\n'))?.[1];
		expect(token).toBeTruthy();
		expect((await use(data, token!)).ok).toBe(true);
		expect(await userCommand(['reset', 'ed', '--link', '--url', 'tape.lan', '--data', data])).toBe(2);
	});
});

describe('sign-in lock-out across a restart', () => {
	it('a locked account stays locked when the server starts again (the counters are in the data folder)', () => {
		const file = path.join(folder(), '.tape', 'login-failures.json');
		const now = Date.now();
		const before = new LoginLimiter({ accountFailures: 3, lockMs: 60_000, file });
		for (let i = 0; i < 3; i++) before.failed('ed', `10.0.0.${i}`, now);
		expect(before.lockedFor('ed', '10.0.0.9', now)).toBeGreaterThan(0);
		const restarted = new LoginLimiter({ accountFailures: 3, lockMs: 60_000, file });
		expect(restarted.lockedFor('ed', '10.0.0.9', now + 1)).toBeGreaterThan(59_000);
		// Failures short of a lock carry over too.
		restarted.failed('al', 'x', now);
		restarted.failed('al', 'y', now);
		const again = new LoginLimiter({ accountFailures: 3, lockMs: 60_000, file });
		again.failed('al', 'z', now);
		expect(again.lockedFor('al', 'w', now)).toBeGreaterThan(0);
	});

	it('a damaged counters file does not stop sign-in, and is rewritten', () => {
		const dir = folder();
		const file = path.join(dir, 'login-failures.json');
		writeFileSync(file, '{ not json');
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const limiter = new LoginLimiter({ accountFailures: 1, file });
		expect(limiter.lockedFor('ed', 'x')).toBe(0);
		limiter.failed('ed', 'x');
		expect(new LoginLimiter({ accountFailures: 1, file }).lockedFor('ed', 'y')).toBeGreaterThan(0);
	});
});
