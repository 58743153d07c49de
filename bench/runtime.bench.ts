/**
 * Reactivity: a 200-cell notebook where one root cell feeds 50 dependents (trivial bodies).
 * Median time from changing the root to every dependent settled, on Tape's runtime and on
 * @observablehq/runtime (the peer) in the same process.
 */
import { Runtime } from '@observablehq/runtime';
import { createRuntime } from '../src/lib/runtime/index';
import { medianMs, row } from './stats';

const CELLS = 200;
const DEPENDENTS = 50;
// Enough runs that both runtimes are measured warm (JIT-compiled), as in a working session.
const RUNS = 300;
const WARMUP = 200;

async function tape(recompile: boolean): Promise<number> {
	const runtime = createRuntime();
	const cells = (k: number) => [
		{ id: 'root', source: `const root = ${k};` },
		...Array.from({ length: DEPENDENTS }, (_, i) => ({ id: `d${i}`, source: `const d${i} = root + ${i};` })),
		...Array.from({ length: CELLS - 1 - DEPENDENTS }, (_, i) => ({ id: `u${i}`, source: `const u${i} = ${i};` }))
	];
	runtime.update(cells(0));
	await runtime.run();
	let k = 0;
	const ms = await medianMs(async () => {
		if (recompile) runtime.update(cells(++k));
		await runtime.run(['root']);
	}, RUNS, WARMUP);
	if (runtime.state('d49')!.value !== undefined || (runtime.state('d49') as { status: string }).status !== 'done') throw new Error('tape: dependents did not settle');
	runtime.dispose();
	return ms;
}

async function observable(): Promise<number> {
	const runtime = new Runtime();
	const main = runtime.module();
	let settled = 0;
	let resolveAll: () => void = () => {};
	const observer = { fulfilled: () => { if (++settled === DEPENDENTS) resolveAll(); }, rejected: (e: unknown) => { throw e; } };
	const root = main.variable(true).define('root', [], () => 0);
	for (let i = 0; i < DEPENDENTS; i++) main.variable(observer).define(`d${i}`, ['root'], (r: number) => r + i);
	for (let i = 0; i < CELLS - 1 - DEPENDENTS; i++) main.variable(true).define(`u${i}`, [], () => i);
	await new Promise<void>((r) => { resolveAll = r; });
	let k = 0;
	const ms = await medianMs(async () => {
		settled = 0;
		const all = new Promise<void>((r) => (resolveAll = r));
		const value = ++k;
		root.define('root', [], () => value);
		await all;
	}, RUNS, WARMUP);
	runtime.dispose();
	return ms;
}

async function benchRuntime(): Promise<void> {
	console.log(`\nReactive re-run: ${CELLS} cells, 1 root → ${DEPENDENTS} dependents (median of ${RUNS} after ${WARMUP} warm-up runs)`);
	const rerun = await tape(false);
	const edit = await tape(true);
	const peer = await observable();
	console.log(row('Tape: re-run root and its 50 dependents', rerun));
	console.log(row('Tape: edit root (transpile + analyse + re-run)', edit));
	console.log(row('@observablehq/runtime: redefine root', peer));
	console.log(`  ratio Tape re-run / Observable: ${(rerun / peer).toFixed(2)}×; edit / Observable: ${(edit / peer).toFixed(2)}× (target: < 1× and < 5 ms)`);
}


await benchRuntime();
