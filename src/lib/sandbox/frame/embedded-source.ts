/** Market data inside an exported HTML file: the CSVs embedded at export time, no network. */
import { DataError, type SeriesSource } from '../../data/index';

/** `tables`: the loadTable files embedded (holdings.csv → CSV text). */
export function embeddedSource(data: Record<string, string>, tables: Record<string, string> = {}): SeriesSource {
	return {
		fetchTable: (name) => embeddedTable(tables, name),
		listSymbols: async () => Object.keys(data).sort(),
		async fetchCsv(symbol) {
			const text = data[symbol];
			if (text === undefined) {
				const kept = Object.keys(data);
				throw new DataError(
					`${symbol} is not in this exported file (it holds ${kept.length ? kept.join(', ') : 'no data'}): export the notebook again after loading ${symbol} in it`
				);
			}
			return { text, origin: `embedded in this file` };
		}
	};
}

/** A table embedded in the page (an export, or a served report's literal loadTable calls); never fetched. */
export async function embeddedTable(tables: Record<string, string>, file: string): Promise<{ text: string; origin: string }> {
	const text = tables[file];
	if (text === undefined) {
		const kept = Object.keys(tables);
		throw new DataError(
			`${file} is not in this page (it holds ${kept.length ? kept.join(', ') : 'no tables'}): reports carry the tables named in loadTable('…') calls with a literal name, and exports those loaded in the workspace`
		);
	}
	return { text, origin: `${file}, embedded in this page` };
}
