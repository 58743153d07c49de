/** Runs the numpy side of a benchmark (bench/numpy_side.py); null, with a message, when numpy is absent. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// `npm run bench` runs from the project folder; the bundles live elsewhere, so not import.meta.
const script = resolve(process.cwd(), 'bench/numpy_side.py');

let available: boolean | undefined;
export function hasNumpy(): boolean {
	if (available === undefined) {
		available = existsSync(script) && spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
		if (!available) console.log('  numpy side skipped: python3 with numpy not found (Debian: apt-get install python3-numpy)');
	}
	return available;
}

export function numpySide<T>(...args: string[]): T | null {
	if (!hasNumpy()) return null;
	return JSON.parse(execFileSync('python3', [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })) as T;
}
