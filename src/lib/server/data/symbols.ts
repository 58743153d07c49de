import { DataError } from '../../data/errors';

/**
 * Symbols as users write them: `IWM`, `^RUT` (indices), `BRK-B`, `EURUSD=X`, `DGS10`. The
 * pattern leaves out `/`, `\` and a leading `.`, so a symbol can never name a path outside
 * the data folder.
 */
const SYMBOL = /^\^?[A-Za-z0-9][A-Za-z0-9._=-]{0,31}$/;

/** The symbol, checked; a DataError saying what is allowed otherwise. */
export function isSymbol(symbol: string): boolean {
	return SYMBOL.test(symbol);
}

export function checkSymbol(symbol: string): string {
	if (typeof symbol !== 'string' || !SYMBOL.test(symbol)) {
		throw new DataError(`${JSON.stringify(symbol)} is not a symbol: use letters, digits and . _ = -, optionally after ^ (e.g. IWM, ^RUT, BRK-B)`);
	}
	return symbol;
}

/** Upper case, the one spelling used for cache and uploaded file names and for providers. */
export function canonicalSymbol(symbol: string): string {
	return checkSymbol(symbol).toUpperCase();
}

/**
 * File names that may hold `symbol` in the data folder, tried in order: as written, upper
 * case, then for an index the same without its caret (`^RUT` → `^RUT.csv`, then `RUT.csv`).
 */
export function candidateFileNames(symbol: string): string[] {
	const spellings = [checkSymbol(symbol), symbol.toUpperCase()];
	if (symbol.startsWith('^')) spellings.push(...spellings.map((s) => s.slice(1)));
	return [...new Set(spellings)].map((s) => `${s}.csv`);
}
