/**
 * The names every cell can read without an import, shared by the browser, the CLI and exports.
 * Environment-specific ones (how `loadSeries` reaches data, `Inputs`) are passed in by the host.
 */
import * as Plot from '@observablehq/plot';
import * as aq from 'arquero';
import * as d3 from 'd3';

export function commonBuiltins(extra: Record<string, unknown> = {}): Record<string, unknown> {
	// `op` on its own because arquero's table expressions are written with it: d => op.lag(d.close).
	return { Plot, aq, op: aq.op, d3, ...extra };
}
