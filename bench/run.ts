/**
 * `npm run bench`: bundles each bench/*.bench.ts with esbuild (as Vite bundles the app: no
 * name-keeping wrappers a TS loader would add) and runs it; every figure is printed, none asserted.
 * `npm run bench -- runtime` runs only the benchmarks whose file name contains "runtime".
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const filter = process.argv[2] ?? '';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
// Inside the project so the bundles resolve node_modules like the sources do.
const out = resolve(here, '../node_modules/.cache/tape-bench');
mkdirSync(out, { recursive: true });
try {
	for (const file of files) {
		const outfile = join(out, file.replace(/\.ts$/, '.mjs'));
		await build({
			entryPoints: [resolve(here, file)],
			bundle: true,
			platform: 'node',
			format: 'esm',
			outfile,
			packages: 'external',
			// Benches find the project from their own folder; the bundle lives elsewhere (they were skipped as unbuilt).
			define: { 'import.meta.dirname': JSON.stringify(here) },
			logLevel: 'error'
		});
		// A benchmark runs when its module is evaluated, as it does under `npx tsx bench/<file>`.
		await import(pathToFileURL(outfile).href);
	}
} finally {
	rmSync(out, { recursive: true, force: true });
}
