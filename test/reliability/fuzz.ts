/**
 * Part 3: property-based runs (fast-check) of the notebook parser and the price CSV loader.
 *
 * Each property runs RUNS cases and keeps going after a failure, so the figure is the number of
 * failing cases; the first few are printed with the seed that replays them. The properties:
 * - parseNotebook on hostile text: returns, or throws NotebookParseError at a line and column
 *   inside the text; nothing else escapes.
 * - valid notebooks (generated as documents, then serialized) read back equal, and the file is a
 *   fixed point of parse→serialize.
 * - parsePriceCsv on hostile text: returns only finite numbers, or throws DataError naming the
 *   file, and the line (inside the text) unless the file is empty.
 * - valid price files of every layout (Yahoo, Stooq, date,close, FRED series), with BOM, CRLF,
 *   quotes, shuffled rows and null rows, parse to exactly the numbers written.
 * - the frame's `sql` message (a hostile notebook's only way to a database): accepted only with
 *   query text of 1 to 100,000 characters, a database name (never a path or URL), and at most
 *   1,000 plain parameter values.
 * Then the inputs issue 12 found loading silently wrong values (silent-values.ts), counted.
 */
import fc from 'fast-check';
import { DataError, parsePriceCsv } from '../../src/lib/data/index';
import { NotebookParseError, notebooksEqual, parseNotebook, serializeNotebook } from '../../src/lib/notebook/index';
import { notebookLikeText, validNotebook } from '../unit/notebook/arbitraries';
import type { Figure } from './util';
import { silentWrongValues } from './silent-values';
import { isFrameMessage } from '../../src/lib/sandbox/protocol';

const RUNS = Number(process.env.TAPE_FUZZ_RUNS ?? 10_000);

interface Outcome {
	cases: number;
	failures: number;
	examples: string[];
}

/** Runs `check` on RUNS generated values; a string result or a throw is a failure. */
function run<T>(arbitrary: fc.Arbitrary<T>, seed: number, check: (value: T) => string | null): Outcome {
	const outcome: Outcome = { cases: 0, failures: 0, examples: [] };
	fc.assert(
		fc.property(arbitrary, (value) => {
			outcome.cases++;
			let problem: string | null;
			try {
				problem = check(value);
			} catch (error) {
				problem = `threw ${(error as Error)?.stack?.split('\n').slice(0, 3).join(' ') ?? String(error)}`;
			}
			if (problem !== null) {
				outcome.failures++;
				if (outcome.examples.length < 3) outcome.examples.push(`${problem}\n      input: ${JSON.stringify(value).slice(0, 400)}`);
			}
		}),
		{ numRuns: RUNS, seed }
	);
	return outcome;
}

/** Small random edits of a valid text: where parsers meet the inputs closest to valid ones. */
function mutated(valid: fc.Arbitrary<string>, alphabet: string[]): fc.Arbitrary<string> {
	const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'duplicate-line', 'drop-line'), piece: fc.constantFrom(...alphabet) });
	return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
		for (const { at, kind, piece } of edits) {
			const i = text.length === 0 ? 0 : at % text.length;
			if (kind === 'insert') text = text.slice(0, i) + piece + text.slice(i);
			else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1 + (at % 5));
			else {
				const lines = text.split('\n');
				const j = at % lines.length;
				if (kind === 'duplicate-line') lines.splice(j, 0, lines[j]);
				else lines.splice(j, 1);
				text = lines.join('\n');
			}
		}
		return text;
	});
}

function lineCount(text: string): number {
	return text.split(/\r\n|\r|\n/).length;
}

// ---------- notebook parser ----------

