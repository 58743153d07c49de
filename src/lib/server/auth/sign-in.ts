/**
 * Checking a name and password and opening a session, with the attempts limited per account and
 * per address (login-limiter.js). Unknown names cost the same scrypt work as known ones, and get
 * the same answer, so the answers do not tell which names exist.
 */
import { LoginLimiter } from './login-limiter.js';
import { UNUSABLE_HASH, verifyPassword } from './password.js';
import { createSession } from './sessions.js';
import { findUser } from './users.js';

export type SignInResult =
	| { ok: true; token: string; user: { name: string; role: string } }
	| { ok: false; status: 400 | 401 | 429; error: string; retryAfterSeconds?: number };

/** The server's limiter; TAPE_LOGIN_MAX_FAILURES (default 5) per account, four times that per address. */
export const loginLimiter = new LoginLimiter({
	accountFailures: Number(process.env.TAPE_LOGIN_MAX_FAILURES) || 5,
	addressFailures: 4 * (Number(process.env.TAPE_LOGIN_MAX_FAILURES) || 5)
});

export async function signIn(dataDir: string, body: unknown, address: string, limiter = loginLimiter): Promise<SignInResult> {
	const { name, password } = (body ?? {}) as { name?: unknown; password?: unknown };
	if (typeof name !== 'string' || typeof password !== 'string' || name.length > 64 || password.length > 1024) {
		return { ok: false, status: 400, error: 'send {"name": …, "password": …} as JSON' };
	}
	const account = name.trim().toLowerCase();
	const locked = limiter.lockedFor(account, address);
	if (locked > 0) {
		const minutes = Math.ceil(locked / 60_000);
		return { ok: false, status: 429, error: `too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, retryAfterSeconds: Math.ceil(locked / 1000) };
	}
	const user = findUser(dataDir, account);
	const matches = await verifyPassword(password, user?.hash ?? UNUSABLE_HASH);
	if (!user || !matches) {
		limiter.failed(account, address);
		return { ok: false, status: 401, error: 'wrong name or password' };
	}
	limiter.succeeded(account);
	return { ok: true, token: createSession(dataDir, account), user: { name: account, role: user.role } };
}
