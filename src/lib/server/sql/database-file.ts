import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The file declaring databases, beside (never inside) the data folder. */
export const DATABASE_FILE = 'tape.databases.json';

/**
 * The databases declared in `tape.databases.json` next to the data folder, e.g.
 * `{ "warehouse": "clickhouse://reader:secret@ch1:8123/market" }`, as the `TAPE_DB_<NAME>`
 * variables `openDatabases` reads (the environment's own variables win over the file).
 *
 * Beside the data folder, not in it: SQL cells may read files of the data folder, and the
 * credentials must never be among them. Errors name the file and the entry, never a URL.
 */
export function databaseFileEnv(dataDir: string): Record<string, string> {
	const path = databaseFilePath(dataDir);
	if (!existsSync(path)) return {};
	let declared: unknown;
	try {
		declared = JSON.parse(readFileSync(path, 'utf8'));
	} catch (e) {
		// A JSON.parse message may quote the text around the fault, which may be a password.
		const position = /position (\d+)/.exec(String((e as Error).message))?.[1];
		throw new Error(`${DATABASE_FILE} is not valid JSON${position ? ` (at character ${position})` : ''}; expected { "name": "clickhouse://user:password@host:8123/db" }`);
	}
	if (!declared || typeof declared !== 'object' || Array.isArray(declared)) {
		throw new Error(`${DATABASE_FILE} must be an object of names to URLs, e.g. { "warehouse": "clickhouse://user:password@host:8123/db" }`);
	}
	const env: Record<string, string> = {};
	for (const [name, url] of Object.entries(declared)) {
		if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`${DATABASE_FILE}: "${name}" is not a database name (letters, digits and _, starting with a letter)`);
		if (typeof url !== 'string') throw new Error(`${DATABASE_FILE}: "${name}" must be a URL string`);
		env[`TAPE_DB_${name.toUpperCase()}`] = url;
	}
	return env;
}

export function databaseFilePath(dataDir: string): string {
	return join(dirname(resolve(dataDir)), DATABASE_FILE);
}
