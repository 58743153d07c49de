import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/lib/server/auth/password.js';
import { addUser, findUser, hasUsers, listUsers, removeUser, resetPassword, revokeSessions, setRole, usersFile } from '../../../src/lib/server/auth/users.js';

const folder = () => mkdtempSync(path.join(tmpdir(), 'tape-users-'));

/** A cheap scrypt cost: these tests are about the store, not the hash (password.test.ts checks the default). */
const CHEAP = { logN: 10, r: 8, p: 1 };

describe('the users store', () => {
	it('adds a user with a hashed one-time password, in the data folder, readable by its owner only', async () => {
		const data = folder();
		expect(hasUsers(data)).toBe(false);
		const password = await addUser(data, 'alice', 'editor', CHEAP);
		expect(hasUsers(data)).toBe(true);
		const text = readFileSync(usersFile(data), 'utf8');
		expect(text).not.toContain(password);
		expect(await verifyPassword(password, findUser(data, 'alice')!.hash)).toBe(true);
		expect(listUsers(data)).toEqual([expect.objectContaining({ name: 'alice', role: 'editor' })]);
		const { statSync } = await import('node:fs');
		expect(statSync(usersFile(data)).mode & 0o077).toBe(0);
		// Written atomically: no temporary file left beside it.
		expect(readdirSync(path.dirname(usersFile(data)))).toEqual(['users.json']);
	});

	it('refuses bad names, unknown roles and duplicates with a message naming them', async () => {
		const data = folder();
		await expect(addUser(data, '../x', 'editor')).rejects.toThrow(/"..\/x" is not a valid user name/);
		await expect(addUser(data, 'bob', 'admin', CHEAP)).rejects.toThrow(/"admin" is not a role: use one of owner, editor, viewer/);
		await addUser(data, 'bob', 'viewer', CHEAP);
		await expect(addUser(data, 'bob', 'editor', CHEAP)).rejects.toThrow(/user "bob" exists already/);
		await expect(setRole(data, 'carol', 'editor')).rejects.toThrow(/no user "carol"/);
	});

	it('changes roles, resets passwords (new epoch), revokes and removes', async () => {
		const data = folder();
		const first = await addUser(data, 'alice', 'owner', CHEAP);
		await addUser(data, 'bob', 'viewer', CHEAP);
		await setRole(data, 'bob', 'editor');
		expect(findUser(data, 'bob')!.role).toBe('editor');
		const second = await resetPassword(data, 'alice', CHEAP);
		expect(second).not.toBe(first);
		expect(await verifyPassword(first, findUser(data, 'alice')!.hash)).toBe(false);
		expect(await verifyPassword(second, findUser(data, 'alice')!.hash)).toBe(true);
		expect(findUser(data, 'alice')!.epoch).toBe(2);
		await revokeSessions(data, 'alice');
		expect(findUser(data, 'alice')!.epoch).toBe(3);
		await removeUser(data, 'bob');
		expect(findUser(data, 'bob')).toBeNull();
	});

	it('keeps an owner while other users remain', async () => {
		const data = folder();
		await addUser(data, 'alice', 'owner', CHEAP);
		await addUser(data, 'bob', 'editor', CHEAP);
		await expect(removeUser(data, 'alice')).rejects.toThrow(/last owner/);
		await expect(setRole(data, 'alice', 'viewer')).rejects.toThrow(/last owner/);
		await setRole(data, 'bob', 'owner');
		await removeUser(data, 'alice');
		expect(listUsers(data).map((u) => u.name)).toEqual(['bob']);
	});

	it('treats a damaged users file as an error, never as "no users" (which would switch sign-in off)', () => {
		const data = folder();
		mkdirSync(path.dirname(usersFile(data)), { recursive: true });
		writeFileSync(usersFile(data), '{"version":1,"users":{"alice":');
		expect(() => hasUsers(data)).toThrow(/users.json .* is not valid JSON/);
	});

	it('sees another process\'s change on the next read (cache keyed on the file)', async () => {
		const data = folder();
		await addUser(data, 'alice', 'editor', CHEAP);
		expect(findUser(data, 'alice')!.role).toBe('editor');
		const file = JSON.parse(readFileSync(usersFile(data), 'utf8'));
		file.users.alice.role = 'viewer';
		writeFileSync(usersFile(data), JSON.stringify(file));
		expect(findUser(data, 'alice')!.role).toBe('viewer');
	});
});
