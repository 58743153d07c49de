/** Shared bits of the reliability suite: seeded randomness, temp folders, file snapshots, figures. */
import { createHash } from 'node:crypto';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Seeded choices of clients, notebooks and delays: the research library's mulberry32. */
export { seededRandom as rng } from '../../src/lib/research/stats/random';

export function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)];
}

/** The server's revision of a text (src/lib/server/store/revision.ts), computed independently. */
export function sha16(text: string | Buffer): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const made: string[] = [];

export async function tempRoot(label: string): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), `tape-reliability-${label}-`));
	made.push(dir);
	return dir;
}

export async function removeTempRoots(): Promise<void> {
	await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true }).catch(() => {})));
}

export interface FileState {
	kind: 'file' | 'dir' | 'symlink' | 'other';
	size: number;
	mtimeMs: number;
	hash: string;
}

/** Every entry under `dir` (not following symlinks) with its content hash and mtime. */
export async function snapshot(dir: string): Promise<Map<string, FileState>> {
	const states = new Map<string, FileState>();
	async function walk(current: string): Promise<void> {
		for (const name of await readdir(current)) {
			const full = path.join(current, name);
			const info = await lstat(full);
			const relative = path.relative(dir, full);
			if (info.isDirectory()) {
				states.set(relative, { kind: 'dir', size: 0, mtimeMs: info.mtimeMs, hash: '' });
				await walk(full);
			} else if (info.isFile()) {
				states.set(relative, { kind: 'file', size: info.size, mtimeMs: info.mtimeMs, hash: sha16(await readFile(full)) });
			} else {
				states.set(relative, { kind: info.isSymbolicLink() ? 'symlink' : 'other', size: info.size, mtimeMs: info.mtimeMs, hash: '' });
			}
		}
	}
	await walk(dir);
	return states;
}

/** What changed between two snapshots: added, removed, or different content/mtime. */
export function snapshotDiff(before: Map<string, FileState>, after: Map<string, FileState>): string[] {
	const changes: string[] = [];
	for (const [name, state] of before) {
		const now = after.get(name);
		if (!now) changes.push(`removed ${name}`);
		else if (now.kind !== state.kind || now.hash !== state.hash || now.size !== state.size || (state.kind !== 'dir' && now.mtimeMs !== state.mtimeMs)) {
			changes.push(`changed ${name}`);
		}
	}
	for (const name of after.keys()) if (!before.has(name)) changes.push(`added ${name}`);
	return changes;
}

/** One printed figure. `mustBeZero` figures fail the suite when they are not 0. */
export interface Figure {
	part: string;
	name: string;
	value: number | string;
	mustBeZero?: boolean;
}

/** A check that should always hold: counted as a failure figure rather than thrown. */
export class Tally {
	readonly problems: string[] = [];
	count = 0;

	fail(message: string): void {
		this.count++;
		if (this.problems.length < 10) this.problems.push(message);
	}
}
