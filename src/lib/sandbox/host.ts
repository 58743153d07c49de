/**
 * The workspace's side of the sandbox: starts the frame that runs notebook code, mirrors the
 * cell states it reports, answers its requests for market data and tables (and nothing else:
 * never a refetch, which only the reader asks for), and can tear it down to stop a runaway cell.
 * It also watches the frame: one that stops answering while a cell runs, or whose heap passes
 * its share of the limit, is replaced as ■ Stop would, so a cell cannot take the tab down.
 */
import type { CellState, CodeCellInput, NotebookRuntime } from '../runtime/types';
import type { InputDefault } from '../runtime/compile';
import { readSessionRange, type SessionRange } from '../data/session-range';
import type { ParsedPriceSeries } from '../data/parse-price-csv';
import { saveChartFile } from './chart-download';
import { adoptPrestartedFrame, newFrameElement } from './frame-element';
import { readerActedIn } from './gesture';
import type { SqlAnswer, SqlQuery } from '../runtime/sql';
import type { ChartEdit, ChartRef } from '../plots/drawings/edit';
import { ALIVE_EVERY_MS, isFrameMessage, type FrameCellState, type FrameMessage, type HostMessage, type InputValue, type SlotPosition } from './protocol';

export { FRAME_URL } from './frame-element';

export interface SandboxOptions {
	/** Answers the frame's requests for a symbol's CSV (the workspace page may reach the server); never a refresh. */
	fetchSeries(symbol: string, range?: SessionRange): Promise<{ text: string; origin: string; warnings?: string[]; parsed?: ParsedPriceSeries }>;
	/** Answers the frame's requests for a CSV of the data folder by name (loadTable). */
	fetchTable(name: string): Promise<{ text: string; origin: string; warnings?: string[] }>;
	/** Answers the frame's request for the symbols the data folder has (for symbol pickers). */
	listSymbols(): Promise<string[]>;
	/** Answers the frame's read-only SQL queries (absent: the frame is told there is no database). */
	querySql?(query: SqlQuery): Promise<SqlAnswer>;
	/** The notebook's file name, for the names of charts downloaded from its outputs. */
	notebook: string;
	/** Told when a reader changes an input shown with view() in a cell. */
	onInput?(id: string, change: { index: number; value: InputValue; literal: InputDefault | null }): void;
	/** Told the height of each cell's outputs, to size the slot the outputs are shown in. */
	onSize?(id: string, height: number): void;
	/** Told the reader drew on a chart of cell `id` (only during the reader's gesture: see readerActedIn). */
	onChartEdit?(id: string, ref: ChartRef, edit: ChartEdit): void;
	/** Told the reader asked what happened after breaks of a drawing (only during the reader's gesture). */
	onBreakStudy?(id: string, ref: ChartRef, index: number): void;
	/** Told when a cell's code starts (it may never end: see InterruptedCells). */
	onStarted?(id: string): void;
	/** Told which cells were stopped (the frame replaced) and the message they show. */
	onStopped?(ids: string[], message: string): void;
	/** Milliseconds without a word from the frame, while a cell runs, before it is stopped. */
	silentLimitMs?: number;
}

/** Why the frame was replaced, as the stopped cells say it. */
export type StopReason = { kind: 'stopped' } | { kind: 'silent'; ms: number } | { kind: 'memory'; heap: number; limit: number };

const SILENT_LIMIT_MS = 30_000;
/** A replacement frame not ready by then is made again (see restartUnlessReady). */
const READY_WITHIN_MS = 3000;
/** Share of the frame's JS heap limit past which its running cells are stopped (the tab dies at the limit). */
const HEAP_SHARE = 0.6;
const TRY_AGAIN = '▶ Run to try again';

/** Whether a cell shows that it was stopped (here or last time) rather than an error of its own. */
export function wasStopped(state: CellState): boolean {
	return state.status === 'error' && !!state.error?.message.endsWith(TRY_AGAIN);
}

