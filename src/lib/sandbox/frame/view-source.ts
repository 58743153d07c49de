/**
 * Market data for served reports and slides. Their documents are sandboxed (opaque origin), so
 * they fetch the read-only /view/data/<symbol> route, which answers any origin; the document's
 * policy allows no other request. Tables are not fetched (they may be private): the server
 * embeds those the notebook names literally.
 */
import { DataError, type SeriesSource } from '../../data/index';
import { embeddedTable } from './embedded-source';

export function viewSource(tables: Record<string, string> = {}): SeriesSource {
	return {
		fetchTable: (name) => embeddedTable(tables, name),
		async fetchCsv(symbol) {
			const response = await fetch(`/view/data/${encodeURIComponent(symbol)}`);
			if (!response.ok) {
				const body = (await response.json().catch(() => ({}))) as { error?: string };
				throw new DataError(body.error ?? `${symbol}: the server answered ${response.status}`);
			}
			return { text: await response.text(), origin: response.headers.get('x-tape-origin') ?? 'the workspace server' };
		}
	};
}
