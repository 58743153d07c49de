/**
 * Parses whole series off the frame's thread. The frame runs the cells on one thread; parsing
 * the six histories small-caps-lead-2013 loads there (3.4 MB of CSV) came just before its first
 * chart. A worker of the workspace page parses the series the page fetched early
 * (seriesPrefetch.ts) with the same parsePriceSeries while the frame is still starting, and the
 * frame is handed the result with the text. A file the parser refuses comes back undefined: the
 * frame then parses the text and reports the error exactly as before.
 */
import type { ParsedPriceSeries } from '$lib/data/parse-price-csv';

let worker: Worker | undefined;
let next = 0;
const waiting = new Map<number, (parsed: ParsedPriceSeries | undefined) => void>();

function parser(): Worker {
	if (worker) return worker;
	const started = new Worker(new URL('./seriesParser.worker.ts', import.meta.url), { type: 'module' });
	started.addEventListener('message', (event: MessageEvent<{ id: number; parsed?: ParsedPriceSeries }>) => {
		waiting.get(event.data.id)?.(event.data.parsed);
		waiting.delete(event.data.id);
	});
	// A worker that cannot start (or crashed) parses nothing: the frame parses, as before.
	started.addEventListener('error', () => {
		for (const done of waiting.values()) done(undefined);
		waiting.clear();
		worker = undefined;
	});
	return (worker = started);
}

/** `text` as parsePriceSeries(text, origin) reads it, or undefined when it refuses it or no worker can run here. */
export function parseOffThread(text: string, origin: string): Promise<ParsedPriceSeries | undefined> {
	if (typeof Worker === 'undefined') return Promise.resolve(undefined);
	return new Promise((resolve) => {
		const id = ++next;
		waiting.set(id, resolve);
		parser().postMessage({ id, text, origin });
	});
}
