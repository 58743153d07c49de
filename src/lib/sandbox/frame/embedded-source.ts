/** Market data inside a report or an exported HTML file: the CSVs embedded in the page, no network. */
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
					`${symbol} is not in this page (it holds ${kept.length ? kept.join(', ') : 'no series'}): a report carries the series the notebook names in its code that the data folder has, an export also those loaded in the workspace; load ${symbol} in the workspace, then open or export again`
				);
			}
			return { text, origin: `embedded in this page` };
		}
	};
}

/** A table embedded in the page (a report or an export); never fetched. */
export async function embeddedTable(tables: Record<string, string>, file: string): Promise<{ text: string; origin: string }> {
	const text = tables[file];
	if (text === undefined) {
		const kept = Object.keys(tables);
		throw new DataError(
			`${file} is not in this page (it holds ${kept.length ? kept.join(', ') : 'no tables'}): reports and exports carry the tables the notebook names in its code, exports also those loaded in the workspace`
		);
	}
	return { text, origin: `${file}, embedded in this page` };
}