export function stopMessage(reason: StopReason): string {
	const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
	switch (reason.kind) {
		case 'stopped':
			return `interrupted: the notebook was stopped while this cell ran; ${TRY_AGAIN}`;
		case 'silent':
			return `interrupted: the notebook did not answer for ${Math.round(reason.ms / 1000)} s while this cell ran (a loop that never ends, or memory running out), so it was stopped; ${TRY_AGAIN}`;
		case 'memory':
			return `ran out of memory: the notebook used ${mb(reason.heap)} of its ${mb(reason.limit)} while this cell ran, so it was stopped; ${TRY_AGAIN}`;
	}
}

/** A NotebookRuntime whose cells run in a sandboxed frame; states carry no values (the frame shows them). */
export interface SandboxRuntime extends NotebookRuntime {
	readonly iframe: HTMLIFrameElement;
	/** Where cells' outputs go, relative to the frame, for the slots that `moved`; the slots `gone`; how tall the frame must be. */
	layout(moved: Record<string, SlotPosition>, gone: string[], height: number): void;
	/** Runs `ids` (all cells when omitted, keeping the held ones out); cells named are released from the hold. */
	run(ids?: string[]): Promise<void>;
	/** Stops whatever is running by replacing the frame; cells that were running show an error and are held. */
	interrupt(): Promise<void>;
	/** Cells not to run until the reader runs them (id → what they show), e.g. those interrupted last time. */
	hold(held: Record<string, string>): void;
	/** Whether the frame said it was alive just now (its event loop turns). */
	answering(): boolean;
	/** Makes the frame drop the series and tables it kept, so the cells that run next load them anew. */
	forgetData(): void;
}

