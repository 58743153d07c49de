/**
 * The page's window onto the notebook runtime, which runs in the sandboxed frame
 * (src/lib/sandbox): mirrors cell states reactively, sizes each cell's output slot to what the
 * frame shows there, keeps the frame's outputs lined up with the slots, makes the frame's data
 * requests (showing slow ones in `activity`) and refreshes the notebook's data when the reader asks.
 * Cells that were interrupted, here or the last time the notebook was open, are not run again
 * until the reader runs them (InterruptedCells).
 */
import { createBrowserSource, csvDateSpan, type DataFrom, type DateSpan, type FetchProgress, type SeriesSource, type SessionRange } from '$lib/data';
import { DataActivity } from './dataActivity.svelte';
import { InterruptedCells } from './interruptedCells';
import type { ChartEditor } from './drawingEdits';
import { createSandbox, wasStopped, type SandboxRuntime } from '$lib/sandbox/host';
import type { InputValue, SlotPosition } from '$lib/sandbox/protocol';
import type { InputDefault } from '$lib/runtime/compile';
import type { CellState, CodeCellInput } from '$lib/runtime/types';
import { sqlQueryKey, type SqlQuery } from '$lib/runtime/sql';
import { querySql } from './sqlApi';
import { KeyedState } from './keyedState.svelte';
import { readNextFrame, type FrameRead } from './frameReads';
import { adoptPrefetchedSeries, type PrefetchedSeries } from './seriesPrefetch';

export class RuntimeView {
	/** The last input a reader changed in each cell, with where its default is written. */
	inputs = $state.raw<Record<string, { value: InputValue; literal: InputDefault | null }>>({});
	/** Symbols the notebook has loaded on this page (exports embed them). */
	symbols = $state.raw<string[]>([]);
	/** Tables (data-folder CSVs) the notebook has loaded on this page with loadTable. */
	tables = $state.raw<string[]>([]);
	/** Queries the notebook ran on this page (newest last, at most 50), for an export to embed their results. */
	queries = $state.raw<SqlQuery[]>([]);
	/** Where each loaded symbol came from: only provider downloads (cache) can be refreshed. */
	from = $state.raw<Record<string, DataFrom | undefined>>({});
	/** The first and last dates of each loaded symbol's file, shown with where it came from. */
	spans = $state.raw<Record<string, DateSpan | undefined>>({});
	/** Data requests in flight and just finished, for the toolbar. */
	readonly activity = new DataActivity();
	/** Counts the frames in which outputs changed height (cells below them moved). */
	resized = $state(0);
	/** What the page does with a drawing the reader made on a chart (see drawingEdits.ts). */
	charts: ChartEditor | undefined;
	/** Whether a cell is running or waiting its turn. */
	running = $state(false);

	#sandbox: SandboxRuntime | undefined;
	#source: SeriesSource = createBrowserSource();
	#attached: Promise<SandboxRuntime>;
	#attach!: (sandbox: SandboxRuntime) => void;
	#cleanup: (() => void)[] = [];
	#layoutRead: FrameRead | undefined;
	#cancelLayout: (() => void) | undefined;
	/** The slot positions the frame was last told, to tell it only what changed. */
	#sentSlots = new Map<string, SlotPosition>();
	#sentHeight = -1;
	#interrupted: InterruptedCells | undefined;
	/** Each code cell's source by id, to know a cell by its code in InterruptedCells. */
	#sources = new Map<string, string>();
	#opened = false;
	/** Whole series the page asked for while it opened (seriesPrefetch.ts), until the first run is over. */
	#prefetched: PrefetchedSeries | undefined;
	/**
	 * Cell states as the frame reports them (no values: the frame shows those itself), and the
	 * source each cell's shown outputs were computed from (see `edited`). Reactive once a frame, per
	 * cell (state) or all at once (states): a copy of 10,000 states per frame, and every reader
	 * of any, cost a notebook that size seconds of the page's thread while it opened.
	 */
	#latest: Record<string, CellState> = {};
	#latestRan: Record<string, string> = {};
	#cellStates = new KeyedState<CellState | undefined>(undefined);
	#changedStates = new Set<string>();
	#statesVersion = $state(0);
	/** Cells running or queued in #latest, counted as states arrive. */
	#busy = 0;
	#statesFrame = 0;
	/** Height in px of each cell's outputs in the frame, read per cell (thousands of cells read it). */
	#heights = new KeyedState(0);
	#latestHeights = new Map<string, number>();
	#heightsFrame = 0;

