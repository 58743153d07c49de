/**
 * Live co-editing against the real server (src/cli/serve.js with sign-in on), through the same
 * y-websocket provider the browser uses:
 * - two editors insert 1,000 uniquely numbered edits into the same cell at random places, in
 *   bursts that cross in flight: a lost edit is a number missing from either client's text or,
 *   once written, from the file;
 * - two editors make 200 pairs of random edits at once (cells typed in, inserted, deleted, moved,
 *   retyped, options changed; test/coedit-ops.ts), replayed as the page does: a lost edit is text
 *   typed, a cell, an option or a kind lost other than by a delete of its cell; a divergence is
 *   the two documents or the file not ending the same;
 * - upgrades from another origin, without a session and with a forged one: any accepted
 *   connection counts; a viewer's updates: any of them in the editor's document or the file counts;
 * - an editor sending an update beyond the shared document's limit: a breach is the update in
 *   another client's document or the file, or its sender still connected;
 * - SIGKILL while two clients type, five times: a breach is a file that no longer parses or holds
 *   text nobody typed (a torn write). Edits typed in the last moment before the kill (the server
 *   writes ~150 ms after them) are shown as a figure, not a must-be-zero one;
 * - a client alone in its room whose connection blips for 0.5 s (within the empty room's grace
 *   period): a breach is its reconnect refused or given another epoch, or its typing meanwhile not
 *   in the file exactly once;
 * - a client connected across a restart (presenting its room's epoch, as the page does): a breach
 *   is a cell doubled in the file, or the reconnect not refused.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook';
import { cellOrderOf, cellsByIdOf, cellsOf, readNotebook } from '../../src/lib/coedit/sharedNotebook';
import { edit, Ledger, losses, OPTION_KEYS, type Op } from '../coedit-ops';
import { createSession } from '../../src/lib/server/auth/sessions.js';
import { addUser } from '../../src/lib/server/auth/users.js';
import { MAX_SHARED_DOCUMENT_BYTES } from '../../src/lib/server/store/limits';
import { EPOCH_PARAM, MESSAGE_ROOM_EPOCH, readRoomEpoch, ROOM_REOPENED } from '../../src/lib/coedit/roomEpoch';
import { freePort, sleep, TapeServer } from './server';
import { rng, tempRoot, type Figure } from './util';

const CHEAP = { logN: 10, r: 8, p: 1 };
const NOTEBOOK = '---\ntitle: Co-edit\n---\n\n```ts\nconst start = 0;\n```\n';

function socketClass(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	} as unknown as typeof globalThis.WebSocket;
}

interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	text(): Y.Text;
}

async function connect(port: number, name: string, headers: Record<string, string>): Promise<Client> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/api/coedit`, name, doc, { WebSocketPolyfill: socketClass(headers), disableBc: true, maxBackoffTime: 200 });
	const text = () => cellsOf(doc)[0].get('source') as Y.Text;
	// The room's epoch: not needed here (unhandled, y-websocket logs every one).
	provider.messageHandlers[MESSAGE_ROOM_EPOCH] = () => {};
	for (let i = 0; i < 400 && !(provider.synced && cellsOf(doc).length > 0); i++) await sleep(25);
	if (!provider.synced) throw new Error(`client could not sync ${name}`);
	return { doc, provider, text };
}

/** Whether an upgrade with these headers is accepted (101). */
function accepted(url: string, headers: Record<string, string>): Promise<boolean> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', () => resolve(false));
		ws.on('open', () => (ws.close(), resolve(true)));
		ws.on('error', () => resolve(false));
	});
}

const cellOnDisk = async (file: string) => parseNotebook(await readFile(file, 'utf8')).cells[0]?.source ?? '';

async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await check()) return true;
		await sleep(50);
	}
	return false;
}

