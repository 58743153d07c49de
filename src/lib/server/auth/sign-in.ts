/**
 * Checking a name and password (or a one-time sign-in link) and opening a session, with the
 * attempts limited per account and per address (login-limiter.js). Unknown names cost the same
 * scrypt work as known ones, and get the same answer, so the answers do not tell which names exist.
 */
import path from 'node:path';
import { authDir } from './json-file.js';
import { LoginLimiter } from './login-limiter.js';
import { UNUSABLE_HASH, verifyPassword } from './password.js';
import { createSession } from './sessions.js';
import { findUser, LinkError, redeemLink } from './users.js';

export type SignInResult =
	| { ok: true; token: string; user: { name: string; role: string } }
	| { ok: false; status: 400 | 401 | 429; error: string; retryAfterSeconds?: number };

/** A password set through a link: long enough to resist guessing at the limiter's pace. */
export const MIN_PASSWORD_LENGTH = 10;

const limiters = new Map<string, LoginLimiter>();

/**
 * The server's limiter for a data folder, its counters kept in `.tape/login-failures.json` so a
 * restart does not reset them. TAPE_LOGIN_MAX_FAILURES (default 5) per account, four times that per address.
 */
export function loginLimiter(dataDir: string): LoginLimiter {
	let limiter = limiters.get(dataDir);
	if (!limiter) {
		const max = Number(process.env.TAPE_LOGIN_MAX_FAILURES) || 5;
		limiter = new LoginLimiter({ accountFailures: max, addressFailures: 4 * max, file: path.join(authDir(dataDir), 'login-failures.json') });
		limiters.set(dataDir, limiter);
	}
	return limiter;
}

function lockedOut(locked: number): SignInResult {
	const minutes = Math.ceil(locked / 60_000);
	return { ok: false, status: 429, error: `too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, retryAfterSeconds: Math.ceil(locked / 1000) };
}

export async function signIn(dataDir: string, body: unknown, address: string, limiter = loginLimiter(dataDir)): Promise<SignInResult> {
	const { name, password } = (body ?? {}) as { name?: unknown; password?: unknown };
	if (typeof name !== 'string' || typeof password !== 'string' || name.length > 64 || password.length > 1024) {
		return { ok: false, status: 400, error: 'send {"name": …, "password": …} as JSON' };
	}
	const account = name.trim().toLowerCase();
	const locked = limiter.lockedFor(account, address);
	if (locked > 0) return lockedOut(locked);
	const user = findUser(dataDir, account);
	const matches = await verifyPassword(password, user?.hash ?? UNUSABLE_HASH);
	if (!user || !matches) {
		limiter.failed(account, address);
		return { ok: false, status: 401, error: 'wrong name or password' };
	}
	limiter.succeeded(account);
	return { ok: true, token: createSession(dataDir, account), user: { name: account, role: user.role } };
}

/**
 * Uses a one-time sign-in link: `{ token, password }` sets the user's password and opens a
 * session. A link that does not work counts as a failure of the address (the token is 256
 * random bits: this only stops a client that keeps trying).
 */
export async function signInWithLink(
	dataDir: string,
	body: unknown,
	address: string,
	limiter = loginLimiter(dataDir),
	cost?: { logN: number; r: number; p: number }
): Promise<SignInResult> {
	const { token, password } = (body ?? {}) as { token?: unknown; password?: unknown };
	if (typeof token !== 'string' || typeof password !== 'string' || token.length > 100 || password.length > 1024) {
		return { ok: false, status: 400, error: 'send {"token": …, "password": …} as JSON' };
	}
	if (password.length < MIN_PASSWORD_LENGTH) return { ok: false, status: 400, error: `choose a password of at least ${MIN_PASSWORD_LENGTH} characters` };
	const locked = limiter.lockedFor('', address);
	if (locked > 0) return lockedOut(locked);
	try {
		const name = await redeemLink(dataDir, token, password, cost);
		const user = findUser(dataDir, name)!;
		return { ok: true, token: createSession(dataDir, name), user: { name, role: user.role } };
	} catch (error) {
		if (!(error instanceof LinkError)) throw error;
		limiter.failedAddress(address);
		return { ok: false, status: 401, error: error.message };
	}
}
