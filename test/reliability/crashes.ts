/**
 * Part 2: SIGKILL the server at random moments while clients save and create notebooks, 50 times,
 * restarting it each time. After every kill, on disk: every notebook is still there, parses,
 * and is either the last save the server acknowledged or a save that was still in flight (never
 * a mix, never an older text). After every restart: the list shows exactly the notebooks, no
 * temporary file, and the temporary files of the killed server are tidied away. Meanwhile two
 * clients upload price CSVs (up to ~1 MB) to the data folder: after every kill each file there is
 * one of the uploads whole, and after every restart no temporary file is left in the data folder.
 *
 * SIGKILL ends the process, not the machine: data in the kernel's page cache survives, so this
 * proves atomic replacement, not durability across a power cut (that rests on the fsyncs).
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { NotebookParseError, parseNotebook } from '../../src/lib/notebook/index';
import { notebookText } from './notebooks';
import { freePort, sleep, TapeServer } from './server';
import { pick, rng, sha16, Tally, tempRoot, type Figure } from './util';

const KILLS = 50;
const WRITERS = 6;
const FIRST_NOTEBOOKS = 6;
const DATA_WRITERS = 2;
/** The store's temporary files: `.<name>.<pid>.<hex>.tmp` (src/lib/server/store/atomicWrite.ts). */
const TEMPORARY = /^\..*\.tmp$/;
/** The data folder's, by either writer it has had (`.IWM.csv.<pid>.<hex>.tmp`, `IWM.csv.<hex>.tmp`). */
const DATA_TEMPORARY = /\.tmp$/;

/** A valid daily price CSV of `rows` sessions, made unique by `tag` (its closes). */
function priceCsv(rows: number, tag: number): string {
	const lines = ['Date,Close'];
	const day0 = Date.UTC(1900, 0, 1);
	for (let i = 0; i < rows; i++) lines.push(`${new Date(day0 + i * 86_400_000).toISOString().slice(0, 10)},${(tag % 1000) + 1 + (i % 97) / 100}`);
	return lines.join('\n') + '\n';
}

interface NotebookState {
	/** Acknowledged saves by the revision they were based on: the chain from `baseline`. */
	chain: Map<string, { revision: string; text: string }>;
	baseline: { revision: string; text: string };
	/** Saves and creates sent whose answer never came (the kill cut them off). */
	inFlight: Set<string>;
	/** Created this round and acknowledged (201): must exist after the kill. */
	mustExist: boolean;
}

function latestAcknowledged(state: NotebookState): string {
	let current = state.baseline;
	for (let i = 0, next = state.chain.get(current.revision); next && i <= state.chain.size; i++, next = state.chain.get(current.revision)) current = next;
	return current.text;
}

