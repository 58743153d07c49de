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
 */
import { tick } from 'svelte';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { serializeNotebook, type Notebook } from '$lib/notebook';
import { CellIdMap } from '$lib/coedit/cellIdMap';
import { replayChange } from '$lib/coedit/replayChange';
import { readNotebook, sourceOf } from '$lib/coedit/sharedNotebook';
import { MESSAGE_TYPING_REMOVED, readTypingRemoved, type TypingRemoved } from '$lib/coedit/typingRemoved';
import { PEER_COLORS } from '$lib/editor/peers';

/** What LiveNotebook needs of the page's session. */
export interface LiveHost {
	readonly name: string;
	readonly readOnly: boolean;
	/** The page's notebook now (a snapshot). */
	current(): Notebook;
	/** Saves what this page has not saved yet, before the shared document takes over. */
	flush(): Promise<void>;
	/** Shows the shared notebook on the page; `joined` when the page switches to it. */
	showShared(notebook: Notebook, joined: boolean): void;
}

export class LiveNotebook {
	readonly ydoc = new Y.Doc();
	readonly provider: WebsocketProvider;
	/** The names of the others in this notebook now. */
	others = $state<string[]>([]);
	/** True once the page's edits go through the shared document. */
	active = $state(false);
	/** Why joining failed, shown in the toolbar. */
	problem = $state<string>();
	/** Cells a change on disk removed while this person edited them, and where their text is kept; until dismissed. */
	removals = $state<TypingRemoved[]>([]);
	#host: LiveHost;
	#pushQueued = false;
	#ids = new CellIdMap();

	constructor(host: LiveHost, me: string) {
		this.#host = host;
		const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/coedit`;
		// No BroadcastChannel: tabs of this browser meet through the server, like everyone else.
		this.provider = new WebsocketProvider(url, encodeURIComponent(host.name), this.ydoc, { disableBc: true });
		this.provider.awareness.setLocalStateField('user', { name: me, color: this.ydoc.clientID % PEER_COLORS });
		this.provider.awareness.on('change', () => this.#presence());
		this.provider.on('sync', (synced: boolean) => {
			if (synced && !this.active) void this.#start();
		});
		this.provider.on('connection-close', () => {
			if (!this.provider.wsconnected && !this.active) this.problem = 'could not join: the server refused or is not reachable (live editing needs `npm start`, not the dev server)';
		});
		this.provider.messageHandlers[MESSAGE_TYPING_REMOVED] = (_encoder, decoder) => {
			const removed = readTypingRemoved(decoder);
			if (removed) this.removals = [...this.removals, removed];
		};
		this.ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (this.active && origin !== this) this.#pull();
		});
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
		host.showShared(this.#ids.toPage(readNotebook(this.ydoc)), true);
		this.active = true;
	}

	/** The page changed its notebook: replay that on the shared document (after Monaco's own binding had its turn). */
	changed() {
		if (!this.active || this.#host.readOnly || this.#pushQueued) return;
		this.#pushQueued = true;
		queueMicrotask(() => {
			this.#pushQueued = false;
			this.ydoc.transact(() => replayChange(this.ydoc, readNotebook(this.ydoc), this.#ids.toShared(this.#host.current())), this);
		});
	}

	/** Someone else changed the shared document: show it on the page. */
	#pull() {
		const focused = document.activeElement;
		this.#host.showShared(this.#ids.toPage(readNotebook(this.ydoc)), false);
		// Cells moved by someone else are moved in the page too, and an editor moved loses the
		// focus: give it back, so the reader keeps typing where they were.
		if (focused instanceof HTMLElement && focused !== document.body) {
			void tick().then(() => {
				if (focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
			});
		}
	}

	dismiss(removed: TypingRemoved) {
		this.removals = this.removals.filter((other) => other !== removed);
	}

	dispose() {
		this.provider.destroy();
		this.ydoc.destroy();
	}
}
