// @ts-check
/**
 * The production server: adapter-node's request handler (`build/handler.js`) behind a plain
 * node:http server that puts `X-Content-Type-Options: nosniff` on every answer.
 *
 * Why not adapter-node's own entry (`node build`): it serves build assets (`/_app/…`) and static
 * files (`/sandbox/frame.js`, …) with sirv before SvelteKit's hooks run, so the headers set in
 * src/hooks.server.ts never reach them. Here the header is set before the handler sees the request;
 * the hook's own headers still apply to everything SvelteKit answers.
 *
 *   node src/cli/serve.js [build folder]     (default: build/ of this checkout)
 *
 * Environment as adapter-node's entry reads it: HOST (default 127.0.0.1, not adapter-node's
 * 0.0.0.0), PORT (default 5173), KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT and SHUTDOWN_TIMEOUT in
 * seconds; BODY_SIZE_LIMIT, ORIGIN and the *_HEADER variables are read by the handler itself.
 * Unix sockets (SOCKET_PATH) and systemd socket activation are not supported.
 *
 * Sign-in (src/lib/server/auth/gate.js) is checked here too, before the handler, because the
 * handler answers static files (the sandbox frame's among them) before the app's hooks run.
 * Beyond loopback without users to sign in as, the server refuses to start and says how.
 *
 * Live co-editing (`/api/coedit/<notebook>`) is a WebSocket: the app's hooks leave its `upgrade`
 * listener under COEDIT_UPGRADE (src/lib/server/coedit/socket.ts), and it is attached here. It
 * checks Host, Origin, the session and the viewer role itself.
 */
import http from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { authEnabled, dataDirFromEnv, refusal, startupProblem, userOfCookie } from '../lib/server/auth/gate.js';

/** Headers on every answer, assets included. The app's hook adds the rest (Referrer-Policy, CSP…). */
export const ALWAYS_HEADERS = { 'X-Content-Type-Options': 'nosniff' };

/** Symbol.for key of the co-editing `upgrade` listener, as src/lib/server/coedit/socket.ts sets it. */
const COEDIT_UPGRADE = Symbol.for('tape.coedit.upgrade');

export const DEFAULT_BUILD = path.resolve(import.meta.dirname, '../../build');

/** @param {string} name */
function seconds(name) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return undefined;
	if (!/^\d+$/.test(raw)) throw new Error(`Invalid value for environment variable ${name}: ${JSON.stringify(raw)} (should be a non-negative integer)`);
	return Number(raw);
}

/**
 * Starts serving `buildDir` (a `vite build` output of adapter-node) on HOST:PORT.
 * @param {string} [buildDir]
 * @returns {Promise<http.Server>} once it listens
 */
export async function serve(buildDir = DEFAULT_BUILD) {
	const host = process.env.HOST || '127.0.0.1';
	const dataDir = dataDirFromEnv();
	const problem = startupProblem(host, dataDir);
	if (problem) throw Object.assign(new Error(problem), { code: 'TAPE_AUTH_REQUIRED' });
	/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => unknown }} */
	const { handler } = await import(pathToFileURL(path.join(path.resolve(buildDir), 'handler.js')).href);
	const port = Number(process.env.PORT || '5173');
	const shutdownTimeout = seconds('SHUTDOWN_TIMEOUT') ?? 30;

	const server = http.createServer();
	const keepAlive = seconds('KEEP_ALIVE_TIMEOUT');
	if (keepAlive !== undefined) server.keepAliveTimeout = keepAlive * 1000;
	const headersTimeout = seconds('HEADERS_TIMEOUT');
	if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

	/** @type {NodeJS.Timeout | undefined} */
	let shuttingDown;
	server.on('request', (req, res) => {
		for (const [name, value] of Object.entries(ALWAYS_HEADERS)) res.setHeader(name, value);
		// While shutting down, close each connection once its request is answered.
		req.on('close', () => {
			if (shuttingDown) server.closeIdleConnections();
		});
		const notFound = () => {
			if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('Not Found');
		};
		Promise.resolve()
			.then(() => {
				if (authEnabled(dataDir)) {
					const url = new URL(req.url ?? '/', 'http://tape');
					const refused = refusal({
						method: req.method ?? 'GET',
						pathname: url.pathname,
						search: url.search,
						accept: req.headers.accept ?? null,
						user: userOfCookie(dataDir, req.headers.cookie)
					});
					if (refused) return void res.writeHead(refused.status, refused.headers).end(refused.body);
				}
				return handler(req, res, notFound);
			})
			.catch((error) => {
				console.error(error);
				if (res.headersSent) res.destroy();
				else res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
			});
	});

	/** @type {((req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void) | undefined} */
	const coedit = /** @type {any} */ (globalThis)[COEDIT_UPGRADE];
	server.on('upgrade', (req, socket, head) => {
		if (coedit) coedit(req, socket, head);
		else socket.destroy();
	});

	/** As adapter-node: stop accepting, let requests in progress finish, then tell the app. */
	const shutdown = (/** @type {string} */ reason) => {
		if (shuttingDown) return;
		shuttingDown = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
		server.closeIdleConnections();
		server.close((error) => {
			if (error) return;
			clearTimeout(shuttingDown);
			// @ts-expect-error custom event, as adapter-node emits it
			process.emit('sveltekit:shutdown', reason);
		});
	};
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen({ host, port }, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	console.log(`Listening on http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
	return server;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
	serve(process.argv[2]).catch((error) => {
		console.error(error.code === 'TAPE_AUTH_REQUIRED' ? error.message : error);
		process.exit(1);
	});
}
