import { describe, expect, it } from 'vitest';
import { readTextLimited } from '../../../src/lib/server/data/read-limited';
import { BodyTooLarge } from '../../../src/lib/server/data/index';
import { TooLargeError } from '../../../src/lib/server/store/errors';
import { errorResponse, readJsonObject } from '../../../src/lib/server/store/http';

/** A body of `chunks` × 1 KB that records whether it was cancelled and how far it was read. */
function body(chunks: number) {
	const state = { cancelled: false, pulled: 0 };
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (state.pulled++ < chunks) controller.enqueue(new Uint8Array(1024).fill(32));
			else controller.close();
		},
		cancel() {
			state.cancelled = true;
		}
	});
	return { stream, state };
}

// Found by the reliability suite (test/reliability/limits.ts): cancelling the request body makes
// adapter-node destroy the socket, so a chunked body over the limit got a reset, not the 413.
// Closing the connection with the 413 instead loses the answer too (EPIPE while still sending).
describe('a body over the limit, sent without Content-Length', () => {
	it('is refused with TooLargeError (413) after reading the rest, never cancelling the body', async () => {
		const { stream, state } = body(20);
		const request = new Request('http://127.0.0.1/api/notebooks/a.md', { method: 'PUT', body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
		await expect(readJsonObject(request, 4096)).rejects.toBeInstanceOf(TooLargeError);
		expect(state.cancelled).toBe(false);
		expect(state.pulled).toBeGreaterThan(20);
		expect(errorResponse(new TooLargeError('request body', 4096)).status).toBe(413);
	});

	it('upload bodies too', async () => {
		const { stream, state } = body(20);
		await expect(readTextLimited(stream, 4096)).rejects.toBeInstanceOf(BodyTooLarge);
		expect(state.cancelled).toBe(false);
		expect(state.pulled).toBeGreaterThan(20);
	});
});
