/**
 * `tape user …`: the people who may sign in to a shared workspace, and their roles, kept in the
 * data folder (`<data>/.tape/users.json`, see src/lib/server/auth/users.js). A running server
 * sees each change on its next request: a removed user, a new role, revoked sessions.
 */
import path from 'node:path';
import { addUser, listUsers, removeUser, resetPassword, revokeSessions, ROLES, setRole, UserError } from '../lib/server/auth/users.js';

export const USER_USAGE = `  tape user add <name> --role owner|editor|viewer   prints the new user's password, once
  tape user list
  tape user role <name> owner|editor|viewer
  tape user reset <name>       a new password (printed once); ends the user's sessions
  tape user revoke <name>      ends every session of the user (signed out at once)
  tape user remove <name>
    each takes --data <folder>: the workspace's data folder (default: TAPE_DATA_DIR, else ./data)`;

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

/** Runs `tape user <verb> …`; the exit code. */
export async function userCommand(argv: string[]): Promise<number> {
	const args = [...argv];
	try {
		const dataDir = path.resolve(takeOption(args, '--data') ?? process.env.TAPE_DATA_DIR ?? './data');
		const role = takeOption(args, '--role');
		const [verb, name, extra] = args;
		const needName = () => {
			if (!name) throw new UserError(`tape user ${verb} needs a user name`);
			return name.toLowerCase();
		};
		switch (verb) {
			case 'add': {
				if (!role) throw new UserError(`tape user add needs --role (${ROLES.join(', ')})`);
				const password = await addUser(dataDir, needName(), role);
				console.log(`Added ${needName()} (${role}) to ${dataDir}.`);
				printPassword(needName(), password);
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
				const password = await resetPassword(dataDir, needName());
				console.log(`New password for ${needName()}; their sessions have ended.`);
				printPassword(needName(), password);
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
