import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cookieValue, createSession, deleteSession, sessionLifetimeMs, sessionUser } from '../../../src/lib/server/auth/sessions.js';
import { addUser, removeUser, resetPassword, revokeSessions, setRole } from '../../../src/lib/server/auth/users.js';

async function withUser(role = 'editor') {
	const data = mkdtempSync(path.join(tmpdir(), 'tape-sessions-'));
	await addUser(data, 'alice', role, CHEAP);
	await addUser(data, 'olive', 'owner', CHEAP);
	return data;
}

/** A cheap scrypt cost: these tests are about the store, not the hash (password.test.ts checks the default). */
const CHEAP = { logN: 10, r: 8, p: 1 };

describe('sessions', () => {
	it('a new session signs its user in, and only its hash is stored', async () => {
		const data = await withUser();
		const token = createSession(data, 'alice');
		expect(token).toMatch(/^[\w-]{43}$/);
		expect(sessionUser(data, token)).toEqual({ name: 'alice', role: 'editor' });
		expect(readFileSync(path.join(data, '.tape', 'sessions.json'), 'utf8')).not.toContain(token);
	});

	it('forged, empty and over-long tokens sign nobody in', async () => {
		const data = await withUser();
		createSession(data, 'alice');
		for (const token of ['', 'x', 'A'.repeat(43), 'A'.repeat(5000), null, undefined]) expect(sessionUser(data, token)).toBeNull();
	});

	it('expires', async () => {
		const data = await withUser();
		const now = Date.now();
		const token = createSession(data, 'alice', now);
		expect(sessionUser(data, token, now + sessionLifetimeMs() - 1000)).not.toBeNull();
		expect(sessionUser(data, token, now + sessionLifetimeMs() + 1)).toBeNull();
	});

	it('ends on sign-out, revocation, a password reset and removal of the user', async () => {
		const data = await withUser();
		const out = createSession(data, 'alice');
		const other = createSession(data, 'alice');
		deleteSession(data, out);
		expect(sessionUser(data, out)).toBeNull();
		expect(sessionUser(data, other)).not.toBeNull();
		await revokeSessions(data, 'alice');
		expect(sessionUser(data, other)).toBeNull();
		const afterRevoke = createSession(data, 'alice');
		await resetPassword(data, 'alice', CHEAP);
		expect(sessionUser(data, afterRevoke)).toBeNull();
		const beforeRemoval = createSession(data, 'alice');
		await removeUser(data, 'alice');
		expect(sessionUser(data, beforeRemoval)).toBeNull();
	});

	it('reads the role at each request: a role change applies to open sessions', async () => {
		const data = await withUser('editor');
		const token = createSession(data, 'alice');
		await setRole(data, 'alice', 'viewer');
		expect(sessionUser(data, token)?.role).toBe('viewer');
	});

	it('drops expired sessions when a new one is made', async () => {
		const data = await withUser();
		const now = Date.now();
		createSession(data, 'alice', now - 2 * sessionLifetimeMs());
		createSession(data, 'alice', now);
		const file = JSON.parse(readFileSync(path.join(data, '.tape', 'sessions.json'), 'utf8'));
		expect(Object.keys(file.sessions)).toHaveLength(1);
	});

	it('finds the session cookie among others', () => {
		expect(cookieValue('a=1; tape_session=abc-DEF_1; b=2', 'tape_session')).toBe('abc-DEF_1');
		expect(cookieValue('xtape_session=abc', 'tape_session')).toBeNull();
		expect(cookieValue(null, 'tape_session')).toBeNull();
	});
});
