/**
 * Starting the workspace server, shared by `npm start` (Tape's own notebooks) and `tape edit
 * <folder>` (a researcher's folder): builds the app when no build exists (or `build` asks for
 * one), then serves it on 127.0.0.1 unless HOST says otherwise; PORT picks the port (default
 * 5173). The server is src/cli/serve.js (adapter-node's handler with nosniff on every answer).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DEFAULT_BUILD, serve } from './serve.js';
import { startupProblem } from '../lib/server/auth/gate.js';

/** The checkout or installed package: where the build, the sample and the default folders live. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');

export interface WorkspaceFolders {
	/** Where notebooks are read and written. */
	notebooks: string;
	/** The data folder (SYMBOL.csv files, tables, the download cache). */
	data: string;
}

export async function startWorkspace(folders: WorkspaceFolders, options: { build?: boolean } = {}): Promise<void> {
	// Before any build: serving beyond loopback without anyone to sign in as is refused, with the commands to fix it.
	const problem = startupProblem(process.env.HOST || '127.0.0.1', folders.data);
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	if (!existsSync(resolve(DEFAULT_BUILD, 'handler.js')) || options.build) {
		console.log('Building Tape (first start only)…');
		const build = spawnSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
		if (build.status !== 0) process.exit(build.status ?? 1);
	}
	process.env.HOST ??= '127.0.0.1';
	process.env.PORT ??= '5173';
	process.env.TAPE_NOTEBOOKS_DIR = folders.notebooks;
	process.env.TAPE_DATA_DIR = folders.data;
	process.env.TAPE_SAMPLE_DIR ??= resolve(PACKAGE_ROOT, 'sample');
	// The body limit of adapter-node; uploads have their own documented limit below it.
	process.env.BODY_SIZE_LIMIT ??= String(64 * 1024 * 1024);

	const host = process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST;
	console.log(`Tape: notebooks in ${folders.notebooks}, market data in ${folders.data}`);
	if (!existsSync(folders.data)) {
		console.log("  (no data folder yet: notebooks read Tape's sample data (sample/, not live: see sample/PROVENANCE.md); files you add go there)");
	}
	console.log(`Open http://${host}:${process.env.PORT}/`);
	await serve(DEFAULT_BUILD);
}
