/** The body was larger than the limit; reading stopped there. */
export class BodyTooLarge extends Error {
	constructor(readonly limit: number) {
		super(`larger than ${Math.round(limit / 1024 / 1024)} MB`);
		this.name = 'BodyTooLarge';
	}
}

/** Reads a request body as UTF-8 text, stopping (and throwing {@link BodyTooLarge}) past `limit` bytes. */
export async function readTextLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
	if (!body) return '';
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let size = 0;
	let text = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return text + decoder.decode();
		size += value.byteLength;
		if (size > limit) {
			// Not cancel(): on adapter-node that destroys the socket before the 413 can be sent.
			// The rest is read and dropped (adapter-node's BODY_SIZE_LIMIT bounds it).
			try {
				while (!(await reader.read()).done);
			} catch {
				// The stream failed (BODY_SIZE_LIMIT, client gone): nothing more to read either way.
			}
			throw new BodyTooLarge(limit);
		}
		text += decoder.decode(value, { stream: true });
	}
}
