/** The page's worker (seriesParser.ts): reads which series a notebook loads, and parses series, off the threads that run the page and the cells. */
import { parsePriceSeries } from '$lib/data/parse-price-csv';
import { seriesToPrefetch } from './seriesNames';

type Ask = { id: number; cells: string[] } | { id: number; text: string; origin: string };

addEventListener('message', (event: MessageEvent<Ask>) => {
	const ask = event.data;
	if ('cells' in ask) {
		postMessage({ id: ask.id, names: seriesToPrefetch(ask.cells) });
		return;
	}
	try {
		postMessage({ id: ask.id, parsed: parsePriceSeries(ask.text, ask.origin) });
	} catch {
		// Refused: the frame parses the text itself and shows the error as it always has.
		postMessage({ id: ask.id });
	}
});
