/** The JSON shape of the notebook API: reading request bodies within limits, mapping errors to statuses. */
import { BadRequestError, ConflictError, InvalidNotebookError, StoreError, TooLargeError, UnsupportedMediaTypeError } from './errors';
import { MAX_REQUEST_BYTES } from './limits';

/**
 * The request body as a JSON object, reading at most `limit` bytes: a client that lies about or
 * omits Content-Length still cannot make the server buffer more than that.
 */
export async function readJsonObject(request: Request, limit = MAX_REQUEST_BYTES): Promise<Record<string, unknown>> {
	// An HTML form can post text/plain that parses as JSON, from a page of this very origin (the
	// Origin check lets it through); only fetch can send application/json, and notebook code has no fetch here.
	const type = mediaType(request);
	if (type !== 'application/json') throw new UnsupportedMediaTypeError(`request body must be application/json, not ${type ?? 'untyped'}`);
	if (Number(request.headers.get('content-length') ?? 0) > limit) throw new TooLargeError('request body', limit);
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		const reader = request.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				// Not cancel(): on adapter-node that destroys the socket, and the client would get a
				// reset instead of this 413. The rest is read and dropped (BODY_SIZE_LIMIT bounds it).
				await discardRest(reader);
				throw new TooLargeError('request body', limit);
			}
			chunks.push(value);
		}
	}
	const text = Buffer.concat(chunks).toString('utf8');
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (error) {
		throw new BadRequestError(`request body is not valid JSON: ${(error as Error).message}`);
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('request body must be a JSON object');
	return body as Record<string, unknown>;
}

/** A request's Content-Type without its parameters, lower case (`text/csv; charset=utf-8` → `text/csv`). */
export function mediaType(request: Request): string | undefined {
	return request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
}

/** Reads what is left of a body without keeping it; a body that errors (client gone) just ends. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
	try {
		while (!(await reader.read()).done);
	} catch {
		// The stream failed (BODY_SIZE_LIMIT, client gone): nothing more to read either way.
	}
}

export function requiredString(body: Record<string, unknown>, key: string): string {
	const value = body[key];
	if (typeof value !== 'string') throw new BadRequestError(`"${key}" must be a string`);
	return value;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
	return body[key] === undefined || body[key] === null ? undefined : requiredString(body, key);
}

function json(body: unknown, init: { status: number }): Response {
	return new Response(JSON.stringify(body), { status: init.status, headers: { 'content-type': 'application/json' } });
}

/** `{ error }` with the error's status; conflicts add what is on disk, parse errors the location. */
export function errorResponse(error: unknown): Response {
	if (error instanceof ConflictError) return json({ error: error.message, revision: error.revision, text: error.text }, { status: 409 });
	if (error instanceof InvalidNotebookError) return json({ error: error.message, line: error.line, column: error.column }, { status: 400 });
	const { status, message } = errorStatus(error);
	return json({ error: message }, { status });
}

/** A store error's status and message; anything else is logged and told as a 500 without its details. */
export function errorStatus(error: unknown): { status: number; message: string } {
	if (error instanceof StoreError) return { status: error.status, message: error.message };
	console.error('notebook API:', error);
	return { status: 500, message: 'internal error in the notebook store; see the server log' };
}

/** Runs a handler body, answering thrown store errors as JSON. */
export async function answer(handler: () => Promise<Response>): Promise<Response> {
	try {
		return await handler();
	} catch (error) {
		return errorResponse(error);
	}
}
