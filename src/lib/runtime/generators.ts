/**
 * Values that change over time. A cell whose value or name is a generator or async iterator
 * takes each value it yields in turn, and the cells that read it re-run for each.
 */

export function isIterator(value: unknown): value is AsyncIterator<unknown> | Iterator<unknown> {
	if (!value || typeof value !== 'object') return false;
	const tag = Object.prototype.toString.call(value);
	if (tag === '[object Generator]' || tag === '[object AsyncGenerator]') return true;
	const it = value as { next?: unknown; return?: unknown };
	return typeof it.next === 'function' && typeof it.return === 'function' && Symbol.asyncIterator in value;
}

interface InputLike extends EventTarget {
	value: unknown;
}

/**
 * The successive values of an input element (Observable Inputs or any element with `value` that
 * fires `input` events): its current value first, then the latest value after each change. A
 * reader that falls behind skips to the newest value rather than replaying every step of a drag.
 */
export function inputValues(input: InputLike, event = 'input'): AsyncIterableIterator<unknown> {
	let changed = true;
	let wake: (() => void) | undefined;
	let closed = false;
	const onChange = () => {
		changed = true;
		wake?.();
	};
	input.addEventListener(event, onChange);
	const iterator: AsyncIterableIterator<unknown> = {
		async next() {
			while (!changed && !closed) await new Promise<void>((resolve) => (wake = resolve));
			wake = undefined;
			if (closed) return { done: true, value: undefined };
			changed = false;
			return { done: false, value: input.value };
		},
		async return() {
			closed = true;
			input.removeEventListener(event, onChange);
			wake?.();
			return { done: true, value: undefined };
		},
		[Symbol.asyncIterator]() {
			return iterator;
		}
	};
	return iterator;
}