	constructor() {
		this.#attached = new Promise((resolve) => (this.#attach = resolve));
	}

	/** Starts the frame under `column`, the element that holds the cells and their `[data-output-slot]`s. */
	attach(column: HTMLElement, notebook: string) {
		const source = this.#source;
		const interrupted = (this.#interrupted = new InterruptedCells(notebook));
		this.#prefetched = adoptPrefetchedSeries(notebook);
		const sandbox = createSandbox(column, {
			notebook,
			// The frame cannot ask for a refresh: only refreshData(), on the reader's click, refetches.
			fetchSeries: (symbol, range) => this.#loadSeries(symbol, false, range),
			fetchTable: async (name) => {
				const table = await source.fetchTable!(name);
				if (!this.tables.includes(name)) this.tables = [...this.tables, name].sort();
				return table;
			},
			listSymbols: () => source.listSymbols?.() ?? Promise.resolve([]),
			querySql: async (query) => {
				const answer = await querySql(query);
				const key = sqlQueryKey(query);
				this.queries = [...this.queries.filter((q) => sqlQueryKey(q) !== key), query].slice(-50);
				return answer;
			},
			onChartEdit: (id, ref, edit) => this.charts?.edit(id, ref, edit),
			onBreakStudy: (id, ref, index) => this.charts?.study(id, ref, index),
			onInput: (id, { value, literal }) => {
				this.inputs = { ...this.inputs, [id]: { value, literal } };
			},
			onSize: (id, height) => {
				// A new frame reports every cell's height at once: one reactive update per frame.
				this.#latestHeights.set(id, height);
				this.#heightsFrame ||= requestAnimationFrame(() => {
					this.#heightsFrame = 0;
					for (const [cell, px] of this.#latestHeights) this.#heights.set(cell, px);
					this.#latestHeights.clear();
					this.resized++;
				});
			},
			onStarted: (id) => {
				const code = this.#sources.get(id);
				if (code !== undefined) interrupted.running(code);
			},
			onStopped: (ids) => {
				for (const id of ids) {
					const code = this.#sources.get(id);
					if (code !== undefined) interrupted.stopped(code);
				}
			}
		});
		this.#sandbox = sandbox;
		this.#cleanup.push(
			sandbox.subscribe((state) => {
				const code = this.#sources.get(state.id);
				if (code !== undefined) {
					if (state.status === 'done' || (state.status === 'error' && !wasStopped(state))) interrupted.ended(code);
				}
				// A run of many cells sends many states at once: one reactive update per frame.
				this.#busy += Number(isBusy(state)) - Number(isBusy(this.#latest[state.id]));
				this.#latest[state.id] = state;
				if (code !== undefined && (state.status === 'running' || state.status === 'done' || state.status === 'error')) this.#latestRan[state.id] = code;
				this.#changedStates.add(state.id);
				this.#statesFrame ||= requestAnimationFrame(() => this.#publishStates());
			})
		);
		// A normal close while the frame answers: the cells still running were only waiting.
		const closing = () => {
			if (sandbox.answering()) interrupted.closing();
		};
		window.addEventListener('pagehide', closing);
		this.#cleanup.push(() => window.removeEventListener('pagehide', closing));
		// Anything that moves a slot (typing grows an editor, a cell moves, Markdown renders) re-lays out, once per frame.
		const schedule = () => this.scheduleLayout(column);
		const resize = new ResizeObserver(schedule);
		resize.observe(column);
		const mutation = new MutationObserver(schedule);
		mutation.observe(column, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
		window.addEventListener('resize', schedule);
		this.#cleanup.push(() => resize.disconnect(), () => mutation.disconnect(), () => window.removeEventListener('resize', schedule));
		this.#attach(sandbox);
		schedule();
	}

