import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The price folder the fixture tests were computed on: `../shared/data/prices-2022`, a frozen copy
 * of the shared folder before its histories were extended. The live folder (`TAPE_DATA_DIR`) keeps
 * growing, so tests whose expected numbers come from numpy runs or hand counts on these files read
 * them here, never through TAPE_DATA_DIR.
 */
export const frozenPricesDir = resolve(projectRoot(dirname(fileURLToPath(import.meta.url))), '../shared/data/prices-2022');

/** The nearest folder up with a package.json: the project, also from a bundle `npm run bench` builds under node_modules/.cache. */
function projectRoot(from: string): string {
	for (let dir = from; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json'))) return dir;
		if (dirname(dir) === dir) return resolve(from, '..');
	}
}
