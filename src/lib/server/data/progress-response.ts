import { DataError } from '../../data/errors';
import { PROGRESS_MEDIA_TYPE, type FetchProgress, type SeriesStreamLine } from '../../data/progress';
import type { SeriesSource } from '../../data/source';

/** At most this often a "bytes received" line: the page redraws a counter, it needs no more. */
const RECEIVED_EVERY_MS = 100;

/**
 * A series as a stream of JSON lines (see SeriesStreamLine): what the source is doing while it
 * asks providers, then the CSV or the error. The status is 200 once streaming starts, so the
 * outcome is in the last line. The folder or cache answer at once: one `csv` line and no noise.
 */
export function seriesProgressResponse(source: SeriesSource, symbol: string, refresh: boolean): Response {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			let open = true;
			const send = (line: SeriesStreamLine) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(JSON.stringify(line) + '\n'));
				} catch {
					open = false; // The page went away; the download still finishes and is cached.
				}
			};
			let lastReceived = 0;
			const onProgress = (progress: FetchProgress) => {
				if (progress.type === 'received') {
					const now = Date.now();
					const complete = progress.total !== undefined && progress.bytes >= progress.total;
					if (now - lastReceived < RECEIVED_EVERY_MS && !complete) return;
					lastReceived = now;
				}
				send(progress);
			};
			try {
				const { text, origin, from } = await source.fetchCsv(symbol, { refresh, onProgress });
				send({ type: 'csv', text, origin, ...(from ? { from } : {}) });
			} catch (e) {
				send({ type: 'error', error: e instanceof DataError ? e.message : `the server failed while loading ${symbol}: ${(e as Error).message}` });
			}
			if (open) controller.close();
		}
	});
	return new Response(body, { headers: { 'content-type': `${PROGRESS_MEDIA_TYPE}; charset=utf-8`, 'cache-control': 'no-store' } });
}
