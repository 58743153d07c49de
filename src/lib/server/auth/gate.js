// @ts-check
/**
 * Who may reach what, shared by the production server (src/cli/serve.js, which answers static
 * files before SvelteKit's hooks run) and src/hooks.server.ts (pages, API, reports, slides):
 * - sign-in is on when users exist in the data folder or TAPE_AUTH=1;
 * - with it on, every request needs a valid session except the sign-in pages (password, and
 *   one-time link: /signin?token=…), their routes and the
 *   app's public code (`/_app/immutable/…` and the sandbox frame's script and style: no notebook
 *   or data in them);
 * - a viewer's request that is not a GET or HEAD is refused (403), sign-in and sign-out aside;
 * - serving beyond loopback without sign-in is refused at start.
 */
import path from 'node:path';
import { cookieValue, SESSION_COOKIE, sessionUser } from './sessions.js';
import { hasUsers } from './users.js';

/** The data folder, as the server's data source resolves it. */
export function dataDirFromEnv() {
	return path.resolve(process.env.TAPE_DATA_DIR ?? './data');
}

/** True when `host` (a HOST value to bind to) reaches this machine only. @param {string} host */
export function isLoopbackBind(host) {
	const name = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
	return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name) || /^::ffff:127(\.\d{1,3}){3}$/.test(name);
}

/** @param {string} dataDir */
export function authEnabled(dataDir) {
	return process.env.TAPE_AUTH === '1' || hasUsers(dataDir);
}

/**
 * Why the server must not start, or null. Beyond loopback, or with TAPE_AUTH=1, there must be
 * users to sign in as; the message gives the exact commands.
 * @param {string} host @param {string} dataDir
 */
export function startupProblem(host, dataDir) {
	const needed = !isLoopbackBind(host) || process.env.TAPE_AUTH === '1';
	if (!needed || hasUsers(dataDir)) return null;
	const why = !isLoopbackBind(host)
		? `Tape will not serve on ${host} without sign-in: anyone who reaches this machine could read and change the notebooks and data.`
		: 'TAPE_AUTH=1 asks for sign-in, but nobody can sign in yet.';
	return [
		why,
		`Add an owner first (it prints a one-time password), then start again:`,
		`  npm run tape -- user add <name> --role owner --data ${dataDir}`,
		`  (or, with the installed command: tape user add <name> --role owner --data ${dataDir})`,
		!isLoopbackBind(host) ? `Colleagues reach it by a name or address of this machine: list it in TAPE_ALLOWED_HOSTS (e.g. TAPE_ALLOWED_HOSTS=tape.lan).` : '',
		`Or serve on this machine only: HOST=127.0.0.1.`
	]
		.filter(Boolean)
		.join('\n');
}

/**
 * Paths open without a session. The sandbox frame's script and style are among them: they are
 * app code like `/_app/immutable/…` (no notebook, no data), and the frame's opaque origin sends
 * no SameSite cookie with its requests (checked in Chromium). The frame's page itself, and every
 * notebook and datum it shows, still need the session of the workspace page that opens it.
 * @param {string} pathname
 */
export function isPublicPath(pathname) {
	return (
		pathname === '/sandbox/frame.js' ||
		pathname === '/sandbox/frame.css' ||
		pathname === '/login' ||
		pathname === '/login/__data.json' ||
		pathname === '/api/auth/login' ||
		pathname === '/signin' ||
		pathname === '/signin/__data.json' ||
		pathname === '/api/auth/link' ||
		pathname === '/favicon.svg' ||
		pathname === '/_app/version.json' ||
		pathname.startsWith('/_app/immutable/')
	);
}

/** The signed-in user of a request's Cookie header, or null. @param {string} dataDir @param {string | null | undefined} cookieHeader */
export function userOfCookie(dataDir, cookieHeader) {
	return sessionUser(dataDir, cookieValue(cookieHeader, SESSION_COOKIE));
}

/**
 * The refusal for a request, or null to let it through.
 * @param {{ method: string, pathname: string, search: string, accept: string | null, user: import('./sessions.js').SignedInUser | null }} request
 * @returns {{ status: number, headers: Record<string, string>, body: string } | null}
 */
export function refusal({ method, pathname, search, accept, user }) {
	if (isPublicPath(pathname)) return null;
	if (!user) {
		const isPage = (method === 'GET' || method === 'HEAD') && !pathname.startsWith('/api/') && (accept ?? '').includes('text/html');
		if (isPage) {
			return { status: 303, headers: { location: `/login?next=${encodeURIComponent(pathname + search)}`, 'cache-control': 'no-store' }, body: '' };
		}
		return json(401, 'sign in first: this Tape needs a session (open /login)');
	}
	if (user.role === 'viewer' && method !== 'GET' && method !== 'HEAD' && !pathname.startsWith('/api/auth/')) {
		return json(403, `${user.name} is a viewer: viewers can read but not change anything`);
	}
	return null;
}

/** @param {number} status @param {string} error */
function json(status, error) {
	return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify({ error }) };
}
