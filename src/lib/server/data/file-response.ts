import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGzip, gzip as gzipCallback } from 'node:zlib';
import { CompressedFiles } from './compressed-files';

const gzipBytes = promisify(gzipCallback);

/** Series and tables up to this size are compressed once per version (ETag) and kept; larger ones are streamed. */
const KEPT_FILE_BYTES = 4 * 1024 * 1024;
const compressed = new CompressedFiles(32 * 1024 * 1024);

/**
 * A CSV file of the data folder as an HTTP answer, gzip-compressed when the browser accepts it,
 * with an ETag so that a browser asking again for an unchanged file gets 304 and no body.
 * `no-cache`: the browser keeps its copy but asks every time, so a file changed in the folder
 * shows at once. A file over KEPT_FILE_BYTES is streamed from disk (never held whole in memory);
 * a smaller one is compressed once per ETag and its bytes kept (a notebook opening asks for six
 * whole histories at once: compressing them anew on each opening held its first chart back).
 */
export async function csvFileResponse(request: Request, path: string, headers: Record<string, string> = {}): Promise<Response> {
	// One handle for the size, the validator and the bytes: a file replaced meanwhile (an upload,
	// a download) is read whole as it was when opened.
	const handle = await open(path, 'r');
	let handed = false;
	try {
		const info = await handle.stat();
		const etag = fileEtag(info);
		const common = { ...headers, etag, 'cache-control': 'private, no-cache', vary: 'accept-encoding' };
		if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: common });
		const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
		const type = { 'content-type': 'text/csv; charset=utf-8' };
		if (gzip && info.size <= KEPT_FILE_BYTES) {
			const key = `${path}\0${etag}`;
			let bytes = compressed.get(key);
			if (!bytes) {
				bytes = await gzipBytes(await handle.readFile(), { level: 6 });
				compressed.set(key, bytes);
			}
			return new Response(new Uint8Array(bytes), { headers: { ...common, ...type, 'content-encoding': 'gzip', 'content-length': String(bytes.length) } });
		}
		const stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
		handed = true; // The stream closes the handle when it ends or is destroyed (the page went away).
		const body = gzip ? stream.pipe(createGzip({ level: 6 })) : stream;
		if (gzip) stream.on('error', (e) => body.destroy(e));
		return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
			headers: { ...common, ...type, ...(gzip ? { 'content-encoding': 'gzip' } : { 'content-length': String(info.size) }) }
		});
	} finally {
		if (!handed) await handle.close();
	}
}

/** A weak validator of a file as it is on disk (size, modification time, inode), and of the part asked for when `part` is given. */
export function fileEtag(info: Stats, part?: string): string {
	const file = `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}-${info.ino.toString(16)}`;
	return `W/"${file}${part === undefined ? '' : `-${part}`}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	const bare = (tag: string) => tag.trim().replace(/^W\//, '');
	return header.split(',').some((tag) => bare(tag) === bare(etag));
}