export async function crashes(seed: number): Promise<Figure[]> {
	const root = await tempRoot('crashes');
	const notebooksDir = path.join(root, 'notebooks');
	const dataDir = path.join(root, 'data');
	await mkdir(notebooksDir, { recursive: true });
	const random = rng(seed ^ 0x5eed);
	const sent = new Map<string, string>(); // revision → text, of every text ever sent or written
	const states = new Map<string, NotebookState>();
	for (let i = 0; i < FIRST_NOTEBOOKS; i++) {
		const name = `kept-${i}.md`;
		const text = notebookText(name, `${name} original`, 1000 * 3 ** i); // 1 KB … 243 KB
		await writeFile(path.join(notebooksDir, name), text);
		sent.set(sha16(text), text);
		states.set(name, { chain: new Map(), baseline: { revision: sha16(text), text }, inFlight: new Set(), mustExist: true });
	}

	const missing = new Tally();
	const corrupt = new Tally();
	const lostAcknowledged = new Tally();
	const visibleTemporary = new Tally();
	const staleTemporary = new Tally();
	const unexpected = new Tally();
	const corruptData = new Tally();
	const staleDataTemporary = new Tally();
	/** Every text ever uploaded, by file: what a data file may hold after a kill. */
	const uploaded = new Map<string, Set<string>>();
	let uploads = 0;
	let killsMidDataWrite = 0;
	let acknowledged = 0;
	let cutOff = 0;
	let killsMidWrite = 0;
	let restarts = 0;

	/** Starts a server and checks what it shows after the previous kill. */
	async function restart(): Promise<TapeServer> {
		const server = await TapeServer.start({ notebooksDir, dataDir, port: await freePort() });
		restarts++;
		const listed = await server.client.json('GET', '/api/notebooks');
		const names: string[] = (listed.data?.notebooks ?? []).map((nb: { name: string }) => nb.name);
		for (const name of names) if (TEMPORARY.test(name) || !states.has(name)) visibleTemporary.fail(`list shows ${name}`);
		for (const name of states.keys()) if (!names.includes(name)) missing.fail(`list after restart ${restarts} lacks ${name}`);
		// The store tidies the killed server's temporary files on its first request: give it a moment.
		let leftover: string[] = [];
		for (let attempt = 0; attempt < 40; attempt++) {
			leftover = (await readdir(notebooksDir)).filter((entry) => TEMPORARY.test(entry));
			if (leftover.length === 0) break;
			await sleep(25);
		}
		for (const entry of leftover) staleTemporary.fail(`after restart ${restarts}: ${entry} still there`);
		// The data folder is tidied when the server starts, before it answers.
		const dataLeftover = (await readdir(dataDir).catch(() => [] as string[])).filter((entry) => DATA_TEMPORARY.test(entry));
		for (const entry of dataLeftover) staleDataTemporary.fail(`after restart ${restarts}: data/${entry} still there`);
		return server;
	}

	/** After a kill: what is on disk must be whole, and at or after the last acknowledged save. */
	async function checkDisk(round: number): Promise<void> {
		const dataEntries = await readdir(dataDir).catch(() => [] as string[]);
		if (dataEntries.some((entry) => DATA_TEMPORARY.test(entry))) killsMidDataWrite++;
		for (const [file, texts] of uploaded) {
			const text = await readFile(path.join(dataDir, file), 'utf8').catch(() => undefined);
			if (text !== undefined && !texts.has(sha16(text))) corruptData.fail(`kill ${round}: data/${file} holds ${text.length} bytes that were never uploaded whole`);
		}
		const entries = await readdir(notebooksDir);
		if (entries.some((entry) => TEMPORARY.test(entry))) killsMidWrite++;
		for (const [name, state] of states) {
			let text: string;
			try {
				text = await readFile(path.join(notebooksDir, name), 'utf8');
			} catch {
				if (state.mustExist) missing.fail(`kill ${round}: ${name} is gone`);
				else states.delete(name); // a create cut off before it happened
				continue;
			}
			const revision = sha16(text);
			try {
				parseNotebook(text, name);
			} catch (error) {
				if (!(error instanceof NotebookParseError)) throw error;
				corrupt.fail(`kill ${round}: ${name} does not parse (${error.message})`);
			}
			if (sent.get(revision) !== text) corrupt.fail(`kill ${round}: ${name} holds ${text.length} bytes that were never sent (partial write?)`);
			else if (text !== latestAcknowledged(state) && !state.inFlight.has(revision)) lostAcknowledged.fail(`kill ${round}: ${name} went back to an older text`);
			states.set(name, { chain: new Map(), baseline: { revision, text }, inFlight: new Set(), mustExist: true });
		}
	}

	let server = await restart();
	try {
		for (let round = 1; round <= KILLS; round++) {
			let killed = false;
			const writers = Array.from({ length: WRITERS }, async (_, w) => {
				const seen = new Map([...states].map(([name, state]) => [name, state.baseline.revision]));
				for (let s = 0; !killed && s < 10_000; s++) {
					const creating = random() < 0.05;
					const name = creating ? `new-${round}-${w}-${s}.md` : pick(random, [...seen.keys()]);
					// Mostly small saves with some up to 1 MB, whose write takes long enough to be cut in half.
					const size = creating ? random() * 8000 : random() ** 3 * 1_000_000;
					const text = notebookText(name, `round ${round} writer ${w} save ${s}`, Math.floor(size));
					const revision = sha16(text);
					sent.set(revision, text);
					if (creating) states.set(name, { chain: new Map(), baseline: { revision: '', text: '' }, inFlight: new Set([revision]), mustExist: false });
					const state = states.get(name)!;
					state.inFlight.add(revision);
					let res;
					try {
						res = creating
							? await server.client.json('POST', '/api/notebooks', { name, text })
							: await server.client.json('PUT', `/api/notebooks/${name}`, { text, baseRevision: seen.get(name) });
					} catch {
						cutOff++;
						return; // the server is gone; this save stays in flight
					}
					state.inFlight.delete(revision);
					if (res.status === 200 || res.status === 201) {
						acknowledged++;
						if (creating) {
							state.baseline = { revision, text };
							state.mustExist = true;
						} else state.chain.set(seen.get(name)!, { revision, text });
						seen.set(name, revision);
					} else if (res.status === 409 && !creating) {
						seen.set(name, res.data?.revision);
					} else {
						unexpected.fail(`${res.status} ${res.body.slice(0, 200)}`);
					}
				}
			});
			const uploaders = Array.from({ length: DATA_WRITERS }, async (_, w) => {
				const file = `UP${w}.csv`;
				if (!uploaded.has(file)) uploaded.set(file, new Set());
				for (let s = 0; !killed && s < 10_000; s++) {
					const text = priceCsv(1 + Math.floor(random() ** 2 * 40_000), round * 100 + s);
					uploaded.get(file)!.add(sha16(text));
					try {
						const res = await server.client.request({ method: 'POST', path: `/api/data/upload?name=UP${w}`, headers: { 'content-type': 'text/csv' }, body: text });
						if (res.status === 201 || res.status === 200) uploads++;
						else unexpected.fail(`upload: ${res.status} ${res.body.slice(0, 200)}`);
					} catch {
						return; // the server is gone
					}
				}
			});
			await sleep(Math.floor(random() * 300));
			killed = true;
			await server.kill();
			await Promise.all([...writers, ...uploaders]);
			await checkDisk(round);
			server = await restart();
		}
	} finally {
		await server.stop();
	}
	const listedAtEnd = states.size;
	for (const tally of [missing, corrupt, lostAcknowledged, visibleTemporary, staleTemporary, unexpected, corruptData, staleDataTemporary]) for (const problem of tally.problems) console.log(`  ! ${problem}`);
	const part = 'crashes';
	return [
		{ part, name: 'SIGKILLs (each followed by a restart)', value: KILLS },
		{ part, name: 'kills that left a half-done write (temp file)', value: killsMidWrite },
		{ part, name: 'saves acknowledged before a kill', value: acknowledged },
		{ part, name: 'saves cut off by a kill', value: cutOff },
		{ part, name: `notebooks at the end`, value: listedAtEnd },
		{ part, name: 'missing notebooks', value: missing.count, mustBeZero: true },
		{ part, name: 'partial or corrupt files', value: corrupt.count, mustBeZero: true },
		{ part, name: 'acknowledged saves lost', value: lostAcknowledged.count, mustBeZero: true },
		{ part, name: 'temp files visible in the list', value: visibleTemporary.count, mustBeZero: true },
		{ part, name: 'temp files left after restart', value: staleTemporary.count, mustBeZero: true },
		{ part, name: 'answers other than 200/201/409', value: unexpected.count, mustBeZero: true },
		{ part, name: 'data uploads acknowledged', value: uploads },
		{ part, name: 'kills that left a half-done data write (temp file)', value: killsMidDataWrite },
		{ part, name: 'partial data files after a kill', value: corruptData.count, mustBeZero: true },
		{ part, name: 'data temp files left after restart', value: staleDataTemporary.count, mustBeZero: true }
	];
}