export function createSandbox(container: HTMLElement, options: SandboxOptions): SandboxRuntime {
	const states = new Map<string, CellState>();
	const listeners = new Set<(state: CellState) => void>();
	const runs = new Map<number, () => void>();
	let cells: CodeCellInput[] = [];
	/** Every slot's position as last told, for a replacement frame. */
	const slots: Record<string, SlotPosition> = {};
	let frameHeight: number | undefined;
	let runIds = 0;
	let queue: HostMessage[] = [];
	let ready = false;
	/** Cells not run again until the reader runs them: they were stopped, here or last time. */
	const held = new Map<string, string>();
	let heard = performance.now();
	/** Cells whose code has started and not ended in this frame. */
	const started = new Set<string>();
	let disposed = false;
	/** The first frame may have been started before the page (frame-element.ts): what it said meanwhile. */
	let said: MessageEvent[] = [];
	let iframe = startFrame();

	function startFrame(previous?: HTMLIFrameElement, readyWithin = READY_WITHIN_MS): HTMLIFrameElement {
		heard = performance.now();
		const early = previous ? undefined : adoptPrestartedFrame(container);
		if (early) {
			said = early.messages;
			return early.frame;
		}
		const frame = newFrameElement();
		// The page sizes the frame only when the layout changes: the new one starts as tall as the old.
		if (previous) frame.style.height = previous.style.height;
		if (previous) restartUnlessReady(frame, readyWithin);
		container.prepend(frame);
		return frame;
	}

	/**
	 * A frame made to replace a stopped one can land in the stopped frame's process, which Chromium
	 * has not ended yet and which spins on: that frame never loads (no outputs, 150 px high). One
	 * that has not said ready in time is made again, waiting twice as long each time; messages wait.
	 */
	function restartUnlessReady(frame: HTMLIFrameElement, ms: number): void {
		setTimeout(() => {
			if (disposed || iframe !== frame || ready) return;
			frame.remove();
			iframe = startFrame(frame, ms * 2);
		}, ms);
	}

	function send(message: HostMessage): void {
		if (ready) iframe.contentWindow?.postMessage(message, '*');
		else queue.push(message);
	}

	function emit(state: CellState): void {
		states.set(state.id, state);
		for (const listener of listeners) listener(state);
	}

	async function onMessage(event: MessageEvent): Promise<void> {
		if (event.source !== iframe.contentWindow || !isFrameMessage(event.data)) return;
		const m: FrameMessage = event.data;
		heard = performance.now();
		switch (m.type) {
			case 'alive':
				if (m.limit > 0 && m.heap > m.limit * HEAP_SHARE && running().length) void replace({ kind: 'memory', heap: m.heap, limit: m.limit });
				break;
			case 'ready':
				ready = true;
				for (const message of queue) iframe.contentWindow?.postMessage(message, '*');
				queue = [];
				break;
			case 'report':
				for (const state of m.states) {
					if (state.status !== 'running') started.delete(state.id);
					emit(fromFrameState(state));
				}
				for (const [id, height] of m.sizes) options.onSize?.(id, height);
				if (m.started !== undefined) {
					started.add(m.started);
					options.onStarted?.(m.started);
				}
				break;
			case 'settled':
				runs.get(m.runId)?.();
				runs.delete(m.runId);
				break;
			case 'input':
				options.onInput?.(m.id, { index: m.index, value: m.value, literal: m.literal });
				break;
			case 'save-chart': {
				if (!readerActedIn(iframe)) {
					console.warn('chart not saved: a chart is saved only on a click in its notebook');
					break;
				}
				const refused = await saveChartFile(options.notebook, m.format, m, m.fileBase);
				if (refused) console.warn(`chart not saved: ${refused.message}`);
				break;
			}
			case 'chart-edit':
			case 'break-study':
				// Notebook code can post these too: only one the reader's own click or drag is behind
				// (the frame's gesture activates this page too) may touch the notebook.
				if (!readerActedIn(iframe)) console.warn(`${m.type} ignored: it did not come with a click or drag in the chart`);
				else if (m.type === 'chart-edit') options.onChartEdit?.(m.id, m.ref, m.edit);
				else options.onBreakStudy?.(m.id, m.ref, m.index);
				break;
			case 'list-symbols': {
				const symbols = await options.listSymbols().catch(() => []);
				iframe.contentWindow?.postMessage({ type: 'symbols', requestId: m.requestId, symbols } satisfies HostMessage, '*');
				break;
			}
			case 'sql': {
				const reply = (message: HostMessage, transfer: Transferable[] = []) => iframe.contentWindow?.postMessage(message, '*', transfer);
				const { requestId, database, sql, params } = m;
				try {
					if (!options.querySql) throw new Error('SQL is not available in this workspace');
					const answer = await options.querySql({ sql, params, ...(database ? { database } : {}) });
					// The bytes move to the frame rather than being copied (a large result is megabytes).
					const ipc = answer.ipc.byteOffset === 0 && answer.ipc.byteLength === answer.ipc.buffer.byteLength ? answer.ipc.buffer : answer.ipc.slice().buffer;
					reply({ type: 'sql-result', requestId, ipc: ipc as ArrayBuffer, rows: answer.rows, ms: answer.ms, truncated: answer.truncated }, [ipc as ArrayBuffer]);
				} catch (e) {
					const { message, kind, line, column } = e as { message: string; kind?: unknown; line?: unknown; column?: unknown };
					const at = (n: unknown) => (typeof n === 'number' ? n : undefined);
					reply({ type: 'sql-error', requestId, error: { message: String(message), kind: typeof kind === 'string' ? kind : 'engine', line: at(line), column: at(column) } });
				}
				break;
			}
			case 'fetch-series':
			case 'fetch-table': {
				const reply = (message: HostMessage) => iframe.contentWindow?.postMessage(message, '*');
				try {
					const answer = m.type === 'fetch-series' ? await options.fetchSeries(m.symbol, readSessionRange(m.start ?? null, m.end ?? null)) : await options.fetchTable(m.name);
					const { text, origin, warnings } = answer;
					const parsed = 'parsed' in answer ? (answer.parsed as ParsedPriceSeries | undefined) : undefined;
					reply({ type: 'series', requestId: m.requestId, text, origin, ...(warnings ? { warnings } : {}), ...(parsed ? { parsed } : {}) });
				} catch (e) {
					reply({ type: 'series-error', requestId: m.requestId, error: (e as Error).message });
				}
				break;
			}
		}
	}
	window.addEventListener('message', onMessage);
	for (const event of said) void onMessage(event);
	said = [];

	const running = () => [...states.values()].filter((s) => s.status === 'running');
	const silentLimit = options.silentLimitMs ?? SILENT_LIMIT_MS;
	// A hidden tab's timers are throttled (to once a minute after a while): only a visible page judges silence.
	const onVisible = () => {
		if (document.visibilityState === 'visible') heard = performance.now();
	};
	document.addEventListener('visibilitychange', onVisible);
	const watch = setInterval(() => {
		const silent = performance.now() - heard;
		if (document.visibilityState === 'visible' && silent > silentLimit && running().length) void replace({ kind: 'silent', ms: silent });
	}, ALIVE_EVERY_MS * 4);

	/**
	 * Replaces the frame: the cells running in it are held with the reason, the ones that had run
	 * (or waited) come back in the new frame; held cells and their readers wait for the reader.
	 */
	async function replace(reason: StopReason): Promise<void> {
		// Cells marked running whose code had not started were only waiting their turn: they come back.
		const stopped = running().filter((s) => started.has(s.id));
		const waiting = [...states.values()].filter((s) => s.status === 'queued' || (s.status === 'running' && !started.has(s.id)));
		started.clear();
		window.removeEventListener('message', onMessage);
		// The old frame goes first: a new one made while it is still there can land in its process, which spins on.
		const old = iframe;
		old.remove();
		iframe = startFrame(old);
		for (const resolve of runs.values()) resolve();
		runs.clear();
		ready = false;
		queue = [];
		window.addEventListener('message', onMessage);
		const message = stopMessage(reason);
		for (const s of stopped) held.set(s.id, message);
		options.onStopped?.(
			stopped.map((s) => s.id),
			message
		);
		for (const s of states.values()) {
			const isHeld = held.has(s.id);
			emit({ ...s, status: isHeld ? 'error' : 'idle', error: isHeld ? { kind: 'runtime', message: held.get(s.id)! } : undefined });
		}
		send({ type: 'cells', cells, notebook: options.notebook });
		if (frameHeight !== undefined) send({ type: 'layout', slots: { ...slots }, gone: [], height: frameHeight });
		// Everything that had run or was waiting comes back; the held cells and their readers wait for the reader.
		const back = new Set([...waiting.map((s) => s.id), ...[...states.values()].filter((s) => s.runs > 0).map((s) => s.id)]);
		const restore = cells.map((c) => c.id).filter((id) => back.has(id) && !held.has(id));
		if (restore.length) await sandbox.run(restore, false);
		else send({ type: 'run', runId: ++runIds, ids: [], hold: Object.fromEntries(held) });
	}

	const sandbox = {
		get iframe() {
			return iframe;
		},
		update(next: CodeCellInput[]) {
			cells = next.map(({ id, source }) => ({ id, source }));
			const present = new Set(cells.map((c) => c.id));
			for (const id of states.keys()) if (!present.has(id)) states.delete(id);
			for (const id of held.keys()) if (!present.has(id)) held.delete(id);
			send({ type: 'cells', cells, notebook: options.notebook });
		},
		/** `release`: the reader asked for these cells, so a hold on them ends. */
		run(ids?: string[], release = true) {
			if (ids && release) for (const id of ids) held.delete(id);
			const runId = ++runIds;
			send({ type: 'run', runId, ids, hold: Object.fromEntries(held) });
			return new Promise<void>((resolve) => runs.set(runId, resolve));
		},
		answering: () => performance.now() - heard < ALIVE_EVERY_MS * 4,
		hold(more: Record<string, string>) {
			for (const [id, message] of Object.entries(more)) held.set(id, message);
		},
		state: (id) => states.get(id),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		layout(moved, gone, height) {
			for (const id of gone) delete slots[id];
			Object.assign(slots, moved);
			frameHeight = height;
			send({ type: 'layout', slots: moved, gone, height });
		},
		forgetData() {
			send({ type: 'forget-data' });
		},
		interrupt: () => replace({ kind: 'stopped' }),
		dispose() {
			disposed = true;
			clearInterval(watch);
			document.removeEventListener('visibilitychange', onVisible);
			window.removeEventListener('message', onMessage);
			iframe.remove();
			listeners.clear();
		}
	} satisfies SandboxRuntime & { run(ids?: string[], release?: boolean): Promise<void> };
	return sandbox;
}

function fromFrameState(state: FrameCellState): CellState {
	const { outputs: _outputs, ...rest } = state;
	return { ...rest, displays: [] };
}
