/**
 * Request guards for a workspace that runs code and writes files on the user's machine:
 * - Host must be a loopback name (or listed in TAPE_ALLOWED_HOSTS). A page on another site can
 *   point its own DNS name at 127.0.0.1 (DNS rebinding) and then talk to this server as
 *   "same origin"; its requests still carry that foreign Host, so they are refused here.
 * - API writes must come from this origin when the browser says where they come from (Origin).
 * - With sign-in on (src/lib/server/auth/gate.js), every request needs a session except the
 *   sign-in page, and a viewer's writes are refused; event.locals.user says who is signed in.
 * - Every response gets the security headers from securityHeaders().
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { CACHE_FOLDER, createServerSource, removeAbandonedDataWrites } from '$lib/server/data';
import { serverDatabases } from '$lib/server/sql/server-databases';
import { authEnabled, dataDirFromEnv, refusal, userOfCookie } from '$lib/server/auth/gate.js';
import { LOCAL_AUTHOR, withAuthor } from '$lib/server/history/author';
import { COEDIT_UPGRADE, coeditUpgrade } from '$lib/server/coedit/socket';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Headers set on every response. The lead extends this with the Content-Security-Policy. */
export function securityHeaders(): Record<string, string> {
	return {
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
		'X-Frame-Options': 'SAMEORIGIN'
	};
}

/** Host names allowed besides loopback: TAPE_ALLOWED_HOSTS, comma-separated (e.g. "tape.lan,10.0.0.5"). */
function allowedHostnames(): string[] {
	const extra = (process.env.TAPE_ALLOWED_HOSTS ?? '').split(',').map((host) => host.trim().toLowerCase());
	return [...LOOPBACK_HOSTS, ...extra.filter(Boolean)];
}

/** The host name without its port: "127.0.0.1:5173" → "127.0.0.1", "[::1]:80" → "[::1]". */
function hostnameOf(host: string): string {
	const match = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(host.trim().toLowerCase());
	return match ? match[1] : '';
}

export function isAllowedHost(host: string | null): boolean {
	if (!host) return false;
	const allowed = allowedHostnames();
	const hostname = hostnameOf(host);
	return allowed.includes(hostname) || allowed.includes(host.trim().toLowerCase());
}

function refuse(message: string): Response {
	return new Response(JSON.stringify({ error: message }), { status: 403, headers: { 'content-type': 'application/json' } });
}

function withSecurityHeaders(response: Response): Response {
	const headers = Object.entries(securityHeaders());
	try {
		for (const [key, value] of headers) response.headers.set(key, value);
		return response;
	} catch {
		// Responses passed through from fetch() have immutable headers: copy them first.
		const copy = new Response(response.body, response);
		for (const [key, value] of headers) copy.headers.set(key, value);
		return copy;
	}
}

// The co-editing WebSocket is bundled with the app (it needs the notebook store and format), and
// src/cli/serve.js, which owns the HTTP server, finds it here once it has loaded the handler.
// TAPE_TEST_EMPTY_ROOM_GRACE_MS: the e2e server's shorter grace, so a test waiting past it has a wide margin.
const grace = process.env.TAPE_TEST_EMPTY_ROOM_GRACE_MS;
(globalThis as Record<symbol, unknown>)[COEDIT_UPGRADE] = coeditUpgrade({ isAllowedHost, emptyRoomGraceMs: grace ? Number(grace) : undefined });

/** On start: temporary files of data writes a crash cut off are removed (the notebook store tidies its own). */
export const init: ServerInit = async () => {
	const { dataDir } = createServerSource();
	await removeAbandonedDataWrites(dataDir, CACHE_FOLDER).catch((error) => console.warn('could not tidy the data folder:', error));
	warmEmbeddedDatabase();
};

/** Loads the embedded DuckDB in the background, so the first SQL cell does not wait for the folder to load. */
function warmEmbeddedDatabase(): void {
	try {
		void serverDatabases()
			.get()
			.warm?.()
			.catch((error) => console.warn('could not load the embedded database:', error instanceof Error ? error.message : error));
	} catch (error) {
		// A bad database config answers every query with its message; starting the server goes on.
		console.warn('could not open the databases:', error instanceof Error ? error.message : error);
	}
}

export const handle: Handle = async ({ event, resolve }) => {
	// SvelteKit's own server-side fetches carry no Host header; their URL has the checked origin.
	const host = event.request.headers.get('host') ?? event.url.host;
	if (!isAllowedHost(host)) {
		return withSecurityHeaders(
			refuse(`Host "${host}" is not allowed: Tape answers only on localhost. To use another name, add it to TAPE_ALLOWED_HOSTS.`)
		);
	}
	const origin = event.request.headers.get('origin');
	if (origin !== null && WRITE_METHODS.has(event.request.method) && event.url.pathname.startsWith('/api/') && !sameHost(origin, host)) {
		return withSecurityHeaders(refuse(`cross-origin ${event.request.method} from ${origin} refused: the API only accepts writes from this page's origin`));
	}
	const dataDir = dataDirFromEnv();
	if (authEnabled(dataDir)) {
		event.locals.user = userOfCookie(dataDir, event.request.headers.get('cookie'));
		const refused = refusal({
			method: event.request.method,
			pathname: event.url.pathname,
			search: event.url.search,
			accept: event.request.headers.get('accept'),
			user: event.locals.user
		});
		if (refused) return withSecurityHeaders(new Response(refused.body || null, { status: refused.status, headers: refused.headers }));
	}
	// Saves made while answering are kept in the history under this name (locals: absent in some unit tests).
	return withSecurityHeaders(await withAuthor(event.locals?.user?.name ?? LOCAL_AUTHOR, () => resolve(event)));
};

function sameHost(origin: string, host: string): boolean {
	try {
		return new URL(origin).host === host.trim().toLowerCase();
	} catch {
		return false; // "null" (sandboxed frames, file://) and garbage are never this origin.
	}
}
