/**
 * A remote source of daily prices, called by the server only (browsers are stopped by CORS).
 * `fetchCsv` returns the series as CSV in a layout `parsePriceCsv` reads, or undefined when the
 * provider answers that it has no such symbol; it throws {@link ProviderUnreachable} when it
 * cannot be reached, and other errors for answers it cannot use.
 */
export interface PriceProvider {
	name: string;
	fetchCsv(symbol: string, fetchImpl: typeof fetch): Promise<string | undefined>;
}

/** The provider could not be reached at all (no network, DNS, timeout). */
export class ProviderUnreachable extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ProviderUnreachable';
	}
}

const TIMEOUT_MS = 20_000;

/** fetch with a timeout, turning transport failures into {@link ProviderUnreachable}. */
export async function request(fetchImpl: typeof fetch, url: string, headers: Record<string, string> = {}): Promise<Response> {
	try {
		return await fetchImpl(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
	} catch (e) {
		const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
		throw new ProviderUnreachable(`cannot reach ${new URL(url).host} (${cause})`);
	}
}