const deepYaml = fc.tuple(fc.constantFrom('[', '{a: ', '- ', '&a [*a, '), fc.integer({ min: 1, max: 1200 })).map(([open, depth]) => `---\nkey: ${open.repeat(depth)}\n---\n`);
// Deep YAML overflows the YAML parser's stack (it reports that as an error): rare, as each costs ~50 ms.
const hostileNotebookText = fc.oneof(
	{ arbitrary: notebookLikeText, weight: 10 },
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 10 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }), weight: 10 },
	{
		arbitrary: mutated(validNotebook.map((nb) => serializeNotebook(nb)), ['```', '```ts', '~~~', '---', '\n', '\r', '<!-- cell -->', ':', '"', '[', '{', '&a', '*a', '!!js/function', '\t', '\uFEFF', '\0']),
		weight: 10
	},
	{ arbitrary: deepYaml, weight: 1 }
);

function checkParse(text: string): string | null {
	try {
		parseNotebook(text, 'fuzz.md');
		return null;
	} catch (error) {
		if (!(error instanceof NotebookParseError)) return `threw ${(error as Error)?.name}: ${(error as Error)?.message}`;
		const lines = lineCount(text.startsWith('\uFEFF') ? text.slice(1) : text);
		if (!(error.line >= 1 && error.line <= lines)) return `NotebookParseError at line ${error.line} of a ${lines}-line text`;
		if (!(error.column >= 1)) return `NotebookParseError at column ${error.column}`;
		if (!error.message.startsWith(`fuzz.md:${error.line}:${error.column}: `)) return `message without its location: ${error.message}`;
		return null;
	}
}

function checkRoundTrip(nb: Parameters<typeof serializeNotebook>[0]): string | null {
	const text = serializeNotebook(nb);
	const back = parseNotebook(text, 'fuzz.md');
	if (!notebooksEqual(back, nb)) return 'parse(serialize(nb)) differs from nb';
	if (serializeNotebook(back) !== text) return 'serialize(parse(text)) differs from text';
	return null;
}

// ---------- CSV loader ----------

const LAYOUTS = {
	yahoo: ['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'],
	stooq: ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'],
	close: ['date', 'close'],
	value: ['DATE', 'VALUE'],
	fred: ['observation_date', 'DGS10']
} as const;
type Layout = keyof typeof LAYOUTS;
/** Where each header's values land in the table. */
const COLUMN: Record<string, string> = { Open: 'open', High: 'high', Low: 'low', Close: 'close', 'Adj Close': 'adjClose', Volume: 'volume', close: 'close', VALUE: 'close', DGS10: 'close' };
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1900, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2099, 11, 31) / DAY;

interface ValidCsv {
	text: string;
	/** Expected columns, rows sorted by date. */
	expected: Record<string, number[]>;
}

const price = fc.double({ min: 1e-6, max: 1e9, noNaN: true, noDefaultInfinity: true });
const seriesValue = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const volume = fc.oneof(fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.double({ min: 0, max: 1e15, noNaN: true, noDefaultInfinity: true }));

const row = (layout: Layout) =>
	layout === 'yahoo' || layout === 'stooq'
		? fc.tuple(price, price, price, price, price, volume).map(([a, b, open, close, adj, vol]) => {
				const [low, high] = a <= b ? [a, b] : [b, a];
				const values: Record<string, number> = { Open: open, High: high, Low: low, Close: close, Volume: vol };
				if (layout === 'yahoo') values['Adj Close'] = adj;
				return values;
			})
		: (layout === 'close' ? price : seriesValue).map((v) => ({ [LAYOUTS[layout][1]]: v }) as Record<string, number>);

