import { open } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { clipSeries, sliceSeries, type PriceSeries } from '../../data/series';
import { parsePriceSeries } from '../../data/parse-price-csv';
import { parseIsoDay, formatIsoDay } from '../../data/dates';
import { seriesToCsv } from '../../data/series-csv';
import { SPAN_HEADER, WARNINGS_HEADER } from '../../data/browser-source';
import type { SessionRange } from '../../data/session-range';
import { fileEtag, matchesEtag } from './file-response';

/** Answers this small are sent as they are: gzip would cost more than it saves. */
const GZIP_FROM_BYTES = 1024;

/**
 * The sessions `range` of a price file of the data folder, for a cell that asked for only those
 * (`loadSeries('IWM', { start, end })`): the file is parsed whole, so a bad row anywhere fails as
 * it would in the cell (a DataError naming `origin`, the file's name without the folder), and the
 * rows in range are sent as CSV (seriesToCsv) with that parse's warnings and the file's first and
 * last dates in headers. The ETag is the file's with the range added, so an unchanged file asked
 * for the same range again gets 304.
 */
export async function rangedCsvResponse(request: Request, path: string, origin: string, range: SessionRange, headers: Record<string, string> = {}): Promise<Response> {
	// One handle for the validator and the bytes: a file replaced meanwhile is read as it was when opened.
	const handle = await open(path, 'r');
	try {
		const info = await handle.stat();
		const etag = fileEtag(info, `${range.start ?? ''}..${range.end ?? ''}`);
		const common = { ...headers, etag, 'cache-control': 'private, no-cache', vary: 'accept-encoding' };
		if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: common });

		const { series, layout, warnings } = parsePriceSeries(await handle.readFile('utf8'), origin);
		const start = range.start ? parseIsoDay(range.start) : -Infinity;
		const end = range.end ? parseIsoDay(range.end) : Infinity;
		const csv = Buffer.from(seriesToCsv(cut(series, start, end), layout));
		const gzip = csv.byteLength >= GZIP_FROM_BYTES && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
		const body = gzip ? gzipSync(csv, { level: 6 }) : csv;
		return new Response(new Uint8Array(body), {
			headers: {
				...common,
				'content-type': 'text/csv; charset=utf-8',
				'content-length': String(body.byteLength),
				...(gzip ? { 'content-encoding': 'gzip' } : {}),
				[WARNINGS_HEADER]: encodeURIComponent(JSON.stringify(warnings)),
				...spanHeader(series)
			}
		});
	} finally {
		await handle.close();
	}
}

/**
 * The rows in [start, end]; when there are none, the one session next to the range instead (a
 * CSV of only its header does not parse), which loadSeries clips away as it would from the whole file.
 */
function cut(series: PriceSeries, start: number, end: number): PriceSeries {
	const rows = clipSeries(series, start, end);
	if (rows.dates.length > 0) return rows;
	const before = clipSeries(series, -Infinity, start - 1).dates.length;
	const at = Math.max(0, Math.min(before, series.dates.length - 1));
	return sliceSeries(series, at, at + 1);
}

function spanHeader(series: PriceSeries): Record<string, string> {
	const n = series.dates.length;
	return n ? { [SPAN_HEADER]: `${formatIsoDay(series.dates[0])}/${formatIsoDay(series.dates[n - 1])}` } : {};
}
