/**
 * A DOM for headless runs, so Plot charts, d3, Observable Inputs and HTML outputs render in Node
 * as in the browser. happy-dom rather than jsdom: jsdom's <form> proxy refuses the accessor
 * properties Observable Inputs define on their forms (`form.value`).
 */
import { Window } from 'happy-dom';

export function installDom(): void {
	if ('document' in globalThis) return;
	const window = new Window({ url: 'http://localhost/' });
	const globals: Record<string, unknown> = { window, document: window.document };
	// The DOM's classes (Node, HTMLElement, NodeList, HTMLCollection, Event, …) that libraries test against.
	for (const name of Object.getOwnPropertyNames(window)) {
		if (/^[A-Z]/.test(name) && typeof (window as unknown as Record<string, unknown>)[name] === 'function') {
			globals[name] = (window as unknown as Record<string, unknown>)[name];
		}
	}
	allowFloatingPointSteps(window);
	globals.getComputedStyle = window.getComputedStyle.bind(window);
	globals.requestAnimationFrame = (callback: (t: number) => void) => setTimeout(() => callback(Date.now()), 0);
	for (const [name, value] of Object.entries(globals)) {
		if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
	}
}

/**
 * happy-dom flags 0.03 as off a 0.005 step from 0.02 (binary floating point), which browsers do
 * not, and Observable Inputs then leave the range without a value. Accept values within 1e-9
 * steps of a step, as browsers' decimal arithmetic does.
 */
function allowFloatingPointSteps(window: Window): void {
	const proto = window.HTMLInputElement.prototype;
	const checkValidity = proto.checkValidity;
	proto.checkValidity = function (this: InstanceType<Window['HTMLInputElement']>) {
		if (checkValidity.call(this)) return true;
		const { validity } = this;
		const onlyStep = validity.stepMismatch && !validity.rangeUnderflow && !validity.rangeOverflow && !validity.badInput && !validity.valueMissing;
		if (!onlyStep) return false;
		const steps = (Number(this.value) - Number(this.min || 0)) / Number(this.step);
		return Math.abs(steps - Math.round(steps)) < 1e-9;
	};
}
