import { afterEach, beforeEach, vi } from 'vitest';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeFetch } from './fake-fetch';

/**
 * A fresh data folder for each test, as TAPE_DATA_DIR (restored after), inside a root of its own
 * so that a write escaping the folder shows up next to it. With `offline`, the global fetch the
 * routes build their source on is stubbed: no test reaches the network.
 */
export function useTempDataDir(prefix: string, { offline = true } = {}): { readonly root: string; readonly dir: string } {
	const paths = { root: '', dir: '' };
	let saved: string | undefined;
	beforeEach(async () => {
		paths.root = await mkdtemp(join(tmpdir(), prefix));
		paths.dir = join(paths.root, 'data');
		await mkdir(paths.dir);
		saved = process.env.TAPE_DATA_DIR;
		process.env.TAPE_DATA_DIR = paths.dir;
		if (offline) vi.stubGlobal('fetch', fakeFetch());
	});
	afterEach(async () => {
		vi.unstubAllGlobals();
		if (saved === undefined) delete process.env.TAPE_DATA_DIR;
		else process.env.TAPE_DATA_DIR = saved;
		await rm(paths.root, { recursive: true, force: true });
	});
	return paths;
}
