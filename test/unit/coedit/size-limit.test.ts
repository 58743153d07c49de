/**
 * The shared document's size limit: a peer whose update would take it beyond is disconnected and
 * the update goes nowhere (not to the others, not to the file), while the others carry on; a
 * message beyond the socket's payload limit does not bring the server down.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { coeditStats } from '$lib/server/coedit/socket';
import { firstCellText, socketClass, startCoeditServer, until, type CoeditServer } from './coedit-server';

const LIMIT = 64 * 1024;
let server: CoeditServer;
const open: Array<{ destroy(): void }> = [];

beforeAll(async () => {
	server = await startCoeditServer('tape-coedit-size', { maxDocumentBytes: LIMIT });
});
afterEach(() => {
	for (const item of open.splice(0)) item.destroy();
	vi.restoreAllMocks();
});
afterAll(() => server.close());

const origin = () => server.origin;

function join(name: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.base, name, doc, { WebSocketPolyfill: socketClass(origin()), disableBc: true, connect: true });
	const closes: number[] = [];
	provider.on('connection-close', (event: CloseEvent | null) => void closes.push(event?.code ?? 0));
	open.push(provider, doc);
	return { doc, provider, closes, code: () => firstCellText(doc) };
}

describe('the shared document has a size limit', () => {
	it('disconnects a peer sending a huge update; the others and the file never get it, and carry on', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		writeFileSync(path.join(server.notebooks, 'big.md'), '```ts\nconst x = 1;\n```\n');
		const ann = join('big.md');
		const bob = join('big.md');
		await until(() => ann.code() !== null && bob.code() !== null, 'both synced');
		const refusedBefore = coeditStats.refusedLargeUpdates;
		ann.code()!.insert(0, 'x'.repeat(LIMIT));
		await until(() => ann.closes.includes(1009), 'ann disconnected as too big');
		expect(coeditStats.refusedLargeUpdates).toBeGreaterThan(refusedBefore);
		bob.code()!.insert(0, '// bob\n');
		await until(() => readFileSync(path.join(server.notebooks, 'big.md'), 'utf8').includes('// bob'), 'bob written');
		await server.listener.flushAll();
		expect(bob.code()!.toString()).toBe('// bob\nconst x = 1;');
		expect(readFileSync(path.join(server.notebooks, 'big.md'), 'utf8')).not.toContain('xxxx');
	});

	it('refuses the update that crosses the limit after many small ones', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		writeFileSync(path.join(server.notebooks, 'grow.md'), '```ts\nconst x = 1;\n```\n');
		const ann = join('grow.md');
		await until(() => ann.code() !== null, 'synced');
		for (let i = 0; i < 80 && !ann.closes.includes(1009); i++) {
			ann.code()!.insert(0, `${i}`.padEnd(1024, '.'));
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await until(() => ann.closes.includes(1009), 'ann disconnected once the document is full');
		await server.listener.flushAll();
		expect(readFileSync(path.join(server.notebooks, 'grow.md'), 'utf8').length).toBeLessThan(LIMIT);
	});

	it('survives a message beyond the payload limit (the socket is closed, the server goes on)', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		writeFileSync(path.join(server.notebooks, 'raw.md'), '```ts\nconst x = 1;\n```\n');
		const ws = new WebSocket(`${server.base}/raw.md`, { headers: { origin: origin() } });
		await new Promise((resolve) => ws.on('open', resolve));
		const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
		ws.on('error', () => undefined);
		ws.send(Buffer.alloc(LIMIT + 128 * 1024, 1));
		expect(await closed).toBe(1009);
		const after = join('raw.md');
		await until(() => after.code()?.toString() === 'const x = 1;', 'a new peer joins');
	});
});
