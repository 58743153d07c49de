/**
 * Editing a notebook live with others (opt-in: "Edit live" in the toolbar). The page joins the
 * notebook's shared document on the server (/api/coedit, src/lib/server/coedit/socket.ts) and
 * from then on its edits go there, not to autosave: the server merges everyone's edits and writes
 * the file. Cells are still run by each person's own sandboxed frame. Monaco editors of code cells
 * are bound to their cell's shared text (carets and names of the others shown); other edits (cells
 * added, moved, Markdown) are replayed onto the shared document as the page makes them.
 *
 * The page has usually run its cells before it joins (a join can be slow, fail, and succeed on a
 * later try), and outputs belong to cell ids. So the shared cells that are the page's cells keep
 * the page's ids on the page (CellIdMap translates them both ways), and only a cell the room
 * changed meanwhile needs running again.
 *
 * A page whose room reopened (it closed when the page, alone there, lost its connection, or the
 * server restarted) is refused on reconnect (roomEpoch.ts) and joins afresh with a new document,
 * as on its first join; then it replays what it typed since the connection dropped
 * (rejoinMerge.ts), so nothing is doubled and nothing typed is lost; a cell the room changed too
 * gets a notice naming the History version that keeps the room's text.
 */
import { tick } from 'svelte';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { serializeNotebook, type Cell, type Notebook } from '$lib/notebook';
import { CellIdMap } from '$lib/coedit/cellIdMap';
import { replayChange, updateCell } from '$lib/coedit/replayChange';
import { mergeRejoin } from '$lib/coedit/rejoinMerge';
import { encodeHeard, encodeKeepRoomText, EPOCH_PARAM, MESSAGE_HEARD, MESSAGE_ROOM_EPOCH, MESSAGE_ROOM_TEXT_KEPT, readRoomEpoch, readRoomTextKept, ROOM_REOPENED } from '$lib/coedit/roomEpoch';
import * as decoding from 'lib0/decoding';
import { cellsByIdOf, readCell, readNotebook, sourceOf, type SharedCell } from '$lib/coedit/sharedNotebook';
import { SharedReading } from '$lib/coedit/sharedReading';
import { MESSAGE_TYPING_REMOVED, readTypingRemoved, type TypingRemoved } from '$lib/coedit/typingRemoved';
import { PEER_COLORS } from '$lib/editor/peers';

/** What LiveNotebook needs of the page's session. */
export interface LiveHost {
	readonly name: string;
	readonly readOnly: boolean;
	/** The page's notebook now (a snapshot). */
	current(): Notebook;
	/** The page's cell at `index` now (a snapshot). */
	cellAt(index: number): Cell | undefined;
	/** Saves what this page has not saved yet, before the shared document takes over. */
	flush(): Promise<void>;
	/** Shows the shared notebook on the page; `joined` when the page switches to it; `changed`: the only cells (positions) that changed since it was last shown. */
	showShared(notebook: Notebook, joined: boolean, changed?: number[]): void;
}

/**
 * What the room did to text this person typed, until they dismiss it: a change on disk removed
 * cells they were editing (`removed`), or, as the page rejoined, the room had changed cells they
 * changed offline too, and their text replaced the room's (`conflict`). Either way the other text
 * is in History, version `version` (null: the workspace keeps none).
 */
export interface LiveNotice extends TypingRemoved {
	kind: 'removed' | 'conflict';
}

/** How long after the page's edit it asks the room whether it has it (one question per this much typing). */
const ASK_AFTER_MS = 250;

/** Where the room is; tests give a server of their own and Node's WebSocket. */
export interface LiveConnection {
	url: string;
	WebSocketPolyfill?: typeof WebSocket;
}

export class LiveNotebook {
	/** The shared document and its connection: both replaced when the page joins a reopened room afresh. */
	ydoc = $state.raw(new Y.Doc());
	provider: WebsocketProvider = $state.raw() as unknown as WebsocketProvider;
	/** The names of the others in this notebook now. */
	others = $state<string[]>([]);
	/** True once the page's edits go through the shared document. */
	active = $state(false);
	/** Why joining failed, shown in the toolbar. */
	problem = $state<string>();
	notices = $state<LiveNotice[]>([]);
	#host: LiveHost;
	/** The page's cells edited since the last replay (text or options only), or 'all' (the notebook changed otherwise). */
	#pushQueued: Set<string> | 'all' | undefined;
	/** The shared document as a notebook with the page's ids, kept up to date per edit (once the page joined). */
	#reading: SharedReading | undefined;
	#ids = new CellIdMap();
	#me: string;
	#connection: LiveConnection;
	/**
	 * The shared notebook (page ids) the room surely has: as joined, as of the room's answer to the
	 * page's last question (MESSAGE_HEARD), or as of an update from the room while the page had no
	 * edits of its own in flight. Edits since may have gone into a dying connection, so a rejoin
	 * replays them all (rejoinMerge.ts).
	 */
	#heard: Notebook | undefined;
	/** The page edited since its last question; the question in flight, with the notebook it asks about. */
	#editedSince = false;
	#asked: { mark: number; notebook: Notebook } | undefined;
	#marks = 0;
	#askTimer: ReturnType<typeof setTimeout> | undefined;
	/** The cells of the rejoin's conflicts, until the room says which version keeps its text. */
	#conflicts: string[] = [];
	/** The connection joining a reopened room afresh, until it has synced. */
	#rejoining: { doc: Y.Doc; provider: WebsocketProvider } | undefined;

