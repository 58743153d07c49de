/**
 * The editor's frame: runs the cells the workspace sends and shows each cell's outputs at the
 * slot the workspace reserved under that cell, reporting their heights back.
 */
import * as Inputs from '@observablehq/inputs';
import { commonBuiltins, memoizeSource } from '../../runtime/builtins';
import { createRuntime } from '../../runtime/runtime';
import { ALIVE_EVERY_MS, toFrameState, type HostMessage, type InputValue, type SlotPosition } from '../protocol';
import { hostSource } from './host-source';
import { hostSql } from './host-sql';
import { createSql } from '../../runtime/sql';
import { chartFileBase } from '../../present/chart-file';
import { setChartSaver } from './chart-saver';
import { setDrawingHost } from './drawing-host';
import { OutputArea } from './output-area.svelte';
import { createOutbox } from './outbox';
import { yieldToEventLoop } from './yield';

export function startSlots(root: HTMLElement): void {
	const outbox = createOutbox((message) => parent.postMessage(message, '*'));
	const post = outbox.post;
	// The frame may not download: the workspace saves a chart file while the reader's click is active.
	setChartSaver(async (format, { svg, background }, fileBase) => {
		post({ type: 'save-chart', format, fileBase, svg, background });
	});
	// Drawings are code: the workspace writes what the reader draws into the chart's cell (during the gesture only).
	setDrawingHost({
		edit: (id, ref, edit) => post({ type: 'chart-edit', id, ref, edit }),
		study: (id, ref, index) => post({ type: 'break-study', id, ref, index })
	});
	// Kept here so the workspace's Refresh data can make it forget (forget-data).
	const data = memoizeSource(hostSource(post));
	const runtime = createRuntime({
		builtins: commonBuiltins(data, { Inputs, sql: createSql(hostSql(post)) }),
		pace: startsAfter,
		onInput(id, { index, value, literal }) {
			const plain = ['number', 'string', 'boolean'].includes(typeof value) || value instanceof Date;
			if (plain) post({ type: 'input', id, index, value: value as InputValue, literal });
		}
	});
	// One cell's code starts at a time, each after the last one's synchronous part returned, and
	// the workspace hears which has started before it does: so when the frame goes silent, the
	// cell that never returned is the last one started, not every cell marked running.
	let turn = Promise.resolve();
	function startsAfter(id: string): Promise<void> {
		turn = turn.then(() => {
			outbox.started(id);
			return yieldToEventLoop();
		});
		return turn;
	}
	const areas = new Map<string, OutputArea>();
	const slots: Record<string, SlotPosition> = {};

	runtime.subscribe((state) => {
		const area = areas.get(state.id);
		if (area) area.state = state;
		outbox.state(toFrameState(state));
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
				for (const [i, { id }] of m.cells.entries()) {
					if (!areas.has(id)) {
						const area = new OutputArea(root, id, outbox.size);
						area.fileBase = chartFileBase(m.notebook, i + 1);
						area.place(slots[id]);
						areas.set(id, area);
					}
				}
				runtime.update(m.cells);
				for (const { id } of m.cells) areas.get(id)!.state = runtime.state(id);
				break;
			}
			case 'forget-data':
				data.forget();
				break;
			case 'run':
				runtime.hold(m.hold);
				void runtime.run(m.ids).then(() => post({ type: 'settled', runId: m.runId }));
				break;
			case 'layout':
				// Only the slots that moved or went: thousands of cells' areas are left as they are.
				for (const id of m.gone) delete slots[id];
				Object.assign(slots, m.slots);
				root.style.height = `${m.height}px`;
				for (const id of [...m.gone, ...Object.keys(m.slots)]) areas.get(id)?.place(slots[id]);
				break;
		}
	});

	post({ type: 'ready' });
	// The workspace's watch on this frame: a heartbeat stops when a cell never yields (or the frame
	// crashed), and the heap it reports tells a cell that is eating memory while it awaits.
	const memory = (performance as Performance & { memory?: { usedJSHeapSize: number; jsHeapSizeLimit: number } }).memory;
	setInterval(() => post({ type: 'alive', heap: memory?.usedJSHeapSize ?? 0, limit: memory?.jsHeapSizeLimit ?? 0 }), ALIVE_EVERY_MS);
}
