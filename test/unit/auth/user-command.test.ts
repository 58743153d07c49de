import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userCommand } from '../../../src/cli/user';
import { addUser, findUser } from '../../../src/lib/server/auth/users.js';

const CHEAP = { logN: 10, r: 8, p: 1 };

function capture() {
	const out: string[] = [];
	const err: string[] = [];
	vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
	vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
	return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('tape user', () => {
	it('lists, changes roles, revokes and removes in the folder --data names', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'tape-cli-'));
		await addUser(data, 'olive', 'owner', CHEAP);
		await addUser(data, 'val', 'viewer', CHEAP);
		const { out } = capture();
		expect(await userCommand(['list', '--data', data])).toBe(0);
		expect(out.join('\n')).toMatch(/olive\s+owner[\s\S]*val\s+viewer/);
		expect(await userCommand(['role', 'val', 'editor', '--data', data])).toBe(0);
		expect(findUser(data, 'val')!.role).toBe('editor');
		expect(await userCommand(['revoke', 'VAL', '--data', data])).toBe(0);
		expect(findUser(data, 'val')!.epoch).toBe(2);
		expect(await userCommand(['remove', 'val', '--data', data])).toBe(0);
		expect(findUser(data, 'val')).toBeNull();
	});

	it('explains what is wrong, with exit status 2', async () => {
		const data = mkdtempSync(path.join(tmpdir(), 'tape-cli-'));
		const { err } = capture();
		expect(await userCommand(['add', 'ann', '--data', data])).toBe(2);
		expect(await userCommand(['add', 'ann', '--role', 'admin', '--data', data])).toBe(2);
		expect(await userCommand(['role', 'nobody', 'viewer', '--data', data])).toBe(2);
		expect(await userCommand(['frobnicate', '--data', data])).toBe(2);
		expect(await userCommand(['list', '--data'])).toBe(2);
		expect(err.join('\n')).toContain('tape user add needs --role (owner, editor, viewer)');
		expect(err.join('\n')).toContain('"admin" is not a role');
		expect(err.join('\n')).toContain('no user "nobody"');
		expect(err.join('\n')).toContain('unknown user command: frobnicate');
		expect(err.join('\n')).toContain('--data needs a value');
	});
});
