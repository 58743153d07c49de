import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../src/lib/runtime';
import type { CellState } from '../../../src/lib/runtime';

function notebook(sources: string[], builtins: Record<string, unknown> = {}) {
	const runtime = createRuntime({ builtins });
	const cells = sources.map((source, i) => ({ id: `c${i + 1}`, source }));
	runtime.update(cells);
	const state = (n: number) => runtime.state(`c${n}`) as CellState;
	return { runtime, cells, state };
}

describe('running cells', () => {
	it('passes top-level names between cells regardless of page order', async () => {
		const { runtime, state } = notebook(['const total = a + b', 'const a: number = 2', 'const b = a * 10', 'total']);
		await runtime.run();
		expect(state(4).value).toBe(22);
		expect(state(1).status).toBe('done');
		expect(state(1).defines).toEqual(['total']);
		expect(state(1).refs.sort()).toEqual(['a', 'b']);
	});

	it('supports top-level await, functions, classes and destructuring', async () => {
		const { runtime, state } = notebook([
			'const x = await Promise.resolve(5)\nfunction twice(v: number) { return 2 * v }\nclass Box { constructor(public v: number) {} }\nconst { p, q: [r] } = { p: 1, q: [7] }',
			'twice(x) + new Box(p).v + r'
		]);
		await runtime.run();
		expect(state(2).value).toBe(10 + 1 + 7);
	});

	it('display() adds outputs in call order and returns its argument', async () => {
		const { runtime, state } = notebook(['display(1); const y = display("two"); y + "!"']);
		await runtime.run();
		expect(state(1).displays).toEqual([1, 'two']);
		expect(state(1).value).toBe('two!');
	});

	it('reports runtime errors at the line and column of the TypeScript source', async () => {
		const { runtime, state } = notebook(['const a: number = 1\n\nconst o: any = null\nconst z = o.field']);
		await runtime.run();
		expect(state(1).status).toBe('error');
		expect(state(1).error).toMatchObject({ kind: 'runtime', line: 4 });
		expect(state(1).error!.message).toMatch(/field/);
	});

	it('reports syntax errors with their location and keeps other cells running', async () => {
		const { runtime, state } = notebook(['const a = 1', 'const b = (\n  a +', 'a + 1']);
		await runtime.run();
		expect(state(2).status).toBe('error');
		expect(state(2).error).toMatchObject({ kind: 'syntax', line: 2 });
		expect(state(3).value).toBe(2);
	});

	it('a failing cell fails its readers with a message naming the input, not unrelated cells', async () => {
		const { runtime, state } = notebook(['const a = (() => { throw new Error("boom") })()', 'a + 1', '40 + 2']);
		await runtime.run();
		expect(state(1).error!.message).toBe('boom');
		expect(state(2).status).toBe('error');
		expect(state(2).error!.message).toBe('cannot run: `a` comes from cell 1, which failed');
		expect(state(3).value).toBe(42);
	});

	it('names every input a failed cell defines, in a sentence', async () => {
		const { runtime, state } = notebook(['const recent = 1, past = 2, prices = (() => { throw new Error("no data") })()', 'recent + past + prices.length']);
		await runtime.run();
		expect(state(2).error!.message).toBe('cannot run: `recent`, `past` and `prices` come from cell 1, which failed');
	});

	it('builtins are readable without definition', async () => {
		const { runtime, state } = notebook(['double(21)'], { double: (x: number) => 2 * x });
		await runtime.run();
		expect(state(1).value).toBe(42);
	});
});

