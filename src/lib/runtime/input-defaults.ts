/**
 * Writes the value a reader left in an input back into the cell as its default: the `value:`
 * literal of the view(Inputs.x(…, { value })) call, found by the compiler, replaced on its line.
 */
import type { InputDefault } from './compile';

/** The source with `value: <old>` on the literal's line replaced by the new value, or an Error saying why not. */
export function withInputDefault(source: string, literal: InputDefault, value: unknown): string | Error {
	const text = literalText(value, literal.raw);
	if (text instanceof Error) return text;
	const lines = source.split('\n');
	const line = lines[literal.line - 1];
	if (line === undefined) return new Error(`line ${literal.line} is not in the cell any more: run the cell and try again`);
	const pattern = new RegExp(`(\\bvalue\\s*:\\s*)${escape(literal.raw)}(?![\\w.])`, 'g');
	const matches = line.match(pattern)?.length ?? 0;
	if (matches !== 1) {
		return new Error(`cannot tell which \`value: ${literal.raw}\` on line ${literal.line} to change: put each input's value on a line of its own`);
	}
	lines[literal.line - 1] = line.replace(pattern, (_, head: string) => head + text);
	return lines.join('\n');
}

function literalText(value: unknown, raw: string): string | Error {
	const quote = /^['"`]/.test(raw) ? raw[0] : undefined;
	if (value instanceof Date && !Number.isNaN(+value)) value = value.toISOString().slice(0, 10);
	if (typeof value === 'number' && Number.isFinite(value) && !quote) return String(value);
	if (typeof value === 'boolean' && !quote) return String(value);
	if (typeof value === 'string' && quote) {
		const body = JSON.stringify(value).slice(1, -1);
		return quote === '"' ? `"${body}"` : `${quote}${body.replace(/\\"/g, '"').replaceAll(quote, `\\${quote}`)}${quote}`;
	}
	return new Error(`the input's value (${String(value)}) is not the same kind as its default ${raw}`);
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
