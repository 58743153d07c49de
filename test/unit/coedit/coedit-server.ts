/**
 * The co-editing WebSocket served for a test file: a real HTTP server with the upgrade listener on
 * fresh notebook and data folders, and y-websocket providers that send a browser's headers.
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { cellsOf } from '$lib/coedit/sharedNotebook';
import { coeditUpgrade, type CoeditOptions } from '$lib/server/coedit/socket';

export interface CoeditServer {
	/** `ws://127.0.0.1:<port>/api/coedit` */
	base: string;
	/** The page origin a browser on this server sends. */
	origin: string;
	notebooks: string;
	listener: ReturnType<typeof coeditUpgrade>;
	/** The listener's options (the same object, a restart's too): a test may change the empty room's grace period. */
	options: CoeditOptions;
	close(): void;
	/** Ends every connection and the server, then serves the same folders on the same port with a new listener (no rooms): a server restart. */
	restart(): Promise<void>;
}

/** Points TAPE_NOTEBOOKS_DIR and TAPE_DATA_DIR at new temp folders named after `prefix`, and listens. */
export async function startCoeditServer(prefix: string, options: Partial<CoeditOptions> = {}): Promise<CoeditServer> {
	const notebooks = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
	process.env.TAPE_NOTEBOOKS_DIR = notebooks;
	process.env.TAPE_DATA_DIR = mkdtempSync(path.join(tmpdir(), `${prefix}-data-`));
	// No grace period unless a test asks for one: a room closes as its last peer leaves.
	const settings: CoeditOptions = { isAllowedHost: (host) => /^127\.0\.0\.1(:\d+)?$/.test(host ?? ''), emptyRoomGraceMs: 0, ...options };
	const serve = async (port: number) => {
		const listener = coeditUpgrade(settings);
		const sockets = new Set<Duplex>();
		const server = http.createServer().on('upgrade', (req, socket: Duplex, head) => (sockets.add(socket), listener(req, socket, head)));
		await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
		return { listener, server, sockets };
	};
	let served = await serve(0);
	const port = (served.server.address() as AddressInfo).port;
	return {
		base: `ws://127.0.0.1:${port}/api/coedit`,
		origin: `http://127.0.0.1:${port}`,
		notebooks,
		options: settings,
		get listener() {
			return served.listener;
		},
		close: () => void served.server.close(),
		async restart() {
			for (const socket of served.sockets) socket.destroy();
			await new Promise((resolve) => served.server.close(resolve));
			served = await serve(port);
		}
	};
}

/** ws with the headers a browser on `origin` would send. */
export function socketClass(origin: string | null, cookie?: string) {
	return class extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: { ...(origin && { origin }), ...(cookie && { cookie: `tape_session=${cookie}` }) } });
		}
	} as unknown as typeof globalThis.WebSocket;
}

export async function until(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 400; i++) {
		if (check()) return;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** The first cell's shared text, once the document has cells. */
export const firstCellText = (doc: Y.Doc) => (cellsOf(doc).length ? (cellsOf(doc)[0].get('source') as Y.Text) : null);