	constructor(host: LiveHost, me: string, connection?: LiveConnection) {
		this.#host = host;
		this.#me = me;
		this.#connection = connection ?? { url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/coedit` };
		this.provider = this.#connect(this.ydoc);
	}

	#connect(doc: Y.Doc): WebsocketProvider {
		const { url, WebSocketPolyfill } = this.#connection;
		// No BroadcastChannel: tabs of this browser meet through the server, like everyone else.
		const provider = new WebsocketProvider(url, encodeURIComponent(this.#host.name), doc, { disableBc: true, ...(WebSocketPolyfill && { WebSocketPolyfill }) });
		provider.awareness.setLocalStateField('user', { name: this.#me, color: doc.clientID % PEER_COLORS });
		provider.awareness.on('change', () => provider === this.provider && this.#presence());
		provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			if (provider === this.#rejoining?.provider) void this.#rejoined();
			else if (provider !== this.provider) return;
			else if (!this.active) void this.#start();
		});
		provider.on('connection-close', () => {
			if (provider === this.provider && !provider.wsconnected && !this.active) this.problem = 'could not join: the server refused or is not reachable (live editing needs `npm start`, not the dev server)';
		});
		provider.on('closed', ({ code }: { code: number }) => {
			if (code === ROOM_REOPENED && (provider === this.provider || provider === this.#rejoining?.provider)) this.#rejoin();
		});
		provider.messageHandlers[MESSAGE_ROOM_EPOCH] = (_encoder, decoder) => {
			const epoch = readRoomEpoch(decoder);
			if (epoch) provider.params = { [EPOCH_PARAM]: epoch };
		};
		provider.messageHandlers[MESSAGE_TYPING_REMOVED] = (_encoder, decoder) => {
			const removed = readTypingRemoved(decoder);
			if (removed && provider === this.provider) this.notices = [...this.notices, { kind: 'removed', ...removed }];
		};
		provider.messageHandlers[MESSAGE_ROOM_TEXT_KEPT] = (_encoder, decoder) => {
			const version = readRoomTextKept(decoder);
			if (provider !== this.provider || !this.#conflicts.length) return;
			this.notices = [...this.notices, { kind: 'conflict', version, cells: this.#conflicts }];
			this.#conflicts = [];
		};
		provider.messageHandlers[MESSAGE_HEARD] = (_encoder, decoder) => {
			const mark = decoding.readVarUint(decoder);
			if (provider === this.provider && this.#asked?.mark === mark) (this.#heard = this.#asked.notebook), (this.#asked = undefined);
		};
		doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (doc !== this.ydoc || !this.active) return;
			if (origin !== provider) this.#edited();
			else if (!this.#editedSince && !this.#asked) this.#heard = this.#reading!.notebook();
			// The page's own replays are on the page already; typing bound to the shared text (and the room's edits) are not.
			if (origin !== this) this.#pull();
		});
		return provider;
	}

	/** The page's own edit (typed, or replayed): ask the room, a moment later, whether it has it. */
	#edited() {
		this.#editedSince = true;
		this.#askTimer ??= setTimeout(() => {
			this.#askTimer = undefined;
			const ws = this.provider.ws;
			if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
			this.#editedSince = false;
			this.#asked = { mark: ++this.#marks, notebook: this.#reading!.notebook() };
			ws.send(encodeHeard(this.#asked.mark));
		}, ASK_AFTER_MS);
	}

	/** The room reopened: join it afresh with a new document, as a first join does; the old one stays the page's until then. */
	#rejoin() {
		if (this.#rejoining) this.#rejoining.provider.destroy(), this.#rejoining.doc.destroy();
		const doc = new Y.Doc();
		this.#rejoining = { doc, provider: this.#connect(doc) };
	}

	async #rejoined() {
		const { doc, provider } = this.#rejoining!;
		this.#rejoining = undefined;
		const old = { doc: this.ydoc, provider: this.provider };
		const heard = this.#heard;
		this.#asked = undefined;
		this.#editedSince = false;
		this.#ids = new CellIdMap();
		this.provider = provider;
		this.ydoc = doc;
		old.provider.destroy();
		old.provider.awareness.destroy();
		this.#presence();
		if (!this.active || !heard) {
			old.doc.destroy();
			return void (await this.#start());
		}
		// The page's edits since the connection dropped, as ordinary edits on the new room's document.
		const theirs = readNotebook(doc);
		this.#ids.adopt(heard, theirs);
		const reading = this.#readAfresh();
		this.#heard = reading.notebook();
		const merged = mergeRejoin(heard, this.#host.current(), this.#heard);
		old.doc.destroy();
		if (merged.conflicts.length && !this.#host.readOnly) {
			// The room keeps its text as a version first, and says which: the notice names it.
			this.#conflicts = merged.conflicts;
			provider.ws?.send(encodeKeepRoomText());
		}
		if (!this.#host.readOnly) doc.transact(() => replayChange(doc, readNotebook(doc), this.#ids.toShared(merged.notebook)), this);
		this.#host.showShared(reading.notebook(), true);
		reading.takeChanged();
	}

	/** Reads the shared document (this.ydoc) afresh, with the page's ids as they are now. */
	#readAfresh(): SharedReading {
		this.#reading?.dispose();
		return (this.#reading = new SharedReading(this.ydoc, (id) => this.#ids.pageId(id)));
	}

	get awareness(): Awareness {
		return this.provider.awareness;
	}

	/** The shared text of a cell, to bind its editor to. */
	textOf(cellId: string): Y.Text | undefined {
		return sourceOf(this.ydoc, this.#ids.sharedId(cellId));
	}

	#presence() {
		this.others = [...this.provider.awareness.getStates()]
			.filter(([id, state]) => id !== this.ydoc.clientID && state.user)
			.map(([, state]) => String(state.user.name));
	}

	async #start() {
		const host = this.#host;
		await host.flush();
		// The server merges a save it did not make within a second or so; wait for it to arrive
		// rather than show the text from before it.
		const mine = serializeNotebook(host.current());
		for (let i = 0; i < 30 && serializeNotebook(readNotebook(this.ydoc)) !== mine; i++) await new Promise((resolve) => setTimeout(resolve, 100));
		this.problem = undefined;
		this.#ids.adopt(host.current(), readNotebook(this.ydoc));
		const reading = this.#readAfresh();
		this.#heard = reading.notebook();
		host.showShared(reading.notebook(), true);
		reading.takeChanged();
		this.active = true;
	}

	/**
	 * The page changed its notebook (`cellId`: only that cell's text or options): replay that on
	 * the shared document (after Monaco's own binding had its turn, which usually leaves nothing to do).
	 */
	changed(cellId?: string) {
		if (!this.active || this.#host.readOnly) return;
		const queued = this.#pushQueued;
		this.#pushQueued = cellId === undefined || queued === 'all' ? 'all' : (queued ?? new Set()).add(cellId);
		if (queued) return;
		queueMicrotask(() => {
			const cells = this.#pushQueued;
			this.#pushQueued = undefined;
			this.ydoc.transact(() => {
				if (cells === 'all' || !this.#replayCells(cells!)) replayChange(this.ydoc, readNotebook(this.ydoc), this.#ids.toShared(this.#host.current()));
			}, this);
		});
	}

	/** Replays the page's edits of these cells; false when one is not where the shared document has it (the whole notebook is replayed then). */
	#replayCells(pageIds: Set<string>): boolean {
		const edits: [SharedCell, Cell][] = [];
		for (const pageId of pageIds) {
			const id = this.#ids.sharedId(pageId);
			const at = this.#reading!.indexOf(id);
			const cell = at === undefined ? undefined : this.#host.cellAt(at);
			const shared = cellsByIdOf(this.ydoc).get(id);
			if (!cell || cell.id !== pageId || !shared) return false;
			edits.push([shared, { ...cell, id }]);
		}
		for (const [shared, cell] of edits) updateCell(shared, readCell(shared), cell);
		return true;
	}

	/** Someone else changed the shared document: show it on the page. */
	#pull() {
		const focused = document.activeElement;
		const reading = this.#reading!;
		const notebook = reading.notebook();
		this.#host.showShared(notebook, false, reading.takeChanged());
		// Cells moved by someone else are moved in the page too, and an editor moved loses the
		// focus: give it back, so the reader keeps typing where they were.
		if (focused instanceof HTMLElement && focused !== document.body) {
			void tick().then(() => {
				if (focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
			});
		}
	}

	dismiss(notice: LiveNotice) {
		this.notices = this.notices.filter((other) => other !== notice);
	}

	dispose() {
		clearTimeout(this.#askTimer);
		this.#reading?.dispose();
		this.#rejoining?.provider.destroy();
		this.#rejoining?.doc.destroy();
		this.provider.destroy();
		this.ydoc.destroy();
	}
}
