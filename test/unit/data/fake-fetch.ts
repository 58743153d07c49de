import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/data');

export function fixture(name: string): string {
	return readFileSync(resolve(fixtures, name), 'utf8');
}

export type FakeFetch = typeof fetch & { calls: string[] };

/**
 * A fetch that answers from recorded responses by URL pattern and fails like Node's fetch
 * without network (TypeError "fetch failed", cause ENOTFOUND) for anything else.
 */
export function fakeFetch(routes: [RegExp, () => Response][] = []): FakeFetch {
	const calls: string[] = [];
	const impl = async (input: string | URL | Request) => {
		const url = String(input instanceof Request ? input.url : input);
		calls.push(url);
		const route = routes.find(([pattern]) => pattern.test(url));
		if (!route) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
		return route[1]();
	};
	return Object.assign(impl, { calls }) as FakeFetch;
}

export const yahooIwm = (): Response => new Response(fixture('yahoo-chart-IWM.json'), { headers: { 'content-type': 'application/json' } });
export const yahooNotFound = (): Response =>
	Response.json({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } }, { status: 404 });
