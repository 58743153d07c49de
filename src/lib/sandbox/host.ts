/**
 * The workspace's side of the sandbox: starts the frame that runs notebook code, mirrors the
 * cell states it reports, answers its requests for market data and tables (and nothing else:
 * never a refetch, which only the reader asks for), and can tear it down to stop a runaway cell.
 */
import type { CellState, CodeCellInput, NotebookRuntime } from '../runtime/types';
import type { InputDefault } from '../runtime/compile';
import { saveChartFile } from './chart-download';
import { isFrameMessage, type FrameCellState, type FrameMessage, type HostMessage, type InputValue, type SlotPosition } from './protocol';

export const FRAME_URL = '/sandbox/frame.html';

export interface SandboxOptions {
	/** Answers the frame's requests for a symbol's CSV (the workspace page may reach the server); never a refresh. */
	fetchSeries(symbol: string): Promise<{ text: string; origin: string }>;
	/** Answers the frame's requests for a CSV of the data folder by name (loadTable). */
	fetchTable(name: string): Promise<{ text: string; origin: string }>;
	/** Answers the frame's request for the symbols the data folder has (for symbol pickers). */
	listSymbols(): Promise<string[]>;
	/** The notebook's file name, for the names of charts downloaded from its outputs. */
	notebook: string;
	/** Told when a reader changes an input shown with view() in a cell. */
	onInput?(id: string, change: { index: number; value: InputValue; literal: InputDefault | null }): void;
	/** Told the height of each cell's outputs, to size the slot the outputs are shown in. */
	onSize?(id: string, height: number): void;
}

/** A NotebookRuntime whose cells run in a sandboxed frame; states carry no values (the frame shows them). */
export interface SandboxRuntime extends NotebookRuntime {
	readonly iframe: HTMLIFrameElement;
	/** Where each cell's outputs go, relative to the frame, and how tall the frame must be. */
	layout(slots: Record<string, SlotPosition>, height: number): void;
	/** Stops whatever is running by replacing the frame; cells that were running show an error. */
	interrupt(): Promise<void>;
	/** Makes the frame drop the series and tables it kept, so the cells that run next load them anew. */
	forgetData(): void;
}

export function createSandbox(container: HTMLElement, options: SandboxOptions): SandboxRuntime {
	const states = new Map<string, CellState>();
	const listeners = new Set<(state: CellState) => void>();
	const runs = new Map<number, () => void>();
	let cells: CodeCellInput[] = [];
	let lastLayout: HostMessage | undefined;
	let runIds = 0;
	let queue: HostMessage[] = [];
	let ready = false;
	let iframe = startFrame();

	function startFrame(): HTMLIFrameElement {
		const frame = document.createElement('iframe');
		// allow-scripts without allow-same-origin: an opaque origin, cut off from the workspace. No
		// allow-downloads: notebook code could start one unasked; chart files go through save-chart.
		frame.setAttribute('sandbox', 'allow-scripts');
		frame.setAttribute('title', 'Notebook outputs');
		// Only so "Copy" on a chart can put the image on the clipboard.
		frame.setAttribute('allow', 'clipboard-write');
		frame.className = 'tape-sandbox';
		frame.src = FRAME_URL;
		container.prepend(frame);
		return frame;
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
		switch (m.type) {
			case 'ready':
				ready = true;
				for (const message of queue) iframe.contentWindow?.postMessage(message, '*');
				queue = [];
				break;
			case 'state':
				emit(fromFrameState(m.state));
				break;
			case 'settled':
				runs.get(m.runId)?.();
				runs.delete(m.runId);
				break;
			case 'input':
				options.onInput?.(m.id, { index: m.index, value: m.value, literal: m.literal });
				break;
			case 'size':
				options.onSize?.(m.id, m.height);
				break;
			case 'save-chart': {
				const refused = saveChartFile(options.notebook, m.format, m.content, m.fileBase);
				if (refused) console.warn(`chart not saved: ${refused.message}`);
				break;
			}
			case 'list-symbols': {
				const symbols = await options.listSymbols().catch(() => []);
				iframe.contentWindow?.postMessage({ type: 'symbols', requestId: m.requestId, symbols } satisfies HostMessage, '*');
				break;
			}
			case 'fetch-series':
			case 'fetch-table': {
				const reply = (message: HostMessage) => iframe.contentWindow?.postMessage(message, '*');
				try {
					const { text, origin } = m.type === 'fetch-series' ? await options.fetchSeries(m.symbol) : await options.fetchTable(m.name);
					reply({ type: 'series', requestId: m.requestId, text, origin });
				} catch (e) {
					reply({ type: 'series-error', requestId: m.requestId, error: (e as Error).message });
				}
				break;
			}
		}
	}
	window.addEventListener('message', onMessage);

	return {
		get iframe() {
			return iframe;
		},
		update(next) {
			cells = next.map(({ id, source }) => ({ id, source }));
			const present = new Set(cells.map((c) => c.id));
			for (const id of states.keys()) if (!present.has(id)) states.delete(id);
			send({ type: 'cells', cells, notebook: options.notebook });
		},
		run(ids) {
			const runId = ++runIds;
			send({ type: 'run', runId, ids });
			return new Promise<void>((resolve) => runs.set(runId, resolve));
		},
		state: (id) => states.get(id),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		layout(slots, height) {
			lastLayout = { type: 'layout', slots, height };
			send(lastLayout);
		},
		forgetData() {
			send({ type: 'forget-data' });
		},
		async interrupt() {
			const stopped = [...states.values()].filter((s) => s.status === 'running' || s.status === 'queued');
			window.removeEventListener('message', onMessage);
			iframe.remove();
			for (const resolve of runs.values()) resolve();
			runs.clear();
			ready = false;
			queue = [];
			iframe = startFrame();
			window.addEventListener('message', onMessage);
			const message = 'interrupted: the notebook was stopped while this cell ran; run it again when ready';
			for (const s of states.values()) {
				const interrupted = stopped.includes(s);
				emit({ ...s, status: interrupted ? 'error' : 'idle', error: interrupted ? { kind: 'runtime', message } : undefined });
			}
			send({ type: 'cells', cells, notebook: options.notebook });
			send({ type: 'interrupted', ids: stopped.map((s) => s.id), message });
			if (lastLayout) send(lastLayout);
			// Everything that was not running comes back; the runaway cells wait for the user.
			const stoppedIds = new Set(stopped.map((s) => s.id));
			const restore = cells.map((c) => c.id).filter((id) => !stoppedIds.has(id) && states.get(id)?.runs);
			if (restore.length) await this.run(restore);
		},
		dispose() {
			window.removeEventListener('message', onMessage);
			iframe.remove();
			listeners.clear();
		}
	};
}

function fromFrameState(state: FrameCellState): CellState {
	const { outputs: _outputs, ...rest } = state;
	return { ...rest, displays: [] };
}
