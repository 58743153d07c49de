/**
 * `tape user …`: the people who may sign in to a shared workspace, and their roles, kept in the
 * data folder (`<data>/.tape/users.json`, see src/lib/server/auth/users.js). A running server
 * sees each change on its next request: a removed user, a new role, revoked sessions.
 */
import path from 'node:path';
import { addUser, linkLifetimeMs, listUsers, removeUser, resetPassword, revokeSessions, ROLES, setRole, UserError } from '../lib/server/auth/users.js';

export const USER_USAGE = `  tape user add <name> --role owner|editor|viewer   prints the new user's password, once
  tape user list
  tape user role <name> owner|editor|viewer
  tape user reset <name>       a new password (printed once); ends the user's sessions
  tape user revoke <name>      ends every session of the user (signed out at once)
  tape user remove <name>
    add and reset take --link: a one-time sign-in link instead of a password (the person
      chooses their password with it; it works once, for 24 hours); --url <address> the
      workspace's address to put in the link (default: TAPE_URL, else a path to append)
    each takes --data <folder>: the workspace's data folder (default: TAPE_DATA_DIR, else ./data)`;

function takeFlag(args: string[], flag: string): boolean {
	const at = args.indexOf(flag);
	if (at >= 0) args.splice(at, 1);
	return at >= 0;
}

function takeOption(args: string[], option: string): string | undefined {
	const at = args.indexOf(option);
	if (at < 0) return undefined;
	const value = args[at + 1];
	if (value === undefined || value.startsWith('--')) throw new UserError(`${option} needs a value`);
	args.splice(at, 2);
	return value;
}

function printPassword(name: string, password: string): void {
	console.log(`Password for ${name} (shown only now; hand it over privately):\n\n  ${password}\n`);
	console.log(`${name} signs in at the workspace's /login page. "tape user reset ${name}" makes a new one.`);
}

function printLink(name: string, token: string, base: string | undefined): void {
	const link = `${base ? base.replace(/\/+$/, '') : ''}/signin?token=${token}`;
	console.log(`Sign-in link for ${name} (shown only now; hand it over privately). It works once, for ${Math.round(linkLifetimeMs() / 3600_000)} hours: ${name} opens it and chooses a password.\n\n  ${link}\n`);
	if (!base) console.log(`Put the workspace's address in front of it (e.g. http://tape.lan:5173${link}), or pass --url next time.`);
	console.log(`"tape user reset ${name} --link" makes a new one.`);
}

/** Runs `tape user <verb> …`; the exit code. */
export async function userCommand(argv: string[]): Promise<number> {
	const args = [...argv];
	try {
		const dataDir = path.resolve(takeOption(args, '--data') ?? process.env.TAPE_DATA_DIR ?? './data');
		const role = takeOption(args, '--role');
		const link = takeFlag(args, '--link');
		const base = takeOption(args, '--url') ?? process.env.TAPE_URL;
		if (base !== undefined && !/^https?:\/\/[^/]+/.test(base)) throw new UserError(`--url needs the workspace's address, like http://tape.lan:5173 (not "${base}")`);
		const [verb, name, extra] = args;
		const needName = () => {
			if (!name) throw new UserError(`tape user ${verb} needs a user name`);
			return name.toLowerCase();
		};
		switch (verb) {
			case 'add': {
				if (!role) throw new UserError(`tape user add needs --role (${ROLES.join(', ')})`);
				const secret = await addUser(dataDir, needName(), role, undefined, { link });
				console.log(`Added ${needName()} (${role}) to ${dataDir}.`);
				if (link) printLink(needName(), secret, base);
				else printPassword(needName(), secret);
				return 0;
			}
			case 'list': {
				const users = listUsers(dataDir);
				if (users.length === 0) console.log(`No users in ${dataDir}: sign-in is off (loopback only).`);
				for (const user of users) console.log(`${user.name.padEnd(24)} ${user.role.padEnd(7)} added ${user.created.slice(0, 10)}`);
				return 0;
			}
			case 'role': {
				const next = role ?? extra;
				if (!next) throw new UserError(`tape user role ${name ?? '<name>'} needs a role (${ROLES.join(', ')})`);
				await setRole(dataDir, needName(), next);
				console.log(`${needName()} is now ${next}.`);
				return 0;
			}
			case 'reset': {
				const secret = await resetPassword(dataDir, needName(), undefined, { link });
				console.log(`${link ? 'The old password no longer works' : `New password for ${needName()}`}; their sessions have ended.`);
				if (link) printLink(needName(), secret, base);
				else printPassword(needName(), secret);
				return 0;
			}
			case 'revoke':
				await revokeSessions(dataDir, needName());
				console.log(`Every session of ${needName()} has ended.`);
				return 0;
			case 'remove':
				await removeUser(dataDir, needName());
				console.log(`Removed ${needName()}; their sessions have ended.`);
				return 0;
			default:
				console.error(verb ? `unknown user command: ${verb}\n${USER_USAGE}` : USER_USAGE);
				return 2;
		}
	} catch (error) {
		if (error instanceof UserError) {
			console.error(`tape user: ${error.message}`);
			return 2;
		}
		throw error;
	}
}
