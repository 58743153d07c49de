/**
 * TEST ONLY. With `TAPE_TEST_PROVIDER_DIR` set, the server answers provider requests from
 * recorded responses in that folder instead of the network, slowly, so end-to-end tests can
 * watch a download's progress and refresh it without a network. Only Yahoo's chart API is
 * recorded: `yahoo-chart-<SYMBOL>.json` (the same format as test/fixtures/data); every other
 * request fails as it would offline. `TAPE_TEST_PROVIDER_DELAY_MS` (default 1500) is how long
 * an answer takes to arrive, in ten chunks. While a file `hold-<SYMBOL>` is in the folder, the
 * answer stops after its first chunk, so a test can look at the download in progress for as long
 * as it needs on a loaded machine, then remove the file to let it finish. Never set these outside tests.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSymbol } from '../symbols';

export function recordedFetchFromEnv(env: NodeJS.ProcessEnv = process.env): typeof fetch | undefined {
	const dir = env.TAPE_TEST_PROVIDER_DIR;
	if (!dir) return undefined;
	const delay = Number(env.TAPE_TEST_PROVIDER_DELAY_MS ?? 1500);
	return recordedFetch(dir, Number.isFinite(delay) && delay >= 0 ? delay : 1500);
}

export function recordedFetch(dir: string, delayMs: number): typeof fetch {
	const offline = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
	return (async (input: RequestInfo | URL) => {
		const url = new URL(input instanceof Request ? input.url : String(input));
		const chart = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
		const symbol = chart ? decodeURIComponent(chart[1]) : '';
		if (url.host !== 'query1.finance.yahoo.com' || !isSymbol(symbol)) throw offline();
		let bytes: Uint8Array;
		try {
			bytes = await readFile(join(dir, `yahoo-chart-${symbol.toUpperCase()}.json`));
		} catch {
			throw offline();
		}
		const chunks = 10;
		const size = Math.ceil(bytes.length / chunks);
		let sent = 0;
		const hold = join(dir, `hold-${symbol.toUpperCase()}`);
		const held = () => access(hold).then(() => true, () => false);
		const body = new ReadableStream<Uint8Array>({
			async pull(controller) {
				await new Promise((resolve) => setTimeout(resolve, delayMs / chunks));
				while (sent > 0 && (await held())) await new Promise((resolve) => setTimeout(resolve, 50));
				controller.enqueue(bytes.subarray(sent, sent + size));
				sent += size;
				if (sent >= bytes.length) controller.close();
			}
		});
		return new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } });
	}) as typeof fetch;
}
