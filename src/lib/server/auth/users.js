// @ts-check
/**
 * Tape's users: name, role and scrypt hash, in `<data folder>/.tape/users.json`, written by the
 * `tape user` command only. Each user has an `epoch`: a session is valid only while it carries
 * its user's current epoch, so a password reset or "revoke" ends every session of that user,
 * from the command line, without touching the server's own sessions file.
 */
import path from 'node:path';
import { authDir, readJson, writeJsonAtomic } from './json-file.js';
import { generatePassword, hashPassword } from './password.js';

/** @typedef {'owner' | 'editor' | 'viewer'} Role */
/** @typedef {{ role: Role, hash: string, epoch: number, created: string }} UserRecord */
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

/** @param {string} dataDir @param {string} name @param {string} role @param {Cost} [cost] @returns {Promise<string>} the one-time password */
export async function addUser(dataDir, name, role, cost) {
	checkName(name);
	const checked = checkRole(role);
	const file = readUsers(dataDir);
	if (Object.hasOwn(file.users, name)) throw new UserError(`user "${name}" exists already: use "user reset ${name}" for a new password or "user role ${name} <role>"`);
	const password = generatePassword();
	file.users[name] = { role: checked, hash: await hashPassword(password, cost), epoch: 1, created: new Date().toISOString() };
	writeJsonAtomic(usersFile(dataDir), file);
	return password;
}

/**
 * @param {string} dataDir @param {string} name
 * @param {(user: UserRecord, all: Record<string, UserRecord>) => void | Promise<void>} change
 */
async function updateUser(dataDir, name, change) {
	const file = readUsers(dataDir);
	if (!Object.hasOwn(file.users, name)) throw new UserError(`no user "${name}"; "user list" shows who exists`);
	await change(file.users[name], file.users);
	writeJsonAtomic(usersFile(dataDir), file);
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
	const file = readUsers(dataDir);
	if (!Object.hasOwn(file.users, name)) throw new UserError(`no user "${name}"; "user list" shows who exists`);
	keepAnOwner(file.users, name);
	delete file.users[name];
	writeJsonAtomic(usersFile(dataDir), file);
}

/** @param {string} dataDir @param {string} name @param {string} role */
export async function setRole(dataDir, name, role) {
	const checked = checkRole(role);
	await updateUser(dataDir, name, (user, all) => {
		if (checked !== 'owner') keepAnOwner(all, name);
		user.role = checked;
	});
}

/** A new one-time password; every session of the user ends. @param {string} dataDir @param {string} name @param {Cost} [cost] */
export async function resetPassword(dataDir, name, cost) {
	const password = generatePassword();
	await updateUser(dataDir, name, async (user) => {
		user.hash = await hashPassword(password, cost);
		user.epoch += 1;
	});
	return password;
}

/** Ends every session of the user (signed out on the next request). @param {string} dataDir @param {string} name */
export async function revokeSessions(dataDir, name) {
	await updateUser(dataDir, name, (user) => {
		user.epoch += 1;
	});
}

/** @param {string} dataDir @returns {{ name: string, role: Role, created: string }[]} */
export function listUsers(dataDir) {
	return Object.entries(readUsers(dataDir).users)
		.map(([name, user]) => ({ name, role: user.role, created: user.created }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
