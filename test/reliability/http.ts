/**
 * A small HTTP client on node:http. fetch() is no use here: it normalises `..` and `%2e%2e`
 * out of paths before sending and forbids setting Host, and those raw forms are what the
 * security part sends. Every request has a timeout, so a hung server fails a check, never the suite.
 */
import http from 'node:http';

export interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface RawRequest {
	method?: string;
	/** Sent as written: no normalisation, no encoding. */
	path: string;
	headers?: Record<string, string | number>;
	body?: string | Buffer | AsyncIterable<Buffer>;
	/** Send no Host header at all (node:http adds one by default). */
	noHost?: boolean;
	timeoutMs?: number;
}

/** Waits until `req` can take more, or is gone; leaves no listener behind. */
function drained(req: http.ClientRequest): Promise<void> {
	return new Promise((resolve) => {
		const go = () => {
			req.off('drain', go);
			req.off('close', go);
			resolve();
		};
		req.on('drain', go);
		req.on('close', go);
	});
}

export class HttpClient {
	readonly agent: http.Agent;

	constructor(
		readonly port: number,
		maxSockets = 32
	) {
		this.agent = new http.Agent({ keepAlive: true, maxSockets });
	}

	request(options: RawRequest): Promise<RawResponse> {
		const { method = 'GET', path, headers = {}, body, noHost = false, timeoutMs = 30_000 } = options;
		return new Promise((resolve, reject) => {
			let settled = false;
			let sent = false;
			const done = (error: Error | null, response?: RawResponse) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				// Answered before the whole body went out (a 413): the server closes this connection,
				// so it must not go back to the keep-alive pool, where the next request would meet
				// the reset (ECONNRESET) instead of its own answer.
				if (!sent) req.destroy();
				if (error) reject(error);
				else resolve(response!);
			};
			const req = http.request({
				host: '127.0.0.1',
				port: this.port,
				method,
				path,
				headers,
				setHost: !noHost,
				agent: this.agent
			});
			const timer = setTimeout(() => {
				req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`));
			}, timeoutMs);
			req.on('response', (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => done(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', (error) => done(error));
			});
			// A server may answer (413) and close before the whole body is sent: the answer wins.
			req.on('error', (error) => done(error));
			if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
				req.end(body, () => (sent = true));
			} else {
				(async () => {
					for await (const chunk of body) {
						if (settled || req.destroyed) return;
						if (!req.write(chunk)) await drained(req);
					}
					req.end(() => (sent = true));
				})().catch((error: Error) => done(error));
			}
		});
	}

	/** JSON request helper: `body` is serialised, the answer parsed when it is JSON. */
	async json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse & { data: any }> {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const response = await this.request({
			method,
			path,
			headers: { ...(payload !== undefined && { 'content-type': 'application/json' }), ...headers },
			body: payload
		});
		let data: unknown = undefined;
		try {
			data = JSON.parse(response.body);
		} catch {
			// not JSON: leave data undefined
		}
		return { ...response, data };
	}

	close(): void {
		this.agent.destroy();
	}
}