	scheduleLayout(column: HTMLElement) {
		// With the frame's other reads (frameReads.ts): the slots are measured before the cell window's changes, not after.
		this.#layoutRead ??= () => this.#layout(column);
		this.#cancelLayout = readNextFrame(this.#layoutRead);
	}

	/** Height in px of the cell's outputs in the frame. */
	outputHeight(id: string): number {
		return this.#heights.get(id);
	}

	/** Measures where the output slots moved (only those that did: thousands of cells scroll by); returns the telling of the frame. */
	#layout(column: HTMLElement): (() => void) | undefined {
		const sandbox = this.#sandbox;
		if (!sandbox) return;
		const origin = column.getBoundingClientRect();
		const moved: Record<string, SlotPosition> = {};
		const seen = new Set<string>();
		let changes = 0;
		for (const slot of column.querySelectorAll<HTMLElement>('[data-output-slot]')) {
			const id = slot.dataset.outputSlot!;
			const r = slot.getBoundingClientRect();
			const position = { top: Math.round(r.top - origin.top), left: Math.round(r.left - origin.left), width: Math.round(r.width) };
			seen.add(id);
			const sent = this.#sentSlots.get(id);
			if (sent && sent.top === position.top && sent.left === position.left && sent.width === position.width) continue;
			this.#sentSlots.set(id, position);
			moved[id] = position;
			changes++;
		}
		const gone = [...this.#sentSlots.keys()].filter((id) => !seen.has(id));
		for (const id of gone) this.#sentSlots.delete(id);
		// The column's own height, not its scrollHeight: that counts the frame itself, which then never
		// got shorter than its tallest layout and left blank space below the last cell (End landed there).
		const height = Math.ceil(origin.height);
		if (!changes && !gone.length && height === this.#sentHeight) return;
		this.#sentHeight = height;
		return () => {
			sandbox.iframe.style.height = `${height}px`;
			sandbox.layout(moved, gone, height);
		};
	}

	/**
	 * Declares the current code cells, then runs `ids` (all cells when omitted). The first run of
	 * the page leaves out the cells interrupted last time (and their readers).
	 */
	async run(cells: CodeCellInput[], ids?: string[]) {
		const sandbox = await this.#attached;
		this.#declare(sandbox, cells);
		if (!this.#opened) {
			this.#opened = true;
			const message = 'interrupted last time (stopped, out of memory, or the page closed while it ran), so not run on opening; ▶ Run to try again';
			sandbox.hold(Object.fromEntries(cells.filter((cell) => this.#interrupted?.lastTime(cell.source)).map((cell) => [cell.id, message])));
			await sandbox.run(ids);
			// What the first run did not ask for was a guess, or the code changed meanwhile: not kept.
			this.#prefetched?.drop();
			return;
		}
		await sandbox.run(ids);
	}

	/** ▶ Run all: the reader's request, held cells included. */
	runAll(cells: CodeCellInput[]) {
		return this.run(cells, cells.map((cell) => cell.id));
	}

	#declare(sandbox: SandboxRuntime, cells: CodeCellInput[]) {
		this.#sources = new Map(cells.map((cell) => [cell.id, cell.source]));
		sandbox.update(cells);
	}

	/** The cells whose code the frame does not have yet (new cells, or edited since it was told). */
	changedSince(cells: CodeCellInput[]): string[] {
		return cells.filter((cell) => this.#sources.get(cell.id) !== cell.source).map((cell) => cell.id);
	}

	/** Declares the current code cells without running (e.g. after a delete or a move). */
	async update(cells: CodeCellInput[]) {
		const sandbox = await this.#attached;
		this.#declare(sandbox, cells);
		const present = new Set(cells.map((cell) => cell.id));
		for (const id of Object.keys(this.#latest)) {
			if (present.has(id)) continue;
			this.#busy -= Number(isBusy(this.#latest[id]));
			delete this.#latest[id];
			this.#changedStates.add(id);
		}
		this.#publishStates();
	}

	#publishStates() {
		if (this.#statesFrame) cancelAnimationFrame(this.#statesFrame);
		this.#statesFrame = 0;
		for (const id of this.#changedStates) this.#cellStates.set(id, this.#latest[id]);
		this.#changedStates.clear();
		this.#statesVersion++;
		this.running = this.#busy > 0;
	}

	/** A cell's state as last reported (reactive for this cell only). */
	state(id: string): CellState | undefined {
		return this.#cellStates.get(id);
	}

	/** Every cell's state (reactive: changes once a frame when any does). */
	get states(): Readonly<Record<string, CellState>> {
		void this.#statesVersion;
		return this.#latest;
	}

	/** The source each cell's shown outputs were computed from, by id (reactive as `states`). */
	get ran(): Readonly<Record<string, string>> {
		void this.#statesVersion;
		return this.#latestRan;
	}

	/**
	 * Why each code cell's shown outputs may no longer hold, by id (cells absent are current): its
	 * code was edited since it ran, or it reads, directly or through other cells, a name that such
	 * an edited cell defined when it ran. Running the edited cell re-runs its readers, which clears both.
	 */
	staleness(cells: CodeCellInput[]): Map<string, string> {
		const [states, ran] = [this.states, this.ran];
		const stale = cells.filter((cell) => edited(states, ran, cell.id, cell.source)).map((cell) => cell.id);
		// The usual case, and every frame of a run: nothing edited, nothing to trace.
		if (!stale.length) return new Map();
		const { number, readers } = this.#readersOf(cells, states);
		const notes = new Map<string, string>();
		for (const id of stale) notes.set(id, 'Edited since run — Shift+Enter to run');
		// Breadth first from the edited cells, so each reader names the nearest edited cell upstream.
		const root = new Map(stale.map((id) => [id, id]));
		const queue = [...stale];
		for (let i = 0; i < queue.length; i++) {
			const from = queue[i];
			const edit = number.get(root.get(from)!);
			for (const reader of readers.get(from) ?? []) {
				if (root.has(reader.id)) continue;
				root.set(reader.id, root.get(from)!);
				queue.push(reader.id);
				const note =
					root.get(from) === from
						? `Reads \`${reader.name}\` from cell ${edit}, edited since run — run cell ${edit} to update`
						: `Reads \`${reader.name}\` from cell ${number.get(from)}, out of date since cell ${edit} was edited — run cell ${edit} to update`;
				notes.set(reader.id, note);
			}
		}
		return notes;
	}

	/** #readersOf's last answer: kept while the states and the cells' order are the same (each keystroke in an edited cell asks again). */
	#readers: { version: number; ids: string[]; number: Map<string, number>; readers: Map<string, { id: string; name: string }[]> } | undefined;

	/** Each code cell's number, and the cells that read a name each cell defined when it ran (by the definer's id). */
	#readersOf(cells: CodeCellInput[], states: Readonly<Record<string, CellState>>) {
		const kept = this.#readers;
		if (kept && kept.version === this.#statesVersion && kept.ids.length === cells.length && cells.every((cell, i) => kept.ids[i] === cell.id)) return kept;
		const number = new Map(cells.map((cell, i) => [cell.id, i + 1]));
		const definer = new Map<string, string>();
		for (const cell of cells) for (const name of states[cell.id]?.defines ?? []) definer.set(name, cell.id);
		// Only cells showing outputs (or an error) can be out of date.
		const readers = new Map<string, { id: string; name: string }[]>();
		for (const cell of cells) {
			const state = states[cell.id];
			if (state?.status !== 'done' && state?.status !== 'error') continue;
			for (const name of new Set(state.refs)) {
				const from = definer.get(name);
				if (from === undefined || from === cell.id) continue;
				const list = readers.get(from) ?? [];
				list.push({ id: cell.id, name });
				readers.set(from, list);
			}
		}
		this.#readers = { version: this.#statesVersion, ids: cells.map((cell) => cell.id), number, readers };
		return this.#readers;
	}

	/** The input's value was written into the cell (or dropped): stop offering it. */
	forgetInput(id: string) {
		const { [id]: _, ...rest } = this.inputs;
		this.inputs = rest;
	}

	async #loadSeries(symbol: string, refresh: boolean, range?: SessionRange) {
		const early = refresh || range ? undefined : this.#prefetched?.take(symbol);
		const fetch = (onProgress: (p: FetchProgress) => void) => this.#source.fetchCsv(symbol, { refresh, onProgress, range });
		const series = await this.activity.track(symbol, refresh, (onProgress) => (early ? early.then((got) => got ?? fetch(onProgress), () => fetch(onProgress)) : fetch(onProgress)));
		if (!this.symbols.includes(symbol)) this.symbols = [...this.symbols, symbol].sort();
		this.from = { ...this.from, [symbol]: series.from };
		// A range's answer names the dates of its whole file.
		this.spans = { ...this.spans, [symbol]: series.span ?? csvDateSpan(series.text) };
		return series;
	}

	/**
	 * Refresh data: refetches from the providers every series this page loaded from them (the
	 * cache), leaves the reader's own files alone, makes the frame forget what it kept, and
	 * re-runs the cells that call loadSeries or loadTable (their readers follow). Only the
	 * workspace calls this, on the reader's click: notebook code has no way to.
	 */
	async refreshData(cells: CodeCellInput[]): Promise<RefreshOutcome> {
		const sandbox = await this.#attached;
		this.#prefetched?.drop();
		const symbols = Object.keys(this.from).sort();
		const own = symbols.filter((symbol) => this.from[symbol] === 'folder');
		// The sample ships with Tape: like the reader's files, nothing to refetch.
		const sample = symbols.filter((symbol) => this.from[symbol] === 'sample');
		const fetched = symbols.filter((symbol) => this.from[symbol] !== 'folder' && this.from[symbol] !== 'sample');
		const settled = await Promise.allSettled(fetched.map((symbol) => this.#loadSeries(symbol, true)));
		const failed = settled.flatMap((result, i) => (result.status === 'rejected' ? [{ symbol: fetched[i], error: (result.reason as Error).message }] : []));
		sandbox.forgetData();
		const loaders = cells.filter((cell) => this.states[cell.id]?.refs.some((name) => name === 'loadSeries' || name === 'loadTable')).map((cell) => cell.id);
		if (loaders.length) await this.run(cells, loaders);
		return { refreshed: fetched.filter((symbol) => !failed.some((f) => f.symbol === symbol)), failed, own, sample, tables: [...this.tables], reran: loaders.length };
	}

	/** A file was stored in the data folder: what the frame kept may be older, so the next loads read it anew. */
	async forgetData() {
		this.#prefetched?.drop();
		(await this.#attached).forgetData();
	}

	/** Stops a runaway cell by replacing the frame; the cells that had run come back. */
	async interrupt() {
		await (await this.#attached).interrupt();
	}

	dispose() {
		this.activity.dispose();
		for (const cleanup of this.#cleanup) cleanup();
		this.#cancelLayout?.();
		if (this.#statesFrame) cancelAnimationFrame(this.#statesFrame);
		if (this.#heightsFrame) cancelAnimationFrame(this.#heightsFrame);
		this.#sandbox?.dispose();
	}
}

/** The cell's code was edited since its outputs (or error) were computed: they may no longer hold. */
function edited(states: Readonly<Record<string, CellState>>, ran: Readonly<Record<string, string>>, id: string, source: string): boolean {
	const status = states[id]?.status;
	return ran[id] !== undefined && ran[id] !== source && (status === 'done' || status === 'error');
}

function isBusy(state: CellState | undefined): boolean {
	return state?.status === 'running' || state?.status === 'queued';
}

/** What Refresh data did, for the message the page shows. */
export interface RefreshOutcome {
	/** Series refetched from their provider. */
	refreshed: string[];
	failed: { symbol: string; error: string }[];
	/** Series from the reader's own files in the data folder: re-read, never refetched or overwritten. */
	own: string[];
	/** Series from Tape's sample data set: re-read, never refetched. */
	sample: string[];
	/** Tables (always the reader's own files): re-read. */
	tables: string[];
	/** Cells re-run because they load data. */
	reran: number;
}
