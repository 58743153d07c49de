/** How the inspector names and previews values; kept apart from the component so it stays small. */

export type Kind = 'primitive' | 'string' | 'function' | 'expandable';

export function kindOf(value: unknown): Kind {
	if (typeof value === 'string') return 'string';
	if (typeof value === 'function') return 'function';
	if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof RegExp))
		return 'expandable';
	return 'primitive';
}

export function formatPrimitive(value: unknown): string {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	if (typeof value === 'bigint') return `${value}n`;
	if (typeof value === 'symbol') return value.toString();
	if (typeof value === 'number' && Object.is(value, -0)) return '-0';
	return String(value);
}

/** Size of a collection, when it has one (shown as "Array(3)", "Map(2)"). */
function sizeOf(value: object): number | undefined {
	if (Array.isArray(value) || ArrayBuffer.isView(value)) return (value as ArrayLike<unknown>).length;
	if (value instanceof Map || value instanceof Set) return value.size;
}

export function typeName(value: object): string {
	if (Array.isArray(value)) return 'Array';
	const name = Object.getPrototypeOf(value)?.constructor?.name;
	return name && name !== 'Object' ? name : '';
}

export function label(value: object): string {
	const size = sizeOf(value);
	const name = typeName(value);
	return size === undefined ? name : `${name}(${size})`;
}

/** The children of an expandable value, at most `limit` of them (huge arrays are common here). */
export function entries(value: object, limit: number): { entries: [string, unknown][]; more: number } {
	let all: [string, unknown][] | undefined;
	let total: number;
	if (value instanceof Map) {
		total = value.size;
		all = [...take(value.entries(), limit)].map(([k, v]) => [formatKey(k), v]);
	} else if (value instanceof Set) {
		total = value.size;
		all = [...take(value.values(), limit)].map((v, i) => [String(i), v]);
	} else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
		const list = value as unknown as ArrayLike<unknown>;
		total = list.length;
		all = Array.from({ length: Math.min(limit, total) }, (_, i) => [String(i), list[i]]);
	} else {
		const keys = Object.keys(value);
		total = keys.length;
		all = keys.slice(0, limit).map((key) => [key, read(value, key)]);
	}
	return { entries: all, more: Math.max(0, total - all.length) };
}

function* take<T>(iterable: Iterable<T>, limit: number) {
	let n = 0;
	for (const item of iterable) {
		if (n++ >= limit) return;
		yield item;
	}
}

function formatKey(key: unknown) {
	return typeof key === 'string' ? JSON.stringify(key) : formatPrimitive(key);
}

// A throwing getter must not take the whole output down.
function read(value: object, key: string): unknown {
	try {
		return (value as Record<string, unknown>)[key];
	} catch (error) {
		return error;
	}
}

/** One-line preview of an object's first few children: `[1, 2, 3, …]`, `{a: 1, b: "x", …}`. */
export function preview(value: object, width = 60): string {
	const { entries: items, more } = entries(value, 8);
	const list = Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof Set;
	const parts = items.map(([key, child]) => (list ? short(child) : `${key}: ${short(child)}`));
	let text = parts.join(', ');
	if (text.length > width) text = `${text.slice(0, width)}…`;
	else if (more) text += ', …';
	return list ? `[${text}]` : `{${text}}`;
}

function short(value: unknown): string {
	switch (kindOf(value)) {
		case 'string': {
			const text = value as string;
			return JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);
		}
		case 'function':
			return 'ƒ';
		case 'expandable':
			return label(value as object) || (Array.isArray(value) ? '[…]' : '{…}');
		default:
			return formatPrimitive(value);
	}
}
