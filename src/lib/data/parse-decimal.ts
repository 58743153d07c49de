const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
const STRICT_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The number written in `text` from `start` to `end`, or NaN when the cell is not a plain
 * decimal number (empty, `null`, `1,009.25`, `0x1A` and `12abc` all give NaN, unlike Number())
 * or one too large for a double (`1e400`, which Number() reads as Infinity).
 *
 * Prices such as `1009.25` or `68.36211999999999` take the fast path: the digits as an exact
 * integer divided by an exact power of ten is one correctly rounded operation, so the result
 * equals Number()'s (Clinger's fast path). Longer mantissas and exponents go through Number().
 */
export function parseDecimal(text: string, start: number, end: number): number {
	let i = start;
	let negative = false;
	const first = text.charCodeAt(i);
	if (first === 45 || first === 43) {
		negative = first === 45;
		i++;
	}
	let mantissa = 0;
	let digits = 0;
	let decimals = -1;
	for (; i < end; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			mantissa = mantissa * 10 + (c - 48);
			digits++;
			if (decimals >= 0) decimals++;
		} else if (c === 46 && decimals < 0) {
			decimals = 0;
		} else {
			return parseSlow(text, start, end);
		}
	}
	if (digits === 0) return NaN;
	if (mantissa > Number.MAX_SAFE_INTEGER || decimals > 22) return parseSlow(text, start, end);
	const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
	return negative ? -value : value;
}

function parseSlow(text: string, start: number, end: number): number {
	const raw = text.slice(start, end).trim();
	if (!STRICT_NUMBER.test(raw)) return NaN;
	// `1e400` or 400 digits overflow to Infinity: not a number a price file can mean.
	const value = Number(raw);
	return Number.isFinite(value) ? value : NaN;
}

const SUFFIX_SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * A count written with a thousands suffix, as investing.com writes volumes (`603.30K`, `8.81M`,
 * `1.2B`), rounded to a whole number; NaN when the cell is not a decimal followed by K, M or B.
 */
export function parseSuffixedCount(text: string, start: number, end: number): number {
	const scale = SUFFIX_SCALE[text.charAt(end - 1).toLowerCase()];
	if (scale === undefined || end - 1 <= start) return NaN;
	return Math.round(parseDecimal(text, start, end - 1) * scale);
}
