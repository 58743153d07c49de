import { ANCHORS, type Anchor } from './types.js';
import { firstOnOrAfter, isoDay, type Bars } from './resolve.js';

export interface Snapped {
	index: number;
	/** the bar's date, as a drawing writes it */
	day: string;
	anchor: Anchor;
	price: number;
}

/**
 * The bar price a pointer lands on: the bar nearest in time, then the nearest of its open, high,
 * low and close. Drawings keep only such points, so they are written as a date and a price name.
 */
export function snapPoint(bars: Bars, time: number, price: number): Snapped {
	const { dates } = bars;
	if (!dates.length) throw new Error('snapPoint: the chart has no bars');
	const lo = firstOnOrAfter(dates, time);
	const index = lo > 0 && time - dates[lo - 1].getTime() < dates[lo].getTime() - time ? lo - 1 : lo;
	let anchor: Anchor = 'close';
	for (const name of ANCHORS) if (Math.abs(bars[name][index] - price) < Math.abs(bars[anchor][index] - price)) anchor = name;
	return { index, day: isoDay(dates[index]), anchor, price: bars[anchor][index] };
}
