import { describe, expect, it } from 'vitest';
import { readTextLimited } from '../../../src/lib/server/data/read-limited';
import { BodyTooLarge } from '../../../src/lib/server/data/index';
import { TooLargeError } from '../../../src/lib/server/store/errors';
import { errorResponse, readJsonObject } from '../../../src/lib/server/store/http';

/** A body of `chunks` × 1 KB that records whether it was cancelled. */
function body(chunks: number) {
	const state = { cancelled: false };
	let sent = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent++ < chunks) controller.enqueue(new Uint8Array(1024).fill(32));
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
describe('a body over the limit, sent without Content-Length', () => {
	it('is refused with TooLargeError without cancelling the body, and the 413 closes the connection', async () => {
		const { stream, state } = body(20);
		const request = new Request('http://127.0.0.1/api/notebooks/a.md', { method: 'PUT', body: stream, duplex: 'half' } as RequestInit);
		await expect(readJsonObject(request, 4096)).rejects.toBeInstanceOf(TooLargeError);
		expect(state.cancelled).toBe(false);
		const response = errorResponse(new TooLargeError('request body', 4096));
		expect(response.status).toBe(413);
		expect(response.headers.get('connection')).toBe('close');
	});

	it('upload bodies too', async () => {
		const { stream, state } = body(20);
		await expect(readTextLimited(stream, 4096)).rejects.toBeInstanceOf(BodyTooLarge);
		expect(state.cancelled).toBe(false);
	});
});