const validCsv: fc.Arbitrary<ValidCsv> = fc
	.constantFrom(...(Object.keys(LAYOUTS) as Layout[]))
	.chain((layout) =>
		fc.record({
			layout: fc.constant(layout),
			days: fc.uniqueArray(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), { minLength: 1, maxLength: 40 }),
			rows: fc.array(row(layout), { minLength: 40, maxLength: 40 }),
			shuffle: fc.boolean(),
			eol: fc.constantFrom('\n', '\r\n'),
			bom: fc.boolean(),
			quote: fc.boolean(),
			nullRows: layout === 'yahoo' ? fc.uniqueArray(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), { maxLength: 2 }) : fc.constant([] as number[]),
			finalEol: fc.boolean()
		})
	)
	.map(({ layout, days, rows, shuffle, eol, bom, quote, nullRows, finalEol }) => {
		const header = LAYOUTS[layout];
		const nulls = nullRows.filter((day) => !days.includes(day));
		const dated = days.map((day, i) => ({ day, values: rows[i] }));
		const sorted = [...dated].sort((a, b) => a.day - b.day);
		const written = shuffle ? dated : sorted;
		const cell = (s: string) => (quote ? `"${s}"` : s);
		const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
		const lines = [header.map(cell).join(',')];
		for (const { day, values } of written) lines.push([iso(day), ...header.slice(1).map((h) => String(values[h]))].map(cell).join(','));
		for (const day of nulls) lines.splice(1 + (((day % lines.length) + lines.length) % lines.length), 0, [iso(day), ...header.slice(1).map(() => 'null')].map(cell).join(','));
		const expected: Record<string, number[]> = { date: sorted.map(({ day }) => day * DAY) };
		for (const h of header.slice(1)) expected[COLUMN[h]] = sorted.map(({ values }) => values[h]);
		return { text: (bom ? '\uFEFF' : '') + lines.join(eol) + (finalEol ? eol : ''), expected };
	});

function checkValidCsv({ text, expected }: ValidCsv): string | null {
	const { table } = parsePriceCsv(text, 'fuzz.csv');
	const columns = table.columnNames();
	const wanted = Object.keys(expected);
	if (columns.length !== wanted.length || !wanted.every((c) => columns.includes(c))) return `columns ${columns.join(',')}, expected ${wanted.join(',')}`;
	if (table.numRows() !== expected.date.length) return `${table.numRows()} rows, expected ${expected.date.length}`;
	for (const column of wanted) {
		const got = table.array(column) as ArrayLike<number | Date>;
		for (let i = 0; i < expected.date.length; i++) {
			const value = got[i] instanceof Date ? (got[i] as Date).getTime() : (got[i] as number);
			if (value !== expected[column][i]) return `${column}[${i}] = ${value}, expected ${expected[column][i]}`;
		}
	}
	return null;
}

const CSV_PIECES = [',', '\n', '\r\n', '"', '.', '-', '+', 'e', 'E', '0', '9', 'null', '', ' ', '1e400', '1e-400', 'NaN', 'Infinity', '0x1A', '2020-02-30', '\uFEFF', 'Close', 'Date'];
const csvToken = fc.constantFrom('Date', 'Close', 'Open', 'High', 'Low', 'Volume', 'Adj Close', 'value', 'observation_date', '2020-01-02', '2020-02-29', '2021-02-29', '1', '-1', '0', '1e400', '1e-400', 'null', '.', '', '"', '""', 'x', ' 1 ', '١');
const csvLike = fc.array(fc.array(csvToken, { maxLength: 8 }).map((cells) => cells.join(',')), { maxLength: 8 }).chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)));
const hostileCsv = fc.oneof(
	csvLike,
	fc.string({ unit: 'binary', maxLength: 300 }),
	mutated(validCsv.map((csv) => csv.text), CSV_PIECES)
);

function checkHostileCsv(text: string): string | null {
	let table;
	try {
		({ table } = parsePriceCsv(text, 'fuzz.csv'));
	} catch (error) {
		if (!(error instanceof DataError)) return `threw ${(error as Error)?.name}: ${(error as Error)?.message}`;
		if (error.file !== 'fuzz.csv' || !error.message.startsWith('fuzz.csv')) return `DataError without its file: ${error.message}`;
		if (error.line === undefined) return /empty file/.test(error.message) ? null : `DataError without a line: ${error.message}`;
		const lines = lineCount(text);
		if (!(Number.isInteger(error.line) && error.line >= 1 && error.line <= lines)) return `DataError at line ${error.line} of a ${lines}-line text`;
		return null;
	}
	for (const column of table.columnNames()) {
		if (column === 'date') continue;
		const values = table.array(column) as ArrayLike<number>;
		for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return `accepted ${values[i]} in ${column}`;
	}
	return null;
}

