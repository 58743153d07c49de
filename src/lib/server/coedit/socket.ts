/**
 * The co-editing WebSocket (`/api/coedit/<notebook>.md`), speaking y-websocket's protocol (Yjs
 * sync + awareness, so the browser uses y-websocket's provider). Attached to the production
 * server's `upgrade` event by src/cli/serve.js. An upgrade is refused unless it passes what the
 * HTTP gate checks: an allowed Host, an Origin of that same host (browsers always send one with a
 * WebSocket, so a page of another site is refused: cross-site WebSocket hijacking), a session when
 * sign-in is on, and a safe notebook name. A viewer joins read-only: their document updates are
 * dropped (and counted), their cursor is still shown. The shared document has a size limit
 * (twice the notebook file's: room for the record of deletions a live session keeps): an update
 * that would take it beyond is refused and its sender disconnected, so one peer cannot fill the
 * server's memory or leave a document too big to be written. A peer whose cell a change on disk
 * removed while they edited it gets a message of its own (typingRemoved.ts). Each opening of a
 * room has an epoch: a reconnect presenting another one (the room closed, a grace period after its
 * last peer left, or the server restarted) is refused with ROOM_REOPENED before any sync, so an old document never merges a
 * second copy of every cell into the new one (roomEpoch.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { authEnabled, dataDirFromEnv, userOfCookie } from '$lib/server/auth/gate.js';
import { checkNotebookName } from '$lib/server/paths';
import { notebookStore, NotFoundError, type NotebookStore } from '$lib/server/store';
import { MAX_SHARED_DOCUMENT_BYTES } from '$lib/server/store/limits';
import { encodeTypingRemoved } from '$lib/coedit/typingRemoved';
import { encodeHeard, encodeRoomEpoch, encodeRoomTextKept, EPOCH_PARAM, MESSAGE_HEARD, MESSAGE_KEEP_ROOM_TEXT, ROOM_REOPENED } from '$lib/coedit/roomEpoch';
import { LOCAL_AUTHOR } from '$lib/server/history/author';
import { Room, type RemovedTyping } from './room';

export const COEDIT_PATH = '/api/coedit/';
/** Where src/hooks.server.ts leaves the `upgrade` listener for src/cli/serve.js. */
export const COEDIT_UPGRADE = Symbol.for('tape.coedit.upgrade');
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** WebSocket close code for "message too big" (RFC 6455). */
const TOO_BIG = 1009;

export interface CoeditOptions {
	isAllowedHost: (host: string | null) => boolean;
	store?: () => NotebookStore;
	/** Tests lower it. */
	maxDocumentBytes?: number;
	/** How long a room stays open once empty (EMPTY_ROOM_GRACE_MS); read at each leaving, so tests can change it. */
	emptyRoomGraceMs?: number;
}

/**
 * An empty room stays open this long: a page alone in it whose connection blipped comes back to
 * the same room (plain Yjs sync) instead of joining a new one afresh and merging (rejoinMerge.ts).
 * Its file is written and its version kept at the leaving; it goes on merging changes on disk.
 */
export const EMPTY_ROOM_GRACE_MS = 15_000;

/** Counts of what the server refused, for the reliability suite and the logs. */
export const coeditStats = { refusedUpgrades: 0, droppedViewerUpdates: 0, refusedLargeUpdates: 0, reopenedRooms: 0 };

type Refusal = { status: number; message: string };

function sameHost(origin: string | undefined, host: string | undefined): boolean {
	if (!origin || !host) return false;
	try {
		return new URL(origin).host === host.trim().toLowerCase();
	} catch {
		return false;
	}
}

/** Who may join which notebook, or why not. */
function admission(req: IncomingMessage, options: CoeditOptions): Refusal | { name: string; readOnly: boolean; user: string | null } {
	const host = req.headers.host;
	if (!options.isAllowedHost(host ?? null)) return { status: 403, message: `Host "${host}" is not allowed` };
	if (!sameHost(req.headers.origin, host)) return { status: 403, message: `co-editing from origin ${req.headers.origin ?? '(none)'} refused: only this page's origin may join` };
	const dataDir = dataDirFromEnv();
	let readOnly = false;
	let user: string | null = null;
	if (authEnabled(dataDir)) {
		const signedIn = userOfCookie(dataDir, req.headers.cookie);
		if (!signedIn) return { status: 401, message: 'sign in first: co-editing needs a session' };
		readOnly = signedIn.role === 'viewer';
		user = signedIn.name;
	}
	const raw = new URL(req.url ?? '/', 'http://tape').pathname.slice(COEDIT_PATH.length);
	let name: string;
	try {
		name = checkNotebookName(decodeURIComponent(raw));
	} catch (error) {
		return { status: 400, message: `not a notebook name: ${(error as Error).message}` };
	}
	return { name, readOnly, user };
}

