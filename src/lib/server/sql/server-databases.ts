import { createServerSource } from '../data/server-source';
import { databaseFileEnv } from './database-file';
import { openDatabases, type Databases } from './databases';
import { SqlError } from './types';

let shared: { key: string; databases: Databases } | undefined;

/**
 * The server's databases, over the data folder and sample the data routes use (TAPE_DATA_DIR,
 * TAPE_SAMPLE_DIR): one registry for the process, so the embedded engine loads once. Databases
 * come from TAPE_DB_<NAME> variables and `tape.databases.json` beside the data folder.
 */
export function serverDatabases(): Databases {
	const { dataDir, sampleDir } = createServerSource();
	const key = `${dataDir}\0${sampleDir}`;
	if (shared?.key !== key) {
		void shared?.databases.close();
		shared = { key, databases: openDatabases({ dataDir, sampleDir, env: { ...declaredInFile(dataDir), ...process.env } }) };
	}
	return shared.databases;
}

/** A bad config file answers every query with its (secret-free) message until it is fixed. */
function declaredInFile(dataDir: string): Record<string, string> {
	try {
		return databaseFileEnv(dataDir);
	} catch (e) {
		throw new SqlError((e as Error).message, 'engine');
	}
}