export async function coedit(seed: number): Promise<Figure[]> {
	const random = rng(seed);
	const root = await tempRoot('coedit');
	const notebooksDir = path.join(root, 'notebooks');
	const dataDir = path.join(root, 'data');
	await Promise.all([mkdir(notebooksDir, { recursive: true }), mkdir(dataDir, { recursive: true })]);
	const file = path.join(notebooksDir, 'shared.md');
	await writeFile(file, NOTEBOOK);
	await addUser(dataDir, 'ann', 'editor', CHEAP);
	await addUser(dataDir, 'bob', 'editor', CHEAP);
	await addUser(dataDir, 'val', 'viewer', CHEAP);
	const port = await freePort();
	const start = () => TapeServer.start({ notebooksDir, dataDir, port, readyStatuses: [200, 401] });
	let server = await start();
	const origin = `http://127.0.0.1:${port}`;
	const as = (user: string) => ({ origin, cookie: `tape_session=${createSession(dataDir, user)}` });
	const figures: Figure[] = [];
	const clients: Client[] = [];
	try {
		// 1,000 edits in one cell from two editors.
		const ann = await connect(port, 'shared.md', as('ann'));
		const bob = await connect(port, 'shared.md', as('bob'));
		clients.push(ann, bob);
		const EDITS = 1000;
		const tokens: string[] = [];
		for (let i = 0; i < EDITS; i++) {
			const client = i % 2 === 0 ? ann : bob;
			const token = `[${i}]`;
			tokens.push(token);
			const text = client.text();
			// Between tokens only: an edit inside another's token would make it unreadable, not lost.
			const cuts = [0, ...[...text.toString().matchAll(/\]/g)].map((m) => m.index! + 1)];
			text.insert(cuts[Math.floor(random() * cuts.length)], token);
			if (i % 10 === 9) await sleep(1);
		}
		const converged = await until(() => ann.text().toString() === bob.text().toString());
		const missingIn = (text: string) => tokens.filter((token) => !text.includes(token)).length;
		await until(async () => missingIn(await cellOnDisk(file)) === 0);
		const onDisk = await cellOnDisk(file);
		figures.push({ part: 'coedit', name: `co-editing: edits lost of ${EDITS} in one cell (either client, or the file)`, value: Math.max(missingIn(ann.text().toString()), missingIn(bob.text().toString()), missingIn(onDisk)) + (converged ? 0 : 1), mustBeZero: true });

		figures.push(...(await structuralPairs(port, as, random, path.join(notebooksDir, 'structure.md'), clients)));

		// Who may join and change it.
		const url = `ws://127.0.0.1:${port}/api/coedit/shared.md`;
		let accepts = 0;
		for (const headers of <Record<string, string>[]>[
			{ ...as('ann'), origin: 'http://evil.example' },
			{ ...as('ann'), origin: 'null' },
			{ cookie: as('ann').cookie },
			{ origin },
			{ origin, cookie: 'tape_session=forged' },
			{ ...as('ann'), host: 'evil.example', origin: 'http://evil.example' }
		]) {
			if (await accepted(url, headers)) accepts++;
		}
		figures.push({ part: 'coedit', name: 'co-editing: sockets accepted from another origin, without or with a forged session', value: accepts, mustBeZero: true });
		const viewer = await connect(port, 'shared.md', as('val'));
		clients.push(viewer);
		for (let i = 0; i < 20; i++) viewer.text().insert(0, `{viewer${i}}`);
		ann.text().insert(0, '[after-viewer]');
		await until(async () => (await cellOnDisk(file)).includes('[after-viewer]'));
		await sleep(300);
		const leaked = [ann.text().toString(), await cellOnDisk(file)].filter((text) => text.includes('{viewer')).length;
		figures.push({ part: 'coedit', name: 'co-editing: viewer updates accepted (in an editor’s document or the file)', value: leaked, mustBeZero: true });

		// One peer tries to fill the server's memory (and the file) with one huge edit.
		const flooder = await connect(port, 'shared.md', as('bob'));
		clients.push(flooder);
		const closes: number[] = [];
		flooder.provider.on('connection-close', (event: CloseEvent | null) => void closes.push(event?.code ?? 0));
		flooder.text().insert(0, '{flood}' + '#'.repeat(MAX_SHARED_DOCUMENT_BYTES));
		const disconnected = await until(() => closes.includes(1009));
		ann.text().insert(0, '[after-flood]');
		await until(async () => (await cellOnDisk(file)).includes('[after-flood]'));
		const flooded = [ann.text().toString(), await cellOnDisk(file)].filter((text) => text.includes('{flood}')).length;
		figures.push({ part: 'coedit', name: 'co-editing: an update beyond the shared document limit accepted, or its sender left connected', value: flooded + (disconnected ? 0 : 1), mustBeZero: true });
		for (const client of clients.splice(0)) client.provider.destroy();

		// SIGKILL while two people type.
		let torn = 0;
		let lostAtKill = 0;
		const typed = new Set<string>();
		for (let round = 0; round < 5; round++) {
			const a = await connect(port, 'shared.md', as('ann'));
			const b = await connect(port, 'shared.md', as('bob'));
			clients.push(a, b);
			let n = 0;
			let typing = true;
			const type = async (client: Client, who: string) => {
				while (typing) {
					const token = `<${round}${who}${n++}>`;
					typed.add(token);
					client.text().insert(client.text().length, token);
					await sleep(2);
				}
			};
			const loops = [type(a, 'a'), type(b, 'b')];
			await sleep(300 + Math.floor(random() * 700));
			typing = false;
			await Promise.all(loops);
			await server.kill();
			for (const client of clients.splice(0)) client.provider.destroy();
			try {
				const text = await cellOnDisk(file);
				const pieces = text.match(/<[^>]*>/g) ?? [];
				if (pieces.some((piece) => !typed.has(piece))) torn++;
				lostAtKill += [...typed].filter((token) => token.startsWith(`<${round}`) && !text.includes(token)).length;
			} catch {
				torn++;
			}
			server = await start();
		}
		figures.push({ part: 'coedit', name: 'co-editing: files torn or unparseable after SIGKILL during typing (5 kills)', value: torn, mustBeZero: true });
		figures.push({ part: 'coedit', name: 'co-editing: edits typed in the last ~150 ms before a kill, not yet written (5 kills)', value: lostAtKill });

		// A page alone in its room whose connection blips: back within the grace period, it finds
		// the same room (the same epoch, not refused) and what it typed meanwhile arrives once.
		const blipFile = path.join(notebooksDir, 'blip.md');
		await writeFile(blipFile, NOTEBOOK);
		const alone = await connect(port, 'blip.md', as('ann'));
		clients.push(alone);
		const epochs: string[] = [];
		alone.provider.messageHandlers[MESSAGE_ROOM_EPOCH] = (_encoder, decoder) => {
			const epoch = readRoomEpoch(decoder);
			if (epoch) epochs.push(epoch), (alone.provider.params = { [EPOCH_PARAM]: epoch });
		};
		alone.provider.disconnect();
		alone.provider.connect();
		await until(() => epochs.length > 0);
		const blipCodes: number[] = [];
		alone.provider.on('connection-close', (event: CloseEvent | null) => void blipCodes.push(event?.code ?? 0));
		alone.provider.disconnect();
		await sleep(500);
		alone.text().insert(0, '// typed during the blip\n');
		alone.provider.connect();
		await until(async () => (await readFile(blipFile, 'utf8')).includes('typed during the blip'));
		const blipText = await readFile(blipFile, 'utf8');
		const blipBreaches = (blipCodes.includes(ROOM_REOPENED) ? 1 : 0) + (new Set(epochs).size === 1 ? 0 : 1) + (blipText.split('typed during the blip').length === 2 ? 0 : 1);
		figures.push({ part: 'coedit', name: 'co-editing: a page alone whose connection blipped (0.5 s) sent to another room, or its typing not there once', value: blipBreaches, mustBeZero: true });

		// A page connected across a restart: its reconnect reaches a room read afresh from the
		// file. It presents the epoch of the room it joined (as the page does); merging its old
		// document in would double every cell, so it must be refused (ROOM_REOPENED).
		const page = await connect(port, 'shared.md', as('ann'));
		clients.push(page);
		page.provider.messageHandlers[MESSAGE_ROOM_EPOCH] = (_encoder, decoder) => {
			const epoch = readRoomEpoch(decoder);
			if (epoch) page.provider.params = { [EPOCH_PARAM]: epoch };
		};
		page.provider.disconnect();
		page.provider.connect();
		for (let i = 0; i < 200 && !page.provider.params[EPOCH_PARAM]; i++) await sleep(25);
		const cellsBefore = parseNotebook(await readFile(file, 'utf8')).cells.length;
		const codes: number[] = [];
		page.provider.on('connection-close', (event: CloseEvent | null) => void codes.push(event?.code ?? 0));
		await server.kill();
		server = await start();
		const refused = await until(() => codes.includes(ROOM_REOPENED));
		await sleep(500);
		const doubled = parseNotebook(await readFile(file, 'utf8')).cells.length - cellsBefore;
		figures.push({ part: 'coedit', name: 'co-editing: cells duplicated by a reconnect to a room reopened by a restart (or the reconnect not refused)', value: doubled + (refused ? 0 : 1), mustBeZero: true });
	} finally {
		for (const client of clients) client.provider.destroy();
		await server.kill();
	}
	return figures;
}

