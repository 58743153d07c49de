/**
 * A JSON-safe summary of a cell value, for the headless CLI and anything else that must print or
 * store outputs without a DOM: plain data as itself (trimmed when huge), tables as their first
 * rows, DOM as a short tag summary.
 */

const MAX_ITEMS = 100;
const MAX_STRING = 10_000;
const MAX_DEPTH = 6;
export const TABLE_PREVIEW_ROWS = 20;

/** What showing an arquero table needs of it (the CLI's preview and the table viewer's pages). */
export interface TableLike {
	numRows(): number;
	columnNames(): string[];
	objects(options?: { limit?: number; offset?: number }): Record<string, unknown>[];
}

export function isTable(value: unknown): value is TableLike {
	const v = value as Partial<TableLike> | null;
	return !!v && typeof v === 'object' && typeof v.numRows === 'function' && typeof v.columnNames === 'function' && typeof v.objects === 'function';
}

export function isDomNode(value: unknown): value is { nodeType: number; nodeName: string } {
	const v = value as { nodeType?: unknown; nodeName?: unknown } | null;
	return !!v && typeof v === 'object' && typeof v.nodeType === 'number' && typeof v.nodeName === 'string';
}

export function summarize(value: unknown): unknown {
	if (isTable(value)) {
		return {
			table: {
				columns: value.columnNames(),
				numRows: value.numRows(),
				rows: value.objects({ limit: TABLE_PREVIEW_ROWS }).map((row) => toJson(row, 1))
			}
		};
	}
	if (isDomNode(value)) return summarizeDom(value as unknown as Element);
	return toJson(value, 0);
}

function summarizeDom(node: Element): unknown {
	const tag = node.nodeName.toLowerCase();
	const svg = tag === 'svg' || (typeof node.querySelector === 'function' && !!node.querySelector('svg'));
	const children = typeof node.querySelectorAll === 'function' ? node.querySelectorAll('*').length : 0;
	// A chart's own <style> would crowd out its labels, which say what it shows; so would an
	// interactive chart's controls (marked data-tape-chrome: "log select reset", a zoom hint).
	// A chart may say what it shows (data-tape-summary: its title and visible range) before its labels.
	const says = typeof node.getAttribute === 'function' ? node.getAttribute('data-tape-summary') : null;
	const text = `${says ? `${says}: ` : ''}${shownText(node)}`.replace(/\s+/g, ' ').trim().slice(0, 80);
	const summary = `<${tag}> with ${children} element${children === 1 ? '' : 's'}${text ? `: ${text}` : ''}`;
	return svg ? { svg: true, summary } : { html: true, summary };
}

function shownText(node: Node): string {
	let text = '';
	const walk = (n: Node) => {
		if (n.nodeType === 3) text += n.textContent ?? '';
		else if (n.nodeName.toLowerCase() !== 'style' && !(n as Element).hasAttribute?.('data-tape-chrome')) n.childNodes.forEach(walk);
	};
	walk(node);
	return text;
}

function toJson(value: unknown, depth: number): unknown {
	switch (typeof value) {
		case 'number':
			return Number.isFinite(value) ? value : String(value);
		case 'string':
			return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} characters)` : value;
		case 'boolean':
			return value;
		case 'bigint':
			return `${value}n`;
		case 'undefined':
			return null;
		case 'function':
			return { function: value.name || 'anonymous' };
		case 'symbol':
			return value.toString();
	}
	if (value === null) return null;
	if (value instanceof Date) return Number.isNaN(+value) ? 'Invalid Date' : value.toISOString();
	if (value instanceof Error) return { error: value.message };
	if (depth >= MAX_DEPTH) return '…';
	if (Array.isArray(value) || ArrayBuffer.isView(value)) {
		const items = Array.from(value as ArrayLike<unknown>);
		const head = items.slice(0, MAX_ITEMS).map((v) => toJson(v, depth + 1));
		return items.length > MAX_ITEMS ? [...head, `… ${items.length - MAX_ITEMS} more`] : head;
	}
	if (value instanceof Map) return { Map: toJson(Object.fromEntries(value), depth + 1) };
	if (value instanceof Set) return { Set: toJson([...value], depth + 1) };
	if (isTable(value) || isDomNode(value)) return summarize(value);
	const entries = Object.entries(value as Record<string, unknown>);
	const out: Record<string, unknown> = {};
	for (const [key, v] of entries.slice(0, MAX_ITEMS)) out[key] = toJson(v, depth + 1);
	if (entries.length > MAX_ITEMS) out['…'] = `${entries.length - MAX_ITEMS} more keys`;
	return out;
}
