// @ts-check
/**
 * Tape's users: name, role and scrypt hash, in `<data folder>/.tape/users.json`, changed by the
 * `tape user` command, and by the server when someone sets their password through a sign-in
 * link (under the file's lock: json-file.js). Each user has an `epoch`: a session is valid only
 * while it carries its user's current epoch, so a password reset or "revoke" ends every session
 * of that user, from the command line, without touching the server's own sessions file.
 *
 * A sign-in link (`/signin?token=…`) is the alternative to handing out a password: the record
 * keeps only the token's SHA-256 and its expiry; the token works once, to set a password.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { authDir, readJson, updateJsonLocked } from './json-file.js';
import { generatePassword, hashPassword, UNUSABLE_HASH } from './password.js';

/** @typedef {'owner' | 'editor' | 'viewer'} Role */
/** @typedef {{ hash: string, expires: number }} SignInLink */
/** @typedef {{ role: Role, hash: string, epoch: number, created: string, link?: SignInLink }} UserRecord */
/** @typedef {{ version: 1, users: Record<string, UserRecord> }} UsersFile */

/** @type {readonly Role[]} */
export const ROLES = ['owner', 'editor', 'viewer'];

/** Lower-case letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 64. */
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class UserError extends Error {}

/** @param {string} dataDir */
export function usersFile(dataDir) {
	return path.join(authDir(dataDir), 'users.json');
}

/** @param {string} dataDir @returns {UsersFile} */
export function readUsers(dataDir) {
	const file = readJson(usersFile(dataDir), () => /** @type {UsersFile} */ ({ version: 1, users: {} }));
	if (file === null || typeof file !== 'object' || typeof file.users !== 'object' || file.users === null) {
		throw new Error("users.json in the data folder's .tape/ has no users object; restore it or remove it to start again");
	}
	return file;
}

/** @param {string} dataDir */
export function hasUsers(dataDir) {
	return Object.keys(readUsers(dataDir).users).length > 0;
}

/** @param {string} dataDir @param {string} name @returns {UserRecord | null} */
export function findUser(dataDir, name) {
	const users = readUsers(dataDir).users;
	return Object.hasOwn(users, name) ? users[name] : null;
}

/** @param {string} name */
export function checkName(name) {
	if (!NAME.test(name)) throw new UserError(`"${name}" is not a valid user name: use lower-case letters, digits, ".", "_" or "-" (at most 64, starting with a letter or digit)`);
	return name;
}

/** @param {string} role @returns {Role} */
export function checkRole(role) {
	if (!ROLES.includes(/** @type {Role} */ (role))) throw new UserError(`"${role}" is not a role: use one of ${ROLES.join(', ')}`);
	return /** @type {Role} */ (role);
}

/** @typedef {{ logN: number, r: number, p: number }} Cost scrypt's; tests pass a cheap one */