describe('graph problems are shown on the cells involved', () => {
	it('duplicate definitions', async () => {
		const { runtime, state } = notebook(['const x = 1', 'const x = 2', 'const y = 3', 'y']);
		await runtime.run();
		expect(state(1).error!.message).toMatch(/`x` is defined in more than one cell \(cell 1 and cell 2\)/);
		expect(state(2).status).toBe('error');
		expect(state(4).value).toBe(3);
	});

	it('cycles', async () => {
		const { runtime, state } = notebook(['const a = b + 1', 'const b = a + 1', 'const c = 5', 'c']);
		await runtime.run();
		expect(state(1).error!.message).toMatch(/circular definition: cell 1 → cell 2/);
		expect(state(2).error!.message).toMatch(/circular/);
		expect(state(4).value).toBe(5);
	});

	it('undefined names', async () => {
		const { runtime, state } = notebook(['nope + 1']);
		await runtime.run();
		expect(state(1).error).toMatchObject({ kind: 'graph', symbol: 'nope', message: '`nope` is not defined by any cell' });
	});

	it("assigning to another cell's name", async () => {
		const { runtime, state } = notebook(['let n = 1', 'n = 2']);
		await runtime.run();
		expect(state(2).error).toMatchObject({ kind: 'graph', symbol: 'n' });
		expect(state(1).status).toBe('done');
	});
});

describe('re-running', () => {
	it('running a changed cell re-runs its dependents once each, and nothing else', async () => {
		const { runtime, cells, state } = notebook(['const a = 1', 'const b = a + 1', 'const c = a + b', 'const u = 100']);
		await runtime.run();
		const before = [1, 2, 3, 4].map((n) => state(n).runs);
		cells[0] = { id: 'c1', source: 'const a = 10' };
		runtime.update(cells);
		expect(state(1).status).toBe('stale');
		await runtime.run(['c1']);
		expect([1, 2, 3, 4].map((n) => state(n).runs - before[n - 1])).toEqual([1, 1, 1, 0]);
		expect(state(3).value).toBeUndefined();
		expect(runtime.state('c3')!.status).toBe('done');
	});

	it('a slow stale run never overwrites a newer result, and its invalidation resolves', async () => {
		const pending = new Map<string, () => void>();
		const log: string[] = [];
		const wait = (label: string) => new Promise<string>((resolve) => pending.set(label, () => resolve(label)));
		const note = (label: string) => log.push(label);
		const { runtime, state } = notebook(['invalidation.then(() => note("invalidated old"))\nconst v = await wait("old")\nv'], {
			wait,
			note
		});
		const first = runtime.run();
		await new Promise((r) => setTimeout(r, 0));
		runtime.update([{ id: 'c1', source: 'const v = await wait("new")\nv' }]);
		const second = runtime.run();
		await new Promise((r) => setTimeout(r, 0));
		expect(log).toEqual(['invalidated old']);
		pending.get('new')!();
		await second;
		pending.get('old')!();
		await first;
		expect(state(1).value).toBe('new');
		expect(state(1).status).toBe('done');
	});

	it('removing a cell makes its readers report the missing name on the next run', async () => {
		const { runtime, state } = notebook(['const a = 1', 'a + 1']);
		await runtime.run();
		runtime.update([{ id: 'c2', source: 'a + 1' }]);
		await runtime.run();
		expect(state(2).error!.message).toMatch(/`a` is not defined/);
	});
});

describe('cell-scoped builtins', () => {
	it('warnings go to the cell whose run raised them and are reset on re-run', async () => {
		const { cellScoped } = await import('../../../src/lib/runtime');
		const load = cellScoped(({ warn }) => (name: string) => {
			warn(`${name}: 1 null row dropped`);
			return name.length;
		});
		const { runtime, state } = notebook(['const a = load("IWM")', 'const b = a + 1', 'load("QQQ")'], { load });
		await runtime.run();
		expect(state(1).warnings).toEqual(['IWM: 1 null row dropped']);
		expect(state(2).warnings).toEqual([]);
		expect(state(3).warnings).toEqual(['QQQ: 1 null row dropped']);
		await runtime.run(['c1']);
		expect(state(1).warnings).toEqual(['IWM: 1 null row dropped']);
	});
});

