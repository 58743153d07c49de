import { beforeEach, describe, expect, it } from 'vitest';
import { InterruptedCells } from '../../../src/lib/ui/interruptedCells';

// The browser's localStorage, as far as InterruptedCells uses it.
const store = new Map<string, string>();
let writes = 0;
globalThis.localStorage = {
	getItem: (key: string) => store.get(key) ?? null,
	setItem: (key: string, value: string) => {
		writes++;
		store.set(key, value);
	},
	removeItem: (key: string) => void store.delete(key)
} as Storage;

describe('cells interrupted last time', () => {
	beforeEach(() => store.clear());

	it('a cell running when the page died (no chance to cross it out) is held on reopening, by its code', () => {
		new InterruptedCells('a.md').running('while (true) {}');
		const reopened = new InterruptedCells('a.md');
		expect(reopened.lastTime('while (true) {}')).toBe(true);
		expect(reopened.lastTime('const x = 1')).toBe(false);
		expect(new InterruptedCells('b.md').lastTime('while (true) {}')).toBe(false);
	});

	it('a cell that ends is crossed out; a stopped one stays until it ends', async () => {
		const cells = new InterruptedCells('a.md');
		cells.running('quick');
		cells.ended('quick');
		cells.running('spin');
		cells.stopped('spin');
		cells.running('spin');
		await new Promise((resolve) => setTimeout(resolve, 250));
		let reopened = new InterruptedCells('a.md');
		expect(reopened.lastTime('quick')).toBe(false);
		expect(reopened.lastTime('spin')).toBe(true);
		reopened.ended('spin');
		expect(reopened.lastTime('spin')).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 250));
		reopened = new InterruptedCells('a.md');
		expect(reopened.lastTime('spin')).toBe(false);
	});

	it('a run of many quick cells writes a few times, and the cell it stopped in is written within 0.1 s', async () => {
		const cells = new InterruptedCells('a.md');
		writes = 0;
		for (let i = 0; i < 1000; i++) {
			cells.running(`const v${i} = ${i};`);
			if (i < 999) cells.ended(`const v${i} = ${i};`);
		}
		// The page died here, with the last cell running: what is in storage after the moment?
		expect(writes).toBeLessThan(5);
		await new Promise((resolve) => setTimeout(resolve, 120));
		const reopened = new InterruptedCells('a.md');
		expect(reopened.lastTime('const v999 = 999;')).toBe(true);
		expect(reopened.lastTime('const v998 = 998;')).toBe(false);
		expect(writes).toBeLessThan(5);
	});

	it('a normal close while the frame answers forgets cells that were only waiting, not stopped ones', () => {
		const cells = new InterruptedCells('a.md');
		cells.running('await loadSeries("IWM")');
		cells.stopped('spin');
		cells.closing();
		const reopened = new InterruptedCells('a.md');
		expect(reopened.lastTime('await loadSeries("IWM")')).toBe(false);
		expect(reopened.lastTime('spin')).toBe(true);
	});
});
