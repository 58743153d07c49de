/**
 * The sandboxed frame's entry: runs the notebook's cells and shows their outputs where the
 * workspace says its cells are. Built as one classic script (vite.frame.config.ts), because an
 * opaque-origin document cannot load the app's module scripts without CORS.
 */
import * as Inputs from '@observablehq/inputs';
import '../../ui/theme.css';
import { DataError, type SeriesSource } from '../../data/index';
import { commonBuiltins } from '../../runtime/builtins';
import { createRuntime } from '../../runtime/runtime';
import { toFrameState, type FrameMessage, type HostMessage } from '../protocol';
import { OutputArea } from './output-area.svelte';

const post = (message: FrameMessage) => parent.postMessage(message, '*');

/** Market data comes from the workspace, which alone may reach the server. */
function hostSource(): SeriesSource {
	let next = 0;
	const waiting = new Map<number, { resolve: (v: { text: string; origin: string }) => void; reject: (e: Error) => void }>();
	addEventListener('message', (event) => {
		if (event.source !== parent) return;
		const m = event.data as HostMessage;
		if (m?.type !== 'series' && m?.type !== 'series-error') return;
		const entry = waiting.get(m.requestId);
		if (!entry) return;
		waiting.delete(m.requestId);
		if (m.type === 'series') entry.resolve({ text: m.text, origin: m.origin });
		else entry.reject(new DataError(m.error));
	});
	return {
		fetchCsv(symbol, opts) {
			const requestId = ++next;
			post({ type: 'fetch-series', requestId, symbol, refresh: !!opts?.refresh });
			return new Promise((resolve, reject) => waiting.set(requestId, { resolve, reject }));
		}
	};
}

const root = document.getElementById('cells')!;
const runtime = createRuntime({ builtins: commonBuiltins(hostSource(), { Inputs }) });
const areas = new Map<string, OutputArea>();
let slots: Record<string, { top: number; left: number; width: number }> = {};

runtime.subscribe((state) => {
	const area = areas.get(state.id);
	if (area) area.state = state;
	post({ type: 'state', state: toFrameState(state) });
});

addEventListener('message', (event) => {
	if (event.source !== parent) return;
	const m = event.data as HostMessage;
	switch (m?.type) {
		case 'cells': {
			const ids = new Set(m.cells.map((c) => c.id));
			for (const [id, area] of areas) {
				if (!ids.has(id)) {
					area.destroy();
					areas.delete(id);
				}
			}
			for (const { id } of m.cells) {
				if (!areas.has(id)) {
					const area = new OutputArea(root, id, (cell, height) => post({ type: 'size', id: cell, height }));
					area.place(slots[id]);
					areas.set(id, area);
				}
			}
			runtime.update(m.cells);
			for (const { id } of m.cells) areas.get(id)!.state = runtime.state(id);
			break;
		}
		case 'run':
			void runtime.run(m.ids).then(() => post({ type: 'settled', runId: m.runId }));
			break;
		case 'layout':
			slots = m.slots;
			root.style.height = `${m.height}px`;
			for (const [id, area] of areas) area.place(slots[id]);
			break;
	}
});

post({ type: 'ready' });
