/** Figures the browser benches take of a page: its round trips while something happens, and where its JS time went. */
import type { Page } from 'playwright-core';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Times a call into the page that answers on its next frame, every 100 ms until stopped. */
export function sampleRoundTrips(page: Page) {
	const trips: number[] = [];
	let sampling = true;
	const sampler = (async () => {
		while (sampling) {
			const started = performance.now();
			await page.evaluate(() => new Promise((done) => requestAnimationFrame(done))).catch(() => {});
			trips.push(performance.now() - started);
			await sleep(100);
		}
	})();
	return async () => {
		sampling = false;
		await sampler;
		const sorted = trips.sort((a, b) => a - b);
		const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
		return `${at(0.5)} / ${at(0.95)} / ${Math.round(sorted.at(-1)!)} ms, ${sorted.filter((t) => t > 100).length} of ${sorted.length} over 100 ms`;
	};
}

export type Profile = { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] };

/** The page's functions that took the most time of their own while profiled (the built code's names and places). */
export function hotFunctions(profile: Profile): string {
	const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
	const name = (id: number) => {
		const { functionName, url, lineNumber, columnNumber } = byNode.get(id)!.callFrame;
		return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`;
	};
	const self = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		// The browser's own functions (layout forced by a measure, DOM changes) are put on their caller.
		const caller = parents.get(id);
		const label = byNode.get(id)!.callFrame.url === '' && caller !== undefined && byNode.get(caller)!.callFrame.url ? `${name(id)} ← ${name(caller)}` : name(id);
		self.set(label, (self.get(label) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
	});
	const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
	return ['  JS profile, self time:', ...top.map(([name, us]) => `    ${String(Math.round(us / 1000)).padStart(6)} ms  ${name}`)].join('\n');
}