describe('generators and inputs', () => {
	it('a name bound to a generator takes each value, and its readers re-run per value', async () => {
		const seen: number[] = [];
		const { runtime, state } = notebook(
			['const tick = (function* () { yield 1; yield 2; yield 3; })()', 'record(tick * 10)', 'const other = 5'],
			{ record: (x: number) => seen.push(x) }
		);
		await runtime.run();
		await new Promise((r) => setTimeout(r, 20));
		expect(seen).toEqual([10, 20, 30]);
		expect(state(2).runs).toBe(3);
		expect(state(3).runs).toBe(1);
	});

	it('view(input) shows the input, gives its value, and re-runs only readers on each input event', async () => {
		const { JSDOM } = await import('jsdom');
		const { window } = new JSDOM('<!doctype html><input id=s value=20>');
		const slider = window.document.getElementById('s') as unknown as HTMLInputElement;
		const { runtime, state } = notebook(['const lookback = view(slider)', 'const doubled = Number(lookback) * 2', 'const unrelated = 1'], { slider });
		await runtime.run();
		expect(state(1).displays).toEqual([slider]);
		expect(state(2).value).toBeUndefined();
		const value = () => runtime.state('c2')!;
		await new Promise((r) => setTimeout(r, 0));
		expect(value().runs).toBe(1);
		runtime.update([
			{ id: 'c1', source: 'const lookback = view(slider)' },
			{ id: 'c2', source: 'const doubled = Number(lookback) * 2\ndoubled' },
			{ id: 'c3', source: 'const unrelated = 1' }
		]);
		await runtime.run(['c2']);
		expect(state(2).value).toBe(40);
		slider.value = '35';
		slider.dispatchEvent(new window.Event('input'));
		await new Promise((r) => setTimeout(r, 20));
		expect(state(2).value).toBe(70);
		expect(state(3).runs).toBe(1);
	});

	it('re-running a generator cell stops the old generator', async () => {
		let stopped = 0;
		const { runtime } = notebook(['const g = (function* () { try { let i = 0; while (true) yield i++; } finally { stopped(); } })()'], {
			stopped: () => stopped++
		});
		await runtime.run();
		await runtime.run();
		await new Promise((r) => setTimeout(r, 10));
		expect(stopped).toBeGreaterThanOrEqual(1);
		runtime.dispose();
	});
});

describe('pacing', () => {
	it('pace runs after a cell is marked running and before its code starts', async () => {
		const seen: string[] = [];
		const runtime = createRuntime({
			builtins: { mark: (s: string) => seen.push(`code ${s}`) },
			// What the workspace sees once the frame has yielded: the states posted before the cell's code starts.
			pace: async () => {
				await Promise.resolve();
				seen.push(`pace while ${runtime.state('c2')?.status ?? '-'}`);
			}
		});
		runtime.update([
			{ id: 'c1', source: 'const a = 1; mark("c1")' },
			{ id: 'c2', source: 'mark("c2 " + a)' }
		]);
		await runtime.run();
		expect(seen).toEqual(['pace while queued', 'code c1', 'pace while running', 'code c2 1']);
	});
});

describe('held cells (stopped here or last time)', () => {
	it('leaves out a held cell and its readers, even when a run needs it upstream, and says why', async () => {
		// c1 "hung last time"; c3 reads it; c2 and c4 are independent (c4 reads c2 and c3).
		const { runtime, state } = notebook(['const a = 1', 'const b = 2', 'const c = a + 1', 'const d = b + c', 'b * 10']);
		runtime.hold({ c1: 'interrupted last time; ▶ Run to try again' });
		await runtime.run();
		expect(state(1)).toMatchObject({ status: 'error', runs: 0, error: { message: 'interrupted last time; ▶ Run to try again' } });
		expect(state(3)).toMatchObject({ status: 'error', runs: 0 });
		expect(state(3).error?.message).toMatch(/`a` comes from a cell that was stopped/);
		expect(state(4)).toMatchObject({ status: 'error', runs: 0 });
		expect(state(2).status).toBe('done');
		expect(state(5).value).toBe(20);
		// A run of c4 alone would pull its unrun input c3 (and c1 through it): not while held.
		await runtime.run(['c4']);
		expect(state(1).runs).toBe(0);
		// The reader runs c1: the hold ends, c1 and its readers run.
		runtime.hold({});
		await runtime.run(['c1']);
		expect(state(1).status).toBe('done');
		expect(state(4)).toMatchObject({ status: 'done' });
	});
});