function refuse(socket: Duplex, { status, message }: Refusal): void {
	coeditStats.refusedUpgrades++;
	const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' }[status] ?? 'Error';
	const body = JSON.stringify({ error: message });
	socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/** Returns the `upgrade` listener for the HTTP server. */
export function coeditUpgrade(options: CoeditOptions) {
	const maxDocumentBytes = options.maxDocumentBytes ?? MAX_SHARED_DOCUMENT_BYTES;
	// A bigger message could never fit: ws closes the socket (1009) before reading it whole.
	const wss = new WebSocketServer({ noServer: true, maxPayload: maxDocumentBytes + 64 * 1024 });
	/** Per room, an upper bound of its document's encoded size: exact when measured, plus every update applied since. */
	const sizes = new WeakMap<Room, number>();
	/** Whether `room` can take `update` and stay within the limit. */
	function fits(room: Room, update: number): boolean {
		let bound = sizes.get(room) ?? Infinity;
		if (bound + update > maxDocumentBytes) {
			bound = Y.encodeStateAsUpdate(room.doc).byteLength;
			sizes.set(room, bound);
		}
		if (bound + update > maxDocumentBytes) return false;
		sizes.set(room, bound + update);
		return true;
	}
	const rooms = new Map<string, Promise<Room>>();
	const members = new Map<Room, Set<WebSocket>>();
	/** Upgrades waiting for their room's file to be read, per room key. */
	const pending = new Map<string, number>();
	const store = options.store ?? notebookStore;
	/** Rooms nobody is in, each with the timer that closes it. */
	const closing = new Map<Room, NodeJS.Timeout>();

	/** Nobody is in `room` nor on the way: close it after the grace period, unless someone comes (back) meanwhile. */
	function vacated(key: string, room: Room): void {
		if (members.get(room)?.size || pending.has(key) || closing.has(room)) return;
		const timer = setTimeout(() => {
			closing.delete(room);
			if (members.get(room)?.size || pending.has(key)) return;
			// Open the file afresh for whoever comes next.
			members.delete(room);
			rooms.delete(key);
			void room.close();
		}, options.emptyRoomGraceMs ?? EMPTY_ROOM_GRACE_MS);
		timer.unref();
		closing.set(room, timer);
	}

	function roomOf(key: string, name: string): Promise<Room> {
		let room = rooms.get(key);
		if (!room) {
			room = Room.open(store(), name);
			rooms.set(key, room);
			room.catch(() => rooms.delete(key));
		}
		return room;
	}

	function join(ws: WebSocket, key: string, room: Room, readOnly: boolean, user: string | null): void {
		clearTimeout(closing.get(room));
		closing.delete(room);
		const peers = members.get(room) ?? new Set();
		members.set(room, peers);
		peers.add(ws);
		const send = (message: Uint8Array) => {
			if (ws.readyState === ws.OPEN) ws.send(message);
		};
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === ws) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			syncProtocol.writeUpdate(encoder, update);
			send(encoding.toUint8Array(encoder));
		};
		const clients = new Set<number>();
		const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			if (origin === ws) for (const id of [...added, ...updated]) clients.add(id);
			const changed = [...added, ...updated, ...removed];
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed));
			send(encoding.toUint8Array(encoder));
		};
		// A change on disk removed cells this peer was editing: tell them where their text is kept.
		const onTypingRemoved = ({ version, cells }: RemovedTyping) => {
			const theirs = cells.filter(({ editors }) => editors.has(ws)).map(({ label }) => label);
			if (theirs.length) send(encodeTypingRemoved({ version, cells: theirs }));
		};
		room.doc.on('update', onUpdate);
		room.awareness.on('update', onAwareness);
		room.typingRemoved.add(onTypingRemoved);

		let refused = false;
		let keptBeforeRejoin = false;
		// A message beyond maxPayload: ws closes the socket (1009) and reports it here; unheard, it would end the server.
		ws.on('error', (error) => {
			refused = true;
			coeditStats.refusedLargeUpdates++;
			console.warn(`co-editing ${room.name}: ${user ?? 'a peer'} disconnected: ${error.message}`);
		});
		ws.on('message', (data: Buffer) => {
			if (refused) return;
			try {
				const decoder = decoding.createDecoder(new Uint8Array(data));
				const type = decoding.readVarUint(decoder);
				if (type === MESSAGE_SYNC) {
					const syncType = decoding.readVarUint(decoder);
					if (syncType === syncProtocol.messageYjsSyncStep1) {
						const encoder = encoding.createEncoder();
						encoding.writeVarUint(encoder, MESSAGE_SYNC);
						syncProtocol.writeSyncStep2(encoder, room.doc, decoding.readVarUint8Array(decoder));
						send(encoding.toUint8Array(encoder));
					} else if (readOnly) {
						coeditStats.droppedViewerUpdates++;
					} else if (!fits(room, data.byteLength)) {
						coeditStats.refusedLargeUpdates++;
						refused = true;
						console.warn(`co-editing ${room.name}: an update of ${data.byteLength} bytes from ${user ?? 'a peer'} would take the shared document beyond ${maxDocumentBytes} bytes; refused, and the peer disconnected`);
						ws.close(TOO_BIG, 'the shared notebook would be too large');
					} else {
						// Step 2 and updates both carry a document update.
						room.edited(user);
						syncProtocol.readUpdate(decoder, room.doc, ws);
					}
				} else if (type === MESSAGE_AWARENESS) {
					awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), ws);
				} else if (type === MESSAGE_HEARD) {
					// Everything this socket sent before it is applied: say so (the page's base for a rejoin).
					send(encodeHeard(decoding.readVarUint(decoder)));
				} else if (type === MESSAGE_KEEP_ROOM_TEXT && !readOnly && !keptBeforeRejoin) {
					// Once per connection: a rejoin asks it at most once, and a peer cannot fill the history with it.
					keptBeforeRejoin = true;
					// The page tells its person which version holds the text it replaced.
					void room.keepBeforeRejoin(user ?? LOCAL_AUTHOR).then((version) => send(encodeRoomTextKept(version)));
				}
			} catch (error) {
				ws.close(1003, 'malformed message');
				console.warn(`co-editing ${room.name}: malformed message`, error);
			}
		});
		ws.on('close', () => {
			room.doc.off('update', onUpdate);
			room.awareness.off('update', onAwareness);
			room.typingRemoved.delete(onTypingRemoved);
			awarenessProtocol.removeAwarenessStates(room.awareness, [...clients], null);
			peers.delete(ws);
			if (peers.size === 0) {
				// The last one left: the file written and a version kept now; the room closes after the grace period.
				void room.checkpoint();
				vacated(key, room);
			}
		});

		// Which opening of the room this is, before any sync: the page's reconnects present it.
		send(encodeRoomEpoch(room.epoch));
		// The server's side of the handshake: ask for what the client has, send who is here.
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, room.doc);
		send(encoding.toUint8Array(encoder));
		const present = [...room.awareness.getStates().keys()];
		if (present.length) {
			const aware = encoding.createEncoder();
			encoding.writeVarUint(aware, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(aware, awarenessProtocol.encodeAwarenessUpdate(room.awareness, present));
			send(encoding.toUint8Array(aware));
		}
	}

	const listener = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
		socket.on('error', () => socket.destroy());
		if (!new URL(req.url ?? '/', 'http://tape').pathname.startsWith(COEDIT_PATH)) return refuse(socket, { status: 404, message: 'no WebSocket here' });
		const admitted = admission(req, options);
		if ('status' in admitted) return refuse(socket, admitted);
		const key = `${store().dir}\0${admitted.name}`;
		// A reconnect from another opening of the room (it closed, or the server restarted): its
		// document would merge a second copy of every cell into this one. Refused before any sync
		// message, with a code the page answers by joining afresh.
		const epoch = new URL(req.url ?? '/', 'http://tape').searchParams.get(EPOCH_PARAM);
		const reopened = () => {
			coeditStats.reopenedRooms++;
			wss.handleUpgrade(req, socket, head, (ws) => ws.close(ROOM_REOPENED, 'the room was reopened: join afresh'));
		};
		if (epoch !== null && !rooms.has(key)) return reopened();
		pending.set(key, (pending.get(key) ?? 0) + 1);
		const settled = () => {
			const left = (pending.get(key) ?? 1) - 1;
			if (left > 0) pending.set(key, left);
			else pending.delete(key);
		};
		roomOf(key, admitted.name).then(
			(room) => {
				settled();
				// Gone while the file was read: do not keep a room nobody joined or is joining.
				if (socket.destroyed) return vacated(key, room);
				if (epoch !== null && epoch !== room.epoch) {
					// The page joins afresh next: into this room, while the grace period lasts.
					vacated(key, room);
					return reopened();
				}
				wss.handleUpgrade(req, socket, head, (ws) => join(ws, key, room, admitted.readOnly, admitted.user));
			},
			(error) => (settled(), refuse(socket, error instanceof NotFoundError ? { status: 404, message: `no notebook named ${admitted.name}` } : { status: 409, message: (error as Error).message }))
		);
	};
	/** How many rooms are open, empty ones in their grace period too (tests: a room closed after its last peer left). */
	listener.openRooms = () => rooms.size;
	/** How many of them are empty, in their grace period (tests). */
	listener.emptyRooms = () => closing.size;
	/** Writes every open notebook now (tests; shutdown). */
	listener.flushAll = async () => {
		for (const room of rooms.values()) await (await room).flush();
	};
	return listener;
}
