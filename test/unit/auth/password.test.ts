import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, UNUSABLE_HASH, verifyPassword } from '../../../src/lib/server/auth/password.js';

// A cheap cost for speed; the stored form carries its cost, so verification is the same code.
const CHEAP = { logN: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('correct horse battery', CHEAP);
		expect(stored).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
		expect(await verifyPassword('correct horse battery', stored)).toBe(true);
		expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
		expect(await verifyPassword('', stored)).toBe(false);
	});

	it('salts: the same password hashes differently each time', async () => {
		expect(await hashPassword('same', CHEAP)).not.toBe(await hashPassword('same', CHEAP));
	});

	it('uses the memory-hard default cost when none is given', async () => {
		const stored = await hashPassword('pw');
		expect(stored.startsWith('scrypt$15$8$3$')).toBe(true);
		expect(await verifyPassword('pw', stored)).toBe(true);
	});

	it('never matches a malformed or unusable stored hash', async () => {
		for (const stored of ['', 'plain', 'scrypt$10$8$1$abc', 'scrypt$40$8$1$AAAA$AAAA', 'bcrypt$10$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43)]) {
			expect(await verifyPassword('anything', stored)).toBe(false);
		}
		expect(await verifyPassword('', UNUSABLE_HASH)).toBe(false);
	});

	it('generates 20-character passwords without look-alike letters, all different', () => {
		const made = Array.from({ length: 200 }, generatePassword);
		for (const password of made) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
		expect(new Set(made).size).toBe(made.length);
	});
});
