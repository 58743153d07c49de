import { createClickHouseConnection } from './clickhouse';
import { createDuckDbConnection } from './duckdb';
import { SqlError, type SqlConnection } from './types';

/** Makes a connection from a `TAPE_DB_<NAME>` URL; the `clickhouse` helper adds `'clickhouse:'` here. */
export type ConnectionFactory = (name: string, url: URL) => SqlConnection;

export const CONNECTION_FACTORIES: Record<string, ConnectionFactory> = { 'clickhouse:': createClickHouseConnection, 'clickhouses:': createClickHouseConnection };

/** The embedded database, and the name a query without `database` uses. */
export const DEFAULT_DATABASE = 'duckdb';

const VARIABLE = /^TAPE_DB_([A-Z0-9_]+)$/;

export interface Databases {
	/** The named database (default `duckdb`); a SqlError of kind `unknown-database` for any other name. */
	get(name?: string): SqlConnection;
	names(): string[];
	close(): Promise<void>;
}

export interface DatabasesOptions {
	dataDir: string;
	sampleDir: string | null;
	env?: Record<string, string | undefined>;
	factories?: Record<string, ConnectionFactory>;
}

/**
 * The databases SQL cells may name: `duckdb`, the embedded one over the data folder, and each
 * `TAPE_DB_<NAME>=<url>` of the environment as `<name>` (lower case), made by the factory for its
 * URL's scheme. Declared by the user outside notebooks, so credentials stay in the server: errors
 * name the variable and the scheme, never the URL. Connections open on first use.
 */
export function openDatabases(options: DatabasesOptions): Databases {
	const env = options.env ?? process.env;
	const factories = options.factories ?? CONNECTION_FACTORIES;
	const declared = new Map<string, () => SqlConnection>();
	declared.set(DEFAULT_DATABASE, () => createDuckDbConnection({ dataDir: options.dataDir, sampleDir: options.sampleDir }));
	for (const [variable, value] of Object.entries(env)) {
		const match = VARIABLE.exec(variable);
		if (!match || !value) continue;
		const name = match[1].toLowerCase();
		if (name === DEFAULT_DATABASE) throw new SqlError(`${variable}: "${DEFAULT_DATABASE}" is the embedded database's name; give this one another`, 'engine');
		declared.set(name, () => connect(variable, name, value, factories));
	}
	const open = new Map<string, SqlConnection>();
	return {
		get(name = DEFAULT_DATABASE) {
			const key = name.toLowerCase();
			const make = declared.get(key);
			if (!make) {
				throw new SqlError(`no database named ${JSON.stringify(name)}: use ${[...declared.keys()].join(', ')}, or declare it as TAPE_DB_${name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}=<url> where the server starts`, 'unknown-database');
			}
			let connection = open.get(key);
			if (!connection) open.set(key, (connection = make()));
			return connection;
		},
		names: () => [...declared.keys()],
		async close() {
			const closing = [...open.values()].map((connection) => connection.close());
			open.clear();
			await Promise.all(closing);
		}
	};
}

function connect(variable: string, name: string, value: string, factories: Record<string, ConnectionFactory>): SqlConnection {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new SqlError(`${variable} is not a URL (expected e.g. clickhouse://user:password@host:8123/db)`, 'engine');
	}
	const factory = factories[url.protocol];
	if (!factory) {
		const known = Object.keys(factories);
		throw new SqlError(`${variable} uses ${url.protocol}//, which Tape cannot connect to${known.length ? ` (it knows ${known.join(', ')})` : ''}`, 'engine');
	}
	return factory(name, url);
}
