// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The gate is one per page: each test loads it afresh.
async function freshGate() {
	vi.resetModules();
	return import('../../../src/lib/editor/editorGate');
}

describe('when code editors (Monaco) may load', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('after the first run, not while the reader scrolls: Monaco is one long task that would land mid-scroll', async () => {
		const { editorsMayLoad, openEditors } = await freshGate();
		let loaded = false;
		void editorsMayLoad().then(() => (loaded = true));
		openEditors();
		// The reader scrolls a wheel turn every 100 ms for 3.5 s, past the 3 s cap too.
		for (let t = 0; t < 3500; t += 100) {
			dispatchEvent(new Event('scroll'));
			await vi.advanceTimersByTimeAsync(100);
			expect(loaded).toBe(false);
		}
		await vi.advanceTimersByTimeAsync(300);
		expect(loaded).toBe(true);
	});

	it('at once when the reader reaches for an editor, scrolling or not', async () => {
		const { editorsMayLoad, openEditors } = await freshGate();
		let loaded = false;
		void editorsMayLoad().then(() => (loaded = true));
		dispatchEvent(new Event('scroll'));
		openEditors('now');
		await vi.advanceTimersByTimeAsync(0);
		expect(loaded).toBe(true);
	});

	it('after 3 s when the first run never settles (a runaway cell), once the page rests', async () => {
		const { editorsMayLoad } = await freshGate();
		let loaded = false;
		void editorsMayLoad().then(() => (loaded = true));
		await vi.advanceTimersByTimeAsync(2900);
		expect(loaded).toBe(false);
		await vi.advanceTimersByTimeAsync(200);
		expect(loaded).toBe(true);
	});
});
