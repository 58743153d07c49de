/**
 * A cell's findings object, as a reader of a report or a slide should see it: one line per key,
 * in words ("Past slope per year: 34.21"), instead of an inspector to expand. Only flat records
 * qualify (values that are numbers, strings, booleans, dates, null, or lists of those); anything
 * deeper stays in the inspector, where its structure can be explored.
 */
export interface Fact {
	label: string;
	value: string;
}

type Plain = string | number | boolean | Date | null | undefined;

const isPlain = (value: unknown): value is Plain =>
	value === null || value === undefined || value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value);

/** The facts of a flat record, or undefined when `value` is not one. */
export function factsOf(value: unknown): Fact[] | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return undefined;
	const entries = Object.entries(value);
	if (entries.length === 0) return undefined;
	const facts: Fact[] = [];
	for (const [key, item] of entries) {
		if (isPlain(item)) facts.push({ label: labelOf(key), value: textOf(item) });
		else if (Array.isArray(item) && item.every(isPlain)) facts.push({ label: labelOf(key), value: item.map(textOf).join(', ') || '(none)' });
		else return undefined;
	}
	return facts;
}

/** `pastSlopePerYear` → "Past slope per year", `analogue_fwd63` → "Analogue fwd 63". */
export function labelOf(key: string): string {
	const words = key
		.replace(/([a-z])([A-Z0-9])/g, '$1 $2')
		.replace(/([0-9])([A-Za-z])/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.trim()
		.toLowerCase();
	return words ? words[0].toUpperCase() + words.slice(1) : key;
}

function textOf(value: Plain): string {
	if (value === null || value === undefined) return '—';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid date' : value.toISOString().slice(0, 10);
	if (typeof value === 'number') return numberText(value);
	return value;
}

/** Whole numbers as they are (grouped), others to four significant digits: a reader's precision. */
function numberText(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	if (Number.isInteger(n)) return n.toLocaleString('en');
	return Number(n.toPrecision(4)).toLocaleString('en', { maximumFractionDigits: 10 });
}
