import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/**
 * A CSV file of the data folder as an HTTP answer, streamed from disk (never held whole in
 * memory), gzip-compressed when the browser accepts it, with an ETag so that a browser asking
 * again for an unchanged file gets 304 and no body. `no-cache`: the browser keeps its copy but
 * asks every time, so a file changed in the folder shows at once.
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
		const stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
		handed = true; // The stream closes the handle when it ends or is destroyed (the page went away).
		const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
		const body = gzip ? stream.pipe(createGzip({ level: 6 })) : stream;
		if (gzip) stream.on('error', (e) => body.destroy(e));
		return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
			headers: { ...common, 'content-type': 'text/csv; charset=utf-8', ...(gzip ? { 'content-encoding': 'gzip' } : { 'content-length': String(info.size) }) }
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
