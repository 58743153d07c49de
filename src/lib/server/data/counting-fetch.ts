/**
 * A fetch whose answers count their body's bytes as they are read, so a slow provider download
 * can be shown as "230 KB received" while the provider's own code (response.text(), .json())
 * stays as it is.
 */
export function countingFetch(fetchImpl: typeof fetch, onBytes: (bytes: number, total?: number) => void): typeof fetch {
	return (async (input: RequestInfo | URL, init?: RequestInit) => {
		const response = await fetchImpl(input, init);
		if (!response.body) return response;
		// Content-Length counts compressed bytes when the answer is compressed: no total then.
		const length = Number(response.headers.get('content-length'));
		const total = length > 0 && !response.headers.get('content-encoding') ? length : undefined;
		let bytes = 0;
		const counted = response.body.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					bytes += chunk.byteLength;
					onBytes(bytes, total);
					controller.enqueue(chunk);
				}
			})
		);
		return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
	}) as typeof fetch;
}