/** How long a sign-in link works: TAPE_LINK_HOURS, default 24. */
export function linkLifetimeMs() {
	const hours = Number(process.env.TAPE_LINK_HOURS || 24);
	return (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3600_000;
}

/** @param {string} token */
function linkHash(token) {
	return createHash('sha256').update(token).digest('hex');
}

/** A new link token for `user` (which then has no usable password until the link is used). @param {UserRecord} user @param {number} now */
function newLink(user, now) {
	const token = randomBytes(32).toString('base64url');
	user.hash = UNUSABLE_HASH;
	user.link = { hash: linkHash(token), expires: now + linkLifetimeMs() };
	return token;
}

/**
 * Changes users.json under its lock; `change` is synchronous (hash passwords before).
 * @template R @param {string} dataDir @param {(users: Record<string, UserRecord>) => R} change @returns {R}
 */
function changeUsers(dataDir, change) {
	return updateJsonLocked(usersFile(dataDir), () => /** @type {UsersFile} */ ({ version: 1, users: {} }), (file) => {
		if (file === null || typeof file !== 'object' || typeof file.users !== 'object' || file.users === null) {
			throw new Error("users.json in the data folder's .tape/ has no users object; restore it or remove it to start again");
		}
		return change(file.users);
	});
}

/** @param {Record<string, UserRecord>} users @param {string} name */
function existing(users, name) {
	if (!Object.hasOwn(users, name)) throw new UserError(`no user "${name}"; "user list" shows who exists`);
	return users[name];
}

/**
 * Adds a user with a one-time password (returned), or with `{ link: true }` a one-time sign-in
 * link token (returned) and no password yet.
 * @param {string} dataDir @param {string} name @param {string} role @param {Cost} [cost]
 * @param {{ link?: boolean, now?: number }} [options]
 * @returns {Promise<string>}
 */
export async function addUser(dataDir, name, role, cost, { link = false, now = Date.now() } = {}) {
	checkName(name);
	const checked = checkRole(role);
	const password = link ? null : generatePassword();
	const hash = password === null ? UNUSABLE_HASH : await hashPassword(password, cost);
	return changeUsers(dataDir, (users) => {
		if (Object.hasOwn(users, name)) throw new UserError(`user "${name}" exists already: use "user reset ${name}" for a new password or "user role ${name} <role>"`);
		const user = /** @type {UserRecord} */ ({ role: checked, hash, epoch: 1, created: new Date(now).toISOString() });
		users[name] = user;
		return password ?? newLink(user, now);
	});
}

/** Refuses to leave a folder with users but no owner: nobody could then manage them. */
function keepAnOwner(/** @type {Record<string, UserRecord>} */ users, /** @type {string} */ name) {
	const others = Object.entries(users).filter(([other, user]) => other !== name && user.role === 'owner');
	if (users[name]?.role === 'owner' && others.length === 0 && Object.keys(users).length > 1) {
		throw new UserError(`"${name}" is the last owner: make someone else an owner first`);
	}
}

/** @param {string} dataDir @param {string} name */
export async function removeUser(dataDir, name) {
	changeUsers(dataDir, (users) => {
		existing(users, name);
		keepAnOwner(users, name);
		delete users[name];
	});
}

/** @param {string} dataDir @param {string} name @param {string} role */
export async function setRole(dataDir, name, role) {
	const checked = checkRole(role);
	changeUsers(dataDir, (users) => {
		const user = existing(users, name);
		if (checked !== 'owner') keepAnOwner(users, name);
		user.role = checked;
	});
}

/**
 * A new one-time password (or with `{ link: true }` a sign-in link token, the old password
 * no longer working); every session of the user ends, and any earlier link stops working.
 * @param {string} dataDir @param {string} name @param {Cost} [cost] @param {{ link?: boolean, now?: number }} [options]
 */
export async function resetPassword(dataDir, name, cost, { link = false, now = Date.now() } = {}) {
	const password = link ? null : generatePassword();
	const hash = password === null ? UNUSABLE_HASH : await hashPassword(password, cost);
	return changeUsers(dataDir, (users) => {
		const user = existing(users, name);
		user.epoch += 1;
		user.hash = hash;
		delete user.link;
		return password ?? newLink(user, now);
	});
}

/** Ends every session of the user (signed out on the next request). @param {string} dataDir @param {string} name */
export async function revokeSessions(dataDir, name) {
	changeUsers(dataDir, (users) => {
		existing(users, name);
		users[name].epoch += 1;
	});
}

/** Why a sign-in link does not work (shown to whoever opened it). */
export class LinkError extends Error {}

/** @param {Record<string, UserRecord>} users @param {string} token @param {number} now @returns {string} the user's name */
function linkOwner(users, token, now) {
	const hash = linkHash(token);
	const found = Object.entries(users).find(([, user]) => user.link?.hash === hash);
	if (!found) throw new LinkError('this sign-in link does not work: it was used already, replaced by a newer one, or never issued. Ask the workspace owner for a new one (tape user reset <name> --link).');
	if (!(/** @type {SignInLink} */ (found[1].link).expires > now)) throw new LinkError('this sign-in link has expired. Ask the workspace owner for a new one (tape user reset <name> --link).');
	return found[0];
}

/** The name a link signs in as, without using it up; throws LinkError. @param {string} dataDir @param {string} token @param {number} [now] */
export function linkUser(dataDir, token, now = Date.now()) {
	if (typeof token !== 'string' || token.length === 0 || token.length > 100) throw new LinkError('this sign-in link is incomplete: open the whole link you were given.');
	return linkOwner(readUsers(dataDir).users, token, now);
}

/**
 * Uses a sign-in link: `password` becomes the user's, the link stops working, and the user's
 * other sessions end. Returns the user's name; throws LinkError for a link that does not work.
 * @param {string} dataDir @param {string} token @param {string} password @param {Cost} [cost] @param {number} [now]
 */
export async function redeemLink(dataDir, token, password, cost, now = Date.now()) {
	linkUser(dataDir, token, now);
	const hash = await hashPassword(password, cost);
	// Checked again under the lock: the same link used twice at once succeeds once.
	return changeUsers(dataDir, (users) => {
		const name = linkOwner(users, token, now);
		const user = users[name];
		user.hash = hash;
		user.epoch += 1;
		delete user.link;
		return name;
	});
}

/** @param {string} dataDir @returns {{ name: string, role: Role, created: string }[]} */
export function listUsers(dataDir) {
	return Object.entries(readUsers(dataDir).users)
		.map(([name, user]) => ({ name, role: user.role, created: user.created }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
