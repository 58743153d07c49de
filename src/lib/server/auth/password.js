// @ts-check
/**
 * Password hashing with scrypt (memory-hard, built into Node: no native dependency). The stored
 * form carries its own cost parameters, so raising the cost later keeps old hashes verifiable.
 *   scrypt$<log2 N>$<r>$<p>$<salt base64url>$<key base64url>
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** One of OWASP's scrypt settings (N=2^15, r=8, p=3): 32 MiB per hash, so a small shared server can take several sign-ins at once. */
export const DEFAULT_COST = { logN: 15, r: 8, p: 3 };
const KEY_BYTES = 32;

/**
 * @param {string} password
 * @param {Buffer} salt
 * @param {{ logN: number, r: number, p: number }} cost
 * @returns {Promise<Buffer>}
 */
function derive(password, salt, cost) {
	const N = 2 ** cost.logN;
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r }, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

/**
 * @param {string} password
 * @param {{ logN: number, r: number, p: number }} [cost]
 * @returns {Promise<string>}
 */
export async function hashPassword(password, cost = DEFAULT_COST) {
	const salt = randomBytes(16);
	const key = await derive(password, salt, cost);
	return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when `password` matches `stored`; the keys are compared in constant time. A malformed
 * stored hash never matches.
 * @param {string} password
 * @param {string} stored
 * @returns {Promise<boolean>}
 */
export async function verifyPassword(password, stored) {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [logN, r, p] = parts.slice(1, 4).map(Number);
	if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
	const expected = Buffer.from(parts[5], 'base64url');
	if (expected.length !== KEY_BYTES) return false;
	const key = await derive(password, Buffer.from(parts[4], 'base64url'), { logN, r, p });
	return timingSafeEqual(key, expected);
}

/** A hash nobody's password matches, verified for unknown names so they take as long as known ones. */
export const UNUSABLE_HASH = `scrypt$${DEFAULT_COST.logN}$${DEFAULT_COST.r}$${DEFAULT_COST.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_BYTES).toString('base64url')}`;

/**
 * A password to hand out once: 20 characters from 57 letters and digits (~116 bits), no look-alikes.
 * @returns {string}
 */
export function generatePassword() {
	const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const limit = 256 - (256 % alphabet.length);
	let out = '';
	// Rejection sampling keeps every letter equally likely (256 is not a multiple of 57).
	while (out.length < 20) {
		for (const byte of randomBytes(32)) {
			if (byte < limit && out.length < 20) out += alphabet[byte % alphabet.length];
		}
	}
	return out;
}
