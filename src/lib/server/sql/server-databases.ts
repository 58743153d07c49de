import { createServerSource } from '../data/server-source';
import { openDatabases, type Databases } from './databases';

let shared: { key: string; databases: Databases } | undefined;

/**
 * The server's databases, over the data folder and sample the data routes use (TAPE_DATA_DIR,
 * TAPE_SAMPLE_DIR): one registry for the process, so the embedded engine loads once.
 */
export function serverDatabases(): Databases {
	const { dataDir, sampleDir } = createServerSource();
	const key = `${dataDir}\0${sampleDir}`;
	if (shared?.key !== key) {
		void shared?.databases.close();
		shared = { key, databases: openDatabases({ dataDir, sampleDir }) };
	}
	return shared.databases;
}
