/** Market data and tables inside the editor's frame: asked of the workspace page, which alone may reach the server. */
import { DataError, type SeriesSource } from '../../data/index';
import type { FrameMessage, HostMessage } from '../protocol';

export function hostSource(post: (message: FrameMessage) => void): SeriesSource {
	let next = 0;
	const waiting = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
	addEventListener('message', (event) => {
		if (event.source !== parent) return;
		const m = event.data as HostMessage;
		if (m?.type !== 'series' && m?.type !== 'series-error' && m?.type !== 'symbols') return;
		const entry = waiting.get(m.requestId);
		if (!entry) return;
		waiting.delete(m.requestId);
		if (m.type === 'series') entry.resolve({ text: m.text, origin: m.origin, ...(m.warnings ? { warnings: m.warnings } : {}), ...(m.parsed ? { parsed: m.parsed } : {}) } as never);
		else if (m.type === 'symbols') entry.resolve(m.symbols as never);
		else entry.reject(new DataError(m.error));
	});
	const ask = <T>(message: (requestId: number) => FrameMessage) => {
		const requestId = ++next;
		post(message(requestId));
		return new Promise<T>((resolve, reject) => waiting.set(requestId, { resolve: resolve as (v: never) => void, reject }));
	};
	return {
		// No refresh, no progress: refetching is the reader's decision in the workspace, not the notebook's.
		fetchCsv: (symbol, opts) => ask((requestId) => ({ type: 'fetch-series', requestId, symbol, ...opts?.range })),
		fetchTable: (name) => ask((requestId) => ({ type: 'fetch-table', requestId, name })),
		listSymbols: () => ask((requestId) => ({ type: 'list-symbols', requestId }))
	};
}
