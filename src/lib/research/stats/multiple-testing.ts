/**
 * P-values adjusted for multiple testing, in the input's order (NaN stays NaN and does not count
 * as a test). `'holm'`: Holm's step-down, controls the chance of any false positive (family-wise
 * error) at the level you read them at, in any dependence. `'bh'`: Benjamini–Hochberg, controls
 * the expected share of false positives among those called significant (false discovery rate);
 * valid for independent or positively dependent tests. Both as R's `p.adjust` and statsmodels'
 * `multipletests` compute them.
 *
 * `tests` (default: the number of finite p-values) counts tests tried elsewhere too, e.g. other
 * conditions run on the same universe: they enter as if their p-values were 1, the most
 * favourable assumption, so the adjustment is at least this strong.
 *
 * @example
 * adjustPValues([0.01, 0.02, 0.03, 0.04, 0.05], 'holm') // [0.05, 0.08, 0.09, 0.09, 0.09]
 * adjustPValues([0.01, 0.02, 0.03, 0.04, 0.05], 'bh')   // [0.05, 0.05, 0.05, 0.05, 0.05]
 */
export function adjustPValues(pValues: ArrayLike<number>, method: 'holm' | 'bh', tests?: number): Float64Array {
	if (method !== 'holm' && method !== 'bh') throw new Error(`adjustPValues: method must be 'holm' or 'bh', got '${String(method)}'`);
	const out = new Float64Array(pValues.length).fill(NaN);
	const order: number[] = [];
	for (let i = 0; i < pValues.length; i++) {
		const p = pValues[i];
		if (Number.isNaN(p)) continue;
		if (!(p >= 0 && p <= 1)) throw new Error(`adjustPValues: p-value ${i} is ${p}, not between 0 and 1`);
		order.push(i);
	}
	const m = tests ?? order.length;
	if (!(Number.isInteger(m) && m >= order.length)) throw new Error(`adjustPValues: tests must be an integer ≥ the ${order.length} p-values given, got ${m}`);
	order.sort((a, b) => pValues[a] - pValues[b]);
	if (method === 'holm') {
		// Step-down: the k-th smallest (0-based) times m − k, kept non-decreasing.
		let running = 0;
		order.forEach((i, k) => (out[i] = running = Math.min(1, Math.max(running, (m - k) * pValues[i]))));
	} else {
		// Step-up: the k-th smallest (1-based) times m / k, kept non-increasing from the largest.
		let running = 1;
		for (let k = order.length; k >= 1; k--) {
			const i = order[k - 1];
			out[i] = running = Math.min(running, (m / k) * pValues[i]);
		}
	}
	return out;
}

/**
 * One line for a study that tried many tests: how many false positives chance alone would give
 * at `alpha`, and how many survive each correction.
 */
export function multipleTestingNote(pValues: ArrayLike<number>, what: string, tests: number, alpha = 0.05): string {
	const finite = Array.from(pValues).filter((p) => !Number.isNaN(p));
	const raw = finite.filter((p) => p < alpha).length;
	const holm = Array.from(adjustPValues(pValues, 'holm', tests)).filter((p) => p < alpha).length;
	const bh = Array.from(adjustPValues(pValues, 'bh', tests)).filter((p) => p < alpha).length;
	const expected = tests * alpha;
	return `${what} = ${tests} tests: at ${alpha * 100}% expect ~${expected < 10 ? expected.toFixed(1) : Math.round(expected)} false positives by chance alone; ` +
		`${raw} have p < ${alpha}, ${holm} after Holm (family-wise), ${bh} after Benjamini–Hochberg (false discovery rate).`;
}
