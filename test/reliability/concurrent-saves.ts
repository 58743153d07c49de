/**
 * Part 1: many clients saving the same notebooks at once through the HTTP API, with revisions.
 *
 * Each client keeps the revision it last saw of each notebook and saves with it as baseRevision.
 * Every answer must be 200 (applied) or 409 (stale, carrying what is on disk). Because every text
 * sent is unique, the accepted saves of a notebook must form one chain of revisions from its
 * first revision (two accepted saves on the same base would mean one overwrote the other unseen:
 * a lost update), and the file on disk at the end must be the end of that chain. Then the races
 * with the world outside the API (store-races.ts): an outside writer, concurrent restores, symlinks.
 */
import { HISTORY_DIR } from '../../src/lib/server/history/notebookHistory';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { NotebookParseError, parseNotebook } from '../../src/lib/notebook/index';
import { notebookText } from './notebooks';
import { freePort, TapeServer } from './server';
import { storeRaces } from './store-races';
import { pick, rng, sha16, Tally, tempRoot, type Figure } from './util';

const CLIENTS = 20;
const SAVES_PER_CLIENT = 100;
const NOTEBOOKS = 10;

interface Accepted {
	base: string;
	revision: string;
	text: string;
}

export async function concurrentSaves(seed: number): Promise<Figure[]> {
	const root = await tempRoot('saves');
	const notebooksDir = path.join(root, 'notebooks');
	const server = await TapeServer.start({ notebooksDir, dataDir: path.join(root, 'data'), port: await freePort() });
	const client = server.client;
	const names = Array.from({ length: NOTEBOOKS }, (_, i) => `nb-${i}.md`);
	/** Every text that was ever sent or created, by revision: what a read may legitimately return. */
	const known = new Map<string, string>();
	const firstRevision = new Map<string, string>();
	const accepted = new Map<string, Accepted[]>(names.map((name) => [name, []]));
	const unexpected = new Tally();
	const corrupt = new Tally();
	let conflicted = 0;
	let reads = 0;

	try {
		for (const name of names) {
			const text = notebookText(name, `${name} original`);
			known.set(sha16(text), text);
			const res = await client.json('POST', '/api/notebooks', { name, text });
			if (res.status !== 201) throw new Error(`creating ${name}: ${res.status} ${res.body}`);
			firstRevision.set(name, res.data.revision);
		}

		const started = performance.now();
		await Promise.all(
			Array.from({ length: CLIENTS }, async (_, c) => {
				const random = rng(seed + c * 7919);
				const seen = new Map(firstRevision);
				for (let s = 0; s < SAVES_PER_CLIENT; s++) {
					const name = pick(random, names);
					const base = seen.get(name)!;
					// Sizes from a few hundred bytes to ~64 KB, so some writes take a while.
					const text = notebookText(name, `client ${c} save ${s}`, Math.floor(random() ** 3 * 65536));
					known.set(sha16(text), text);
					const res = await client.json('PUT', `/api/notebooks/${name}`, { text, baseRevision: base });
					if (res.status === 200) {
						if (res.data?.revision !== sha16(text)) unexpected.fail(`${name}: 200 with revision ${res.data?.revision}, expected ${sha16(text)}`);
						accepted.get(name)!.push({ base, revision: res.data.revision, text });
						seen.set(name, res.data.revision);
					} else if (res.status === 409) {
						conflicted++;
						const onDisk = res.data?.text;
						if (typeof onDisk !== 'string' || known.get(sha16(onDisk)) !== onDisk || res.data.revision !== sha16(onDisk)) {
							corrupt.fail(`${name}: 409 carried text that was never sent (revision ${res.data?.revision})`);
						}
						seen.set(name, res.data?.revision);
					} else {
						unexpected.fail(`${name}: ${res.status} ${res.body.slice(0, 200)}`);
					}
					if (s % 10 === 9) {
						// A read in the middle of writes must be one whole text, never a mix.
						const read = await client.json('GET', `/api/notebooks/${pick(random, names)}`);
						reads++;
						if (read.status !== 200 || known.get(sha16(read.data?.text ?? '')) !== read.data?.text) corrupt.fail(`read: ${read.status} returned a text that was never sent`);
					}
				}
			})
		);
		const elapsed = performance.now() - started;

		// Accepted saves of one notebook must chain, and the file must be the chain's end.
		const lost = new Tally();
		for (const name of names) {
			const byBase = new Map<string, Accepted>();
			for (const save of accepted.get(name)!) {
				if (byBase.has(save.base)) lost.fail(`${name}: two saves accepted on base ${save.base}; one overwrote the other`);
				else byBase.set(save.base, save);
			}
			let revision = firstRevision.get(name)!;
			let expected = known.get(revision)!;
			let chained = 0;
			for (let next = byBase.get(revision); next && chained <= byBase.size; next = byBase.get(revision)) {
				revision = next.revision;
				expected = next.text;
				chained++;
			}
			if (chained !== byBase.size) lost.fail(`${name}: ${byBase.size - chained} accepted save(s) are not on the revision chain`);
			let disk: string;
			try {
				disk = await readFile(path.join(notebooksDir, name), 'utf8');
			} catch {
				lost.fail(`${name}: missing on disk`);
				continue;
			}
			if (disk !== expected) {
				if (known.get(sha16(disk)) === disk) lost.fail(`${name}: on disk is not the last accepted save`);
				else corrupt.fail(`${name}: on disk is a text that was never sent`);
			}
			try {
				parseNotebook(disk, name);
			} catch (error) {
				if (!(error instanceof NotebookParseError)) throw error;
				corrupt.fail(`${name}: does not parse: ${error.message}`);
			}
		}
		// The trash and the history (every saved text) are the store's own folders.
		const leftovers = (await readdir(notebooksDir)).filter((entry) => !names.includes(entry) && entry !== '.trash' && entry !== HISTORY_DIR);
		for (const entry of leftovers) corrupt.fail(`stray file in the notebooks folder: ${entry}`);
		const listed = await client.json('GET', '/api/notebooks');
		const listedNames = (listed.data?.notebooks ?? []).map((nb: { name: string }) => nb.name).join(',');
		if (listedNames !== names.join(',')) corrupt.fail(`list shows ${listedNames}`);

		const acceptedCount = [...accepted.values()].reduce((sum, saves) => sum + saves.length, 0);
		for (const tally of [unexpected, lost, corrupt]) for (const problem of tally.problems) console.log(`  ! ${problem}`);
		const part = 'saves';
		return [
			{ part, name: `saves sent (${CLIENTS} clients × ${SAVES_PER_CLIENT}, ${NOTEBOOKS} notebooks)`, value: CLIENTS * SAVES_PER_CLIENT },
			{ part, name: 'accepted', value: acceptedCount },
			{ part, name: 'conflicted (409)', value: conflicted },
			{ part, name: 'neither 200 nor 409', value: unexpected.count, mustBeZero: true },
			{ part, name: 'lost', value: lost.count, mustBeZero: true },
			{ part, name: `corrupt (files and ${reads} reads in between)`, value: corrupt.count, mustBeZero: true },
			{ part, name: 'saves per second', value: Math.round((CLIENTS * SAVES_PER_CLIENT) / (elapsed / 1000)) },
			...(await storeRaces(seed))
		];
	} finally {
		await server.stop();
	}
}
