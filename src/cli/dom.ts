/**
 * A DOM for headless runs, so Plot charts, d3 and HTML outputs render in Node as in the browser.
 * Installed once, before any cell runs; only the globals those libraries read are set.
 */
import { JSDOM } from 'jsdom';

export function installDom(): void {
	if ('document' in globalThis) return;
	const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
		pretendToBeVisual: true
	});
	const globals: Record<string, unknown> = {
		window,
		document: window.document,
		Node: window.Node,
		Element: window.Element,
		HTMLElement: window.HTMLElement,
		SVGElement: window.SVGElement,
		Event: window.Event,
		CustomEvent: window.CustomEvent,
		getComputedStyle: window.getComputedStyle.bind(window),
		requestAnimationFrame: (callback: (t: number) => void) => setTimeout(() => callback(Date.now()), 0)
	};
	for (const [name, value] of Object.entries(globals)) {
		if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
	}
}
