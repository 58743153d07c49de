// @ts-check
/**
 * Sessions: a random 256-bit token in the browser's cookie; the server keeps only its SHA-256
 * (a copy of sessions.json gives nobody a way in) with the user, the user's epoch and an expiry.
 * Written by the server only (sign-in, sign-out); the `tape user` command ends sessions by
 * raising the user's epoch in users.json instead.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { authDir, readJson, writeJsonAtomic } from './json-file.js';
import { findUser } from './users.js';

/** @typedef {{ user: string, epoch: number, expires: number }} SessionRecord */
/** @typedef {{ version: 1, sessions: Record<string, SessionRecord> }} SessionsFile */
/** @typedef {{ name: string, role: import('./users.js').Role }} SignedInUser */

export const SESSION_COOKIE = 'tape_session';

/** TAPE_SESSION_HOURS, default 7 days: how long a sign-in lasts. */
export function sessionLifetimeMs() {
	const hours = Number(process.env.TAPE_SESSION_HOURS || 24 * 7);
	return (Number.isFinite(hours) && hours > 0 ? hours : 24 * 7) * 3600_000;
}

/** @param {string} dataDir */
function sessionsFile(dataDir) {
	return path.join(authDir(dataDir), 'sessions.json');
}

/** @param {string} dataDir @returns {SessionsFile} */
function readSessions(dataDir) {
	const file = readJson(sessionsFile(dataDir), () => /** @type {SessionsFile} */ ({ version: 1, sessions: {} }));
	return file && typeof file.sessions === 'object' && file.sessions !== null ? file : { version: 1, sessions: {} };
}

/** @param {string} token */
function tokenHash(token) {
	return createHash('sha256').update(token).digest('hex');
}

/**
 * A new session for `name`; returns the token for the cookie. Expired sessions are dropped on
 * the way, so the file does not grow.
 * @param {string} dataDir @param {string} name @param {number} [now]
 */
export function createSession(dataDir, name, now = Date.now()) {
	const user = findUser(dataDir, name);
	if (!user) throw new Error(`no user "${name}"`);
	const token = randomBytes(32).toString('base64url');
	const file = readSessions(dataDir);
	for (const [key, session] of Object.entries(file.sessions)) if (session.expires <= now) delete file.sessions[key];
	file.sessions[tokenHash(token)] = { user: name, epoch: user.epoch, expires: now + sessionLifetimeMs() };
	writeJsonAtomic(sessionsFile(dataDir), file);
	return token;
}

/**
 * The signed-in user for a cookie's token, or null: unknown, expired, of a removed user, or
 * revoked (the user's epoch moved on). The role is read from users.json now, so a role change
 * applies on the next request.
 * @param {string} dataDir @param {string | undefined | null} token @param {number} [now]
 * @returns {SignedInUser | null}
 */
export function sessionUser(dataDir, token, now = Date.now()) {
	if (!token || token.length > 100) return null;
	const sessions = readSessions(dataDir).sessions;
	const key = tokenHash(token);
	if (!Object.hasOwn(sessions, key)) return null;
	const session = sessions[key];
	if (!(session.expires > now)) return null;
	const user = findUser(dataDir, session.user);
	if (!user || user.epoch !== session.epoch) return null;
	return { name: session.user, role: user.role };
}

/** Signs out: the token stops working at once. @param {string} dataDir @param {string | undefined | null} token */
export function deleteSession(dataDir, token) {
	if (!token) return;
	const file = readSessions(dataDir);
	const key = tokenHash(token);
	if (!Object.hasOwn(file.sessions, key)) return;
	delete file.sessions[key];
	writeJsonAtomic(sessionsFile(dataDir), file);
}

/** The value of cookie `name` in a Cookie header, or null. @param {string | undefined | null} header @param {string} name */
export function cookieValue(header, name) {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return null;
}
