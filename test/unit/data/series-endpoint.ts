import { GET, POST } from '../../../src/routes/api/data/series/[symbol]/+server';

/**
 * The series endpoint called as SvelteKit would for the browser's request: GET or POST by the
 * request's method, the symbol from the last path segment. A fetch, for createBrowserSource.
 */
export const seriesEndpoint = (async (input: string | URL | Request, init?: RequestInit) => {
	const request = new Request(new URL(String(input instanceof Request ? input.url : input), 'http://localhost'), init);
	const url = new URL(request.url);
	const symbol = decodeURIComponent(url.pathname.split('/').pop()!);
	const handler = request.method === 'POST' ? POST : GET;
	return handler({ params: { symbol }, url, request } as never);
}) as typeof fetch;
