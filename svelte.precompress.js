// @ts-check
/**
 * adapter-node precompresses every build asset with brotli at its maximum quality (11): 40 s or
 * more for Monaco's 7 MB TypeScript worker alone on a 2-core machine, the largest part of a first
 * `npm start`. This wraps an adapter so its `builder.compress` uses brotli quality 5 and gzip
 * level 6 instead: about 1 s for that file, 15 % larger (1.28 MB instead of 1.11 MB). Files are
 * served from 127.0.0.1, where a few hundred KB more cost nothing noticeable.
 */
import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** What SvelteKit's own builder.compress compresses. */
const EXTENSIONS = new Set(['.html', '.js', '.mjs', '.json', '.css', '.svg', '.xml', '.wasm', '.txt', '.md', '.mdx']);

/** @param {string} directory @returns {string[]} */
function files(directory) {
	return readdirSync(directory, { recursive: true, encoding: 'utf8' })
		.map((f) => join(directory, f))
		.filter((f) => EXTENSIONS.has(extname(f)) && statSync(f).isFile());
}

/** @param {string} directory */
export async function compressFast(directory) {
	let found;
	try {
		found = files(directory);
	} catch {
		return; // No such folder (nothing prerendered).
	}
	const brotli = () =>
		zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
	await Promise.all(
		found.flatMap((file) => [
			pipeline(createReadStream(file), zlib.createGzip({ level: 6 }), createWriteStream(`${file}.gz`)),
			pipeline(createReadStream(file), brotli(), createWriteStream(`${file}.br`))
		])
	);
}

/**
 * @param {import('@sveltejs/kit').Adapter} adapter
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withFastCompress(adapter) {
	return { ...adapter, adapt: (builder) => adapter.adapt({ ...builder, compress: compressFast }) };
}