const hostileSqlMessage = fc.record(
	{
		type: fc.constant('sql'),
		requestId: fc.oneof(fc.integer(), fc.string({ maxLength: 3 })),
		sql: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', 'x'.repeat(100_001), "COPY prices TO '/tmp/x'"), fc.integer()),
		database: fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('warehouse', '../../etc', 'clickhouse://u:p@h:8123/db', 'a'.repeat(65), 'db/../x')),
		params: fc.oneof(
			fc.array(fc.oneof(fc.anything({ maxDepth: 2 }), fc.record({ date: fc.string({ maxLength: 30 }) }), fc.double()), { maxLength: 5 }),
			fc.constant(new Array(1001).fill(1)),
			fc.anything({ maxDepth: 1 })
		)
	},
	{ requiredKeys: ['type'] }
);

/** An accepted `sql` message must be within every limit; refusing is always fine. */
function checkSqlMessage(message: Record<string, unknown>): string | null {
	if (!isFrameMessage(message)) return null;
	const { requestId, sql, database, params } = message as Record<string, unknown>;
	if (typeof requestId !== 'number') return 'accepted a non-number requestId';
	if (typeof sql !== 'string' || sql.length < 1 || sql.length > 100_000) return `accepted query text of ${typeof sql === 'string' ? sql.length : typeof sql}`;
	if (database !== undefined && (typeof database !== 'string' || !/^[A-Za-z][\w-]{0,63}$/.test(database))) return `accepted database ${JSON.stringify(database)}`;
	if (!Array.isArray(params) || params.length > 1000) return 'accepted parameters that are not a list of at most 1,000';
	for (const p of params) {
		const plain = p === null || typeof p === 'boolean' || (typeof p === 'number' && Number.isFinite(p)) || (typeof p === 'string' && p.length <= 100_000);
		const date = typeof p === 'object' && p !== null && Object.getPrototypeOf(p) === Object.prototype && Object.keys(p).length === 1 && typeof (p as { date?: unknown }).date === 'string';
		if (!plain && !date) return `accepted parameter ${JSON.stringify(p)}`;
	}
	return null;
}

export async function fuzz(seed: number): Promise<Figure[]> {
	const timed = (outcome: () => Outcome): Outcome => {
		const started = performance.now();
		const result = outcome();
		console.log(`  ${result.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
		return result;
	};
	const properties: [string, Outcome][] = [
		['parseNotebook, hostile text: only located NotebookParseError', timed(() => run(hostileNotebookText, seed, checkParse))],
		['parseNotebook, valid notebooks round-trip', timed(() => run(validNotebook, seed + 1, checkRoundTrip))],
		['parsePriceCsv, hostile text: only located DataError, finite numbers', timed(() => run(hostileCsv, seed + 2, checkHostileCsv))],
		['parsePriceCsv, valid files: the numbers written', timed(() => run(validCsv, seed + 3, checkValidCsv))],
		["frame's sql message, hostile shapes: accepted only within the limits", timed(() => run(hostileSqlMessage, seed + 4, checkSqlMessage))]
	];
	const figures: Figure[] = [];
	for (const [name, outcome] of properties) {
		for (const example of outcome.examples) console.log(`  ! ${name}: ${example}`);
		figures.push({ part: 'fuzz', name: `${name}: cases`, value: outcome.cases });
		figures.push({ part: 'fuzz', name: `${name}: failures`, value: outcome.failures, mustBeZero: true });
	}
	const silent = silentWrongValues();
	for (const name of silent) console.log(`  ! silent wrong value: ${name}`);
	figures.push({ part: 'fuzz', name: 'price and table CSVs, the inputs of issue 12: silent wrong values', value: silent.length, mustBeZero: true });
	return figures;
}