const STRUCTURE = ['Cell one.', 'const two = 2;', 'Cell three.', 'const four = 4;', 'Cell five.', 'const six = 6;']
	.map((source, i) => (i % 2 ? `\`\`\`ts\n${source}\n\`\`\`` : source))
	.join('\n\n');

function randomOp(random: () => number): Op {
	const n = () => Math.floor(random() * 30);
	const roll = random();
	if (roll < 0.35) return { type: 'type', cell: n(), at: n() };
	if (roll < 0.5) return { type: 'insert', at: n(), markdown: random() < 0.5 };
	if (roll < 0.6) return { type: 'delete', cell: n() };
	if (roll < 0.75) return { type: 'move', cell: n(), to: n() };
	if (roll < 0.9) return { type: 'option', cell: n(), key: OPTION_KEYS[Math.floor(random() * OPTION_KEYS.length)], on: random() < 0.6 };
	return { type: 'kind', cell: n() };
}

/** Two editors making 200 pairs of random structural and text edits at once, through the server. */
async function structuralPairs(port: number, as: (user: string) => Record<string, string>, random: () => number, file: string, clients: Client[]): Promise<Figure[]> {
	const PAIRS = 200;
	await writeFile(file, STRUCTURE);
	const name = path.basename(file);
	const ann = await connect(port, name, as('ann'));
	const bob = await connect(port, name, as('bob'));
	clients.push(ann, bob);
	const initial = readNotebook(ann.doc);
	const ledger = new Ledger();
	let unlike = 0;
	for (let i = 0; i < PAIRS; i++) {
		// Both edit before either hears of the other's edit: the pair crosses in flight.
		if (!edit(ann.doc, randomOp(random), 'a', ledger)) unlike++;
		if (!edit(bob.doc, randomOp(random), 'b', ledger)) unlike++;
		if (i % 5 === 4) await sleep(random() < 0.5 ? 1 : 20);
	}
	const shown = (client: Client) => JSON.stringify(readNotebook(client.doc));
	const converged = await until(() => shown(ann) === shown(bob));
	const written = () => serializeNotebook(readNotebook(ann.doc));
	const onDisk = await until(async () => (await readFile(file, 'utf8')) === written());
	const lost = losses(readNotebook(ann.doc), initial, ledger).length + losses(readNotebook(bob.doc), initial, ledger).length;
	// Ids a delete racing a move left in the order, and a cell's repeats: the room takes them out.
	const untidy = (client: Client) => {
		const ids = cellOrderOf(client.doc).toArray();
		return ids.filter((id, k) => !cellsByIdOf(client.doc).has(id) || ids.indexOf(id) !== k).length;
	};
	await until(() => untidy(ann) + untidy(bob) === 0, 5_000);
	const leftInOrder = untidy(ann) + untidy(bob);
	for (const client of clients.splice(-2)) client.provider.destroy();
	return [
		{ part: 'coedit', name: `co-editing: edits lost of ${PAIRS} pairs of concurrent structural and text edits (cells, options, kinds, text typed)`, value: lost + unlike, mustBeZero: true },
		{ part: 'coedit', name: `co-editing: documents or file divergent after ${PAIRS} pairs of concurrent structural edits`, value: (converged ? 0 : 1) + (onDisk ? 0 : 1), mustBeZero: true },
		{ part: 'coedit', name: `co-editing: dead or repeated ids left in either cell order after ${PAIRS} pairs`, value: leftInOrder, mustBeZero: true }
	];
}
