/** Market data inside the editor's frame: asked of the workspace page, which alone may reach the server. */
import { DataError, type SeriesSource } from '../../data/index';
import type { FrameMessage, HostMessage } from '../protocol';

export function hostSource(post: (message: FrameMessage) => void): SeriesSource {
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
