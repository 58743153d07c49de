import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRuntime, downstream, buildGraph, compileCell } from '../../../src/lib/runtime';

/** A random DAG: cell i may read any cell j < i; cells are then shuffled on the page. */
const dagArbitrary = fc
	.integer({ min: 1, max: 14 })
	.chain((n) =>
		fc.record({
			deps: fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => j)))),
			pagePermutation: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
			edited: fc.integer({ min: 0, max: n - 1 }),
			async: fc.array(fc.boolean(), { minLength: n, maxLength: n })
		})
	);

function cellSource(i: number, deps: number[], isAsync: boolean, salt: number): string {
	const sum = deps.map((d) => `v${d}`).join(' + ') || '0';
	const body = isAsync ? `await Promise.resolve(${sum} + ${salt})` : `${sum} + ${salt}`;
	return `log(${i});\nconst v${i} = ${body};`;
}

describe('dataflow properties', () => {
	it('after an edit, exactly the affected cells run, each once, never before its inputs', async () => {
		await fc.assert(
			fc.asyncProperty(dagArbitrary, async ({ deps, pagePermutation, edited, async }) => {
				const log: number[] = [];
				const runtime = createRuntime({ builtins: { log: (i: number) => log.push(i) } });
				const cells = (salt: (i: number) => number) =>
					pagePermutation.map((i) => ({ id: `c${i}`, source: cellSource(i, deps[i], async[i], salt(i)) }));
				runtime.update(cells(() => 1));
				await runtime.run();
				expect([...log].sort((a, b) => a - b)).toEqual(deps.map((_, i) => i));

				log.length = 0;
				runtime.update(cells((i) => (i === edited ? 2 : 1)));
				await runtime.run([`c${edited}`]);

				const affected = new Set<number>([edited]);
				for (let i = 0; i < deps.length; i++) if (deps[i].some((d) => affected.has(d))) affected.add(i);
				expect([...log].sort((a, b) => a - b)).toEqual([...affected].sort((a, b) => a - b));
				for (const i of log) {
					for (const d of deps[i]) if (affected.has(d)) expect(log.indexOf(d)).toBeLessThan(log.indexOf(i));
				}
				// Values are right after the partial re-run: v_i = sum(deps) + salt.
				const expected: number[] = [];
				deps.forEach((ds, i) => (expected[i] = ds.reduce((s, d) => s + expected[d], 0) + (i === edited ? 2 : 1)));
				log.length = 0;
				runtime.update([...cells((i) => (i === edited ? 2 : 1)), { id: 'probe', source: `[${deps.map((_, i) => `v${i}`).join(', ')}]` }]);
				await runtime.run(['probe']);
				expect(runtime.state('probe')!.value).toEqual(expected);
				expect(log).toEqual([]); // reading settled cells re-runs none of them
				runtime.dispose();
			}),
			{ numRuns: 200 }
		);
	});

	it('downstream() is the transitive closure of readers', () => {
		fc.assert(
			fc.property(dagArbitrary, ({ deps, edited }) => {
				const compiled = deps.map((ds, i) => compileCell(`c${i}`, cellSource(i, ds, false, 1)));
				const graph = buildGraph(compiled, (n) => n === 'log');
				const closure = downstream(graph, [`c${edited}`]);
				const expected = new Set<number>([edited]);
				for (let i = 0; i < deps.length; i++) if (deps[i].some((d) => expected.has(d))) expected.add(i);
				expect([...closure].sort()).toEqual([...expected].map((i) => `c${i}`).sort());
				expect(graph.errors.size).toBe(0);
			}),
			{ numRuns: 300 }
		);
	});
});
