/** The page's series parser (seriesParser.ts): parsePriceSeries, off the threads that run the page and the cells. */
import { parsePriceSeries } from '$lib/data/parse-price-csv';

addEventListener('message', (event: MessageEvent<{ id: number; text: string; origin: string }>) => {
	const { id, text, origin } = event.data;
	try {
		postMessage({ id, parsed: parsePriceSeries(text, origin) });
	} catch {
		// Refused: the frame parses the text itself and shows the error as it always has.
		postMessage({ id });
	}
});
