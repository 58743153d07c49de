/**
 * `npm start`: builds the app when no build exists (or `--build` asks for one), then serves it
 * on 127.0.0.1 unless HOST says otherwise; PORT picks the port (default 5173). The server is
 * src/cli/serve.js (adapter-node's handler with nosniff on every answer, build assets included).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DEFAULT_BUILD, serve } from './serve.js';

const root = resolve(import.meta.dirname, '../..');
const server = resolve(DEFAULT_BUILD, 'handler.js');

if (!existsSync(server) || process.argv.includes('--build')) {
	console.log('Building Tape (first start only)…');
	const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '5173';
process.env.TAPE_NOTEBOOKS_DIR ??= resolve(root, 'notebooks');
process.env.TAPE_DATA_DIR ??= resolve(root, 'data');
process.env.TAPE_SAMPLE_DIR ??= resolve(root, 'sample');
// The body limit of adapter-node; uploads have their own documented limit below it.
process.env.BODY_SIZE_LIMIT ??= String(64 * 1024 * 1024);

const host = process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST;
console.log(`Tape: notebooks in ${process.env.TAPE_NOTEBOOKS_DIR}, market data in ${process.env.TAPE_DATA_DIR}`);
if (!existsSync(process.env.TAPE_DATA_DIR)) {
	console.log("  (no data folder yet: notebooks read Tape's sample data (sample/, not live: see sample/PROVENANCE.md); set TAPE_DATA_DIR to a folder of SYMBOL.csv files for your own)");
}
console.log(`Open http://${host}:${process.env.PORT}/`);
await serve(DEFAULT_BUILD);
