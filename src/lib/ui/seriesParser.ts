/**
 * A worker of the workspace page for what opening a notebook needs read before its cells run:
 * which series its code loads (seriesNames.ts), and those series parsed with the same
 * parsePriceSeries the frame uses. The frame runs the cells on one thread, where parsing the six
 * histories small-caps-lead-2013 loads (3.4 MB of CSV) came just before its first chart; the
 * page's thread lays the notebook out meanwhile. A file the parser refuses comes back undefined:
 * the frame then parses the text and reports the error exactly as before.
 */
import type { ParsedPriceSeries } from '$lib/data/parse-price-csv';
import { seriesToPrefetch } from './seriesNames';

type Answer = { id: number; parsed?: ParsedPriceSeries; names?: string[] };

let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, (answer: Answer | undefined) => void>();

function ask(message: Record<string, unknown>): Promise<Answer | undefined> {
	return new Promise((resolve) => {
		const id = ++next;
		waiting.set(id, resolve);
		parser().postMessage({ id, ...message });
	});
}

function parser(): Worker {
	if (worker) return worker;
	const started = new Worker(new URL('./seriesParser.worker.ts', import.meta.url), { type: 'module' });
	started.addEventListener('message', (event: MessageEvent<Answer>) => {
		waiting.get(event.data.id)?.(event.data);
		waiting.delete(event.data.id);
	});
	// A worker that cannot start (or crashed) reads nothing: nothing is fetched early, the frame parses.
	started.addEventListener('error', () => {
		for (const done of waiting.values()) done(undefined);
		waiting.clear();
		worker = undefined;
	});
	return (worker = started);
}

/** `text` as parsePriceSeries(text, origin) reads it, or undefined when it refuses it or no worker can run here. */
export async function parseOffThread(text: string, origin: string): Promise<ParsedPriceSeries | undefined> {
	if (typeof Worker === 'undefined') return undefined;
	return (await ask({ text, origin }))?.parsed;
}

/** seriesToPrefetch(cells), in the worker (here where there is none, as in tests). */
export async function namesOffThread(cells: string[]): Promise<string[]> {
	if (typeof Worker === 'undefined') return seriesToPrefetch(cells);
	return (await ask({ cells }))?.names ?? [];
}
