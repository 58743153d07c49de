import { clickHouseError, scrubber } from './clickhouse-errors';
import { bindParams, type BoundQuery } from './clickhouse-params';
import { tsvToIpc, TSV_FORMAT } from './clickhouse-tsv';
import { SqlError, type SqlConnection, type SqlLimits, type SqlParam, type SqlTable } from './types';

/**
 * A ClickHouse database over its HTTP interface, declared by the user outside notebooks as
 * `clickhouse://user:password@host:8123/database` (`clickhouses://` for HTTPS). Written for what
 * Debian's clickhouse-server 18.16 offers: a result comes as `TabSeparatedWithNamesAndTypes` and is
 * read into Arrow columns here (clickhouse-tsv.ts), parameters are bound as literals (clickhouse-params.ts), and every request is
 * read-only with limits set as request settings.
 *
 * The credentials live only in this closure and go in an Authorization header, never in a URL,
 * a property of the connection or a message (errors are scrubbed of them).
 */
export function createClickHouseConnection(name: string, url: string | URL, options: { fetchImpl?: typeof fetch } = {}): SqlConnection {
	const target = parseClickHouseUrl(url);
	const scrub = scrubber([String(url), target.password, target.user && target.password ? `${target.user}:${target.password}` : '']);
	const fetchImpl = options.fetchImpl ?? fetch;
	const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
	if (target.user) headers.Authorization = `Basic ${Buffer.from(`${target.user}:${target.password}`).toString('base64')}`;
	let closed = false;
	let session: Promise<Session> | undefined;

	async function post(sql: string, settings: Record<string, string>, timeoutMs: number, maxBytes: number, bound?: BoundQuery, format = 'JSONCompact'): Promise<string> {
		if (closed) throw new SqlError(`${name}: the connection is closed`, 'engine');
		const params = new URLSearchParams({ default_format: format, ...settings });
		if (target.database) params.set('database', target.database);
		const signal = AbortSignal.timeout(timeoutMs);
		let response: Response | undefined;
		for (let attempt = 0; !response; attempt++) {
			try {
				response = await fetchImpl(`${target.endpoint}?${params}`, { method: 'POST', headers, body: sql, signal });
			} catch (e) {
				// A kept-alive socket the server closed meanwhile fails at once; every request is a
				// read, so asking once more on a fresh socket is safe.
				if (attempt > 0 || !isStaleSocket(e)) throw transportError(e);
			}
		}
		let text: string;
		try {
			text = await readCapped(response, maxBytes);
		} catch (e) {
			throw e instanceof SqlError ? e : transportError(e);
		}
		if (!response.ok) throw clickHouseError(name, text, bound, scrub);
		return text;
	}

	function transportError(e: unknown): SqlError {
		const error = e as Error & { cause?: { code?: string } };
		if (error?.name === 'TimeoutError' || error?.name === 'AbortError') {
			return new SqlError(`${name}: ClickHouse did not answer within the time limit`, 'timeout');
		}
		// The cause names the address; the database's name is enough for the reader.
		return new SqlError(`${name}: cannot reach the ClickHouse server${error?.cause?.code ? ` (${error.cause.code})` : ''}`, 'engine');
	}

	async function readCapped(response: Response, maxBytes: number): Promise<string> {
		if (!response.body) return '';
		const chunks: Uint8Array[] = [];
		let size = 0;
		for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
			size += chunk.byteLength;
			if (size > maxBytes) {
				await response.body.cancel().catch(() => {});
				throw new SqlError(`${name}: the answer is larger than the memory limit (${Math.round(maxBytes / 1e6)} MB); select fewer rows or columns`, 'limit');
			}
			chunks.push(chunk);
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	/**
	 * What the user's settings profile allows, asked once. A profile with `readonly=1` is read-only
	 * already but refuses every setting in 18.16 (even the limits), one with `readonly=2` refuses
	 * only `readonly` itself; a writable profile gets `readonly=1` from us on every request.
	 */
	function sessionInfo(limits: SqlLimits): Promise<Session> {
		session ??= post("SELECT timezone(), (SELECT value FROM system.settings WHERE name = 'readonly')", {}, limits.timeoutMs, 1 << 20)
			.then((text) => {
				const [zone, readonly] = (JSON.parse(text) as JsonCompact).data[0] as [string, string];
				return { zone, readonly: Number(readonly) };
			})
			.catch((e) => {
				session = undefined;
				throw e;
			});
		return session;
	}

	function settingsFor(s: Session, limits: SqlLimits): Record<string, string> {
		if (s.readonly === 1) return {};
		const settings: Record<string, string> = {
			max_execution_time: String(Math.max(1, Math.ceil(limits.timeoutMs / 1000))),
			// 18.16 stops at a block boundary, so it may send more than asked: one more row than the
			// limit tells us the result was cut, the rest is dropped here.
			max_result_rows: String(limits.maxRows + 1),
			result_overflow_mode: 'break',
			max_memory_usage: String(Math.floor(limits.memoryBytes)),
			// The whole answer is buffered by the server, so an error after the first rows still
			// comes as an error status, not as a half JSON body.
			wait_end_of_query: '1'
		};
		// Last: 18.16 refuses setting anything once readonly is 1 within the same request.
		if (s.readonly === 0) settings.readonly = '1';
		return settings;
	}

	/** Sends a query with the limits; its answer's text in `format`. */
	async function send(sql: string, params: SqlParam[], limits: SqlLimits, format: string): Promise<{ text: string; zone: string }> {
		const bound = bindParams(sql, params);
		const s = await sessionInfo(limits);
		// The server's own limit answers first with a clear message; this one covers a dead network.
		const text = await post(bound.sql, settingsFor(s, limits), limits.timeoutMs + 2000, limits.memoryBytes, bound, format);
		return { text, zone: s.zone };
	}

	const noRows = (why: string) => new SqlError(`${name}: the query must return rows (no FORMAT clause): ${why}`, 'engine');

	return {
		name,
		async query({ sql, params }, limits) {
			const started = performance.now();
			const { text, zone } = await send(sql, params, limits, TSV_FORMAT);
			let read: ReturnType<typeof tsvToIpc>;
			try {
				read = tsvToIpc(text, limits.maxRows, zone);
			} catch (e) {
				throw noRows((e as Error).message);
			}
			return { ...read, ms: performance.now() - started };
		},
		async schema() {
			const limits = { maxRows: 100_000, timeoutMs: 10_000, memoryBytes: 256 * 2 ** 20 };
			const { text } = await send('SELECT table, name, type FROM system.columns WHERE database = currentDatabase()', [], limits, 'JSONCompact');
			let answer: JsonCompact;
			try {
				answer = JSON.parse(text) as JsonCompact;
			} catch {
				throw noRows('ClickHouse answered with something else than JSONCompact');
			}
			const tables = new Map<string, SqlTable>();
			for (const [table, column, type] of answer.data as string[][]) {
				if (!tables.has(table)) tables.set(table, { name: table, columns: [] });
				tables.get(table)!.columns.push({ name: column, type });
			}
			return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
		},
		async close() {
			closed = true;
		}
	};
}

function isStaleSocket(e: unknown): boolean {
	const code = (e as { cause?: { code?: string } })?.cause?.code;
	return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/** ClickHouse's `JSONCompact` answer (small answers about the session and the schema). */
interface JsonCompact {
	meta: Array<{ name: string; type: string }>;
	data: unknown[][];
}

interface Session {
	/** The server's time zone, in which it prints a DateTime without its own zone. */
	zone: string;
	/** The user's profile's `readonly` level (0, 1 or 2). */
	readonly: number;
}

export interface ClickHouseTarget {
	/** The HTTP endpoint without credentials, e.g. `http://host:8123/`. */
	endpoint: string;
	user: string;
	password: string;
	database: string;
}

/** Reads a declaration `clickhouse[s]://user:password@host:port/database`; its error never repeats the URL. */
export function parseClickHouseUrl(url: string | URL): ClickHouseTarget {
	let parsed: URL;
	try {
		parsed = new URL(String(url));
	} catch {
		throw new Error('not a URL of the form clickhouse://user:password@host:8123/database');
	}
	const secure = parsed.protocol === 'clickhouses:';
	if (!secure && parsed.protocol !== 'clickhouse:') throw new Error(`the scheme must be clickhouse: or clickhouses:, not ${parsed.protocol}`);
	if (!parsed.hostname) throw new Error('the URL has no host (clickhouse://user:password@host:8123/database)');
	const database = decodeURIComponent(parsed.pathname.replace(/^\/+|\/+$/g, ''));
	if (database.includes('/')) throw new Error('the path must be a single database name');
	const port = parsed.port || (secure ? '8443' : '8123');
	return {
		endpoint: `${secure ? 'https' : 'http'}://${parsed.hostname}:${port}/`,
		user: decodeURIComponent(parsed.username),
		password: decodeURIComponent(parsed.password),
		database
	};
}
