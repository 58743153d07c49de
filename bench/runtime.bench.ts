/**
 * Reactivity: a 200-cell notebook where one root cell feeds 50 dependents (trivial bodies).
 * Median time from changing the root to every dependent settled, on Tape's runtime and on
 * @observablehq/runtime (the peer) in the same process. The contenders are measured in
 * alternating rounds and the median of the round medians is printed, so a GC pause or a busy
 * neighbour on this 2-core machine does not decide the ratio.
 */
import { Runtime } from '@observablehq/runtime';
import { createRuntime } from '../src/lib/runtime/index';
import { yieldToEventLoop } from '../src/lib/sandbox/frame/yield';
import { medianMs, row } from './stats';

const CELLS = 200;
const DEPENDENTS = 50;
const ROUNDS = 7;
// Per round; enough that both runtimes are measured warm (JIT-compiled), as in a working session.
const RUNS = 100;
const WARMUP = 50;

interface Contender {
	/** One change of the root, resolved when every dependent has settled. */
	step(): Promise<void>;
	/** Throws when the last step did not settle the dependents. */
	check(): void;
	dispose(): void;
}

/**
 * `paced`: as in the sandboxed frame, which yields to its event loop before each cell so the
 * workspace learns which cell is running before one that may never end (see yield.ts).
 */
async function tape({ recompile = false, paced = false } = {}): Promise<Contender> {
	const runtime = createRuntime(paced ? { pace: yieldToEventLoop } : {});
	const cells = (k: number) => [
		{ id: 'root', source: `const root = ${k};` },
		...Array.from({ length: DEPENDENTS }, (_, i) => ({ id: `d${i}`, source: `const d${i} = root + ${i};` })),
		...Array.from({ length: CELLS - 1 - DEPENDENTS }, (_, i) => ({ id: `u${i}`, source: `const u${i} = ${i};` }))
	];
	runtime.update(cells(0));
	await runtime.run();
	let k = 0;
	let runsBefore = runtime.state('d49')!.runs;
	return {
		async step() {
			runsBefore = runtime.state('d49')!.runs;
			if (recompile) runtime.update(cells(++k));
			await runtime.run(['root']);
		},
		check() {
			const last = runtime.state('d49')!;
			if (last.status !== 'done' || last.runs !== runsBefore + 1) throw new Error('tape: dependents did not settle');
		},
		dispose: () => runtime.dispose()
	};
}

async function observable(): Promise<Contender> {
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
	return {
		async step() {
			settled = 0;
			const all = new Promise<void>((r) => (resolveAll = r));
			const value = ++k;
			root.define('root', [], () => value);
			await all;
		},
		check() {
			if (settled !== DEPENDENTS) throw new Error('observable: dependents did not settle');
		},
		dispose: () => runtime.dispose()
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[sorted.length >> 1];
}

async function benchRuntime(): Promise<void> {
	console.log(`\nReactive re-run: ${CELLS} cells, 1 root → ${DEPENDENTS} dependents (median of ${ROUNDS} alternating rounds of ${RUNS} runs after ${WARMUP} warm-up runs)`);
	const contenders = {
		rerun: await tape(),
		edit: await tape({ recompile: true }),
		paced: await tape({ paced: true }),
		peer: await observable()
	};
	const times: Record<keyof typeof contenders, number[]> = { rerun: [], edit: [], paced: [], peer: [] };
	for (let round = 0; round < ROUNDS; round++) {
		for (const [name, contender] of Object.entries(contenders) as [keyof typeof contenders, Contender][]) {
			times[name].push(await medianMs(() => contender.step(), RUNS, WARMUP));
			contender.check();
		}
	}
	for (const contender of Object.values(contenders)) contender.dispose();
	const [rerun, edit, paced, peer] = [median(times.rerun), median(times.edit), median(times.paced), median(times.peer)];
	console.log(row('Tape: re-run root and its 50 dependents', rerun));
	console.log(row('Tape: edit root (transpile + analyse + re-run)', edit));
	console.log(row('Tape, paced as in the frame (a yield before each cell)', paced));
	console.log(row('@observablehq/runtime: redefine root', peer));
	console.log(`  ratio Tape re-run / Observable: ${(rerun / peer).toFixed(2)}×; edit / Observable: ${(edit / peer).toFixed(2)}× (target: < 1× and < 5 ms)`);
}

await benchRuntime();
