/**
 * Starting and killing the built server on 127.0.0.1 with its own folders: `node src/cli/serve.js
 * <build>`, the entry `npm start` uses (adapter-node's handler, nosniff on every answer).
 * Only the processes started here are ever signalled, by their own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { HttpClient } from './http';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** What must exist: the build's request handler. */
export const SERVER_ENTRY = path.join(ROOT, 'build/handler.js');
/** The server entry, given the build folder to serve as its argument. */
const SERVE_SCRIPT = path.join(ROOT, 'src/cli/serve.js');

let buildDir = path.dirname(SERVER_ENTRY);
let buildCopy: string | null = null;

/**
 * Runs every server of the suite from a private copy of build/, so that a rebuild while the suite
 * runs (another terminal, an editor's watcher) cannot pull the files from under a restart. The copy
 * stays under the checkout so the server still resolves its packages from node_modules.
 */
export async function useBuildCopy(): Promise<void> {
	buildCopy = path.join(ROOT, 'tmp', `reliability-build-${process.pid}`);
	await rm(buildCopy, { recursive: true, force: true });
	await cp(path.dirname(SERVER_ENTRY), buildCopy, { recursive: true });
	buildDir = buildCopy;
}

/** The build folder the suite's servers serve (the private copy once made). */
export function servedBuildDir(): string {
	return buildDir;
}

export async function removeBuildCopy(): Promise<void> {
	if (buildCopy) await rm(buildCopy, { recursive: true, force: true });
	buildCopy = null;
	buildDir = path.dirname(SERVER_ENTRY);
}

/** Every server started and not yet reaped, so a deadline or crash of the suite can kill them. */
const running = new Set<ChildProcess>();

export function killAllStarted(): void {
	for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A port the kernel just gave out and we released: free unless something races us for it. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export interface ServerOptions {
	notebooksDir: string;
	dataDir: string;
	port: number;
	/** Extra environment, e.g. BODY_SIZE_LIMIT. */
	env?: Record<string, string>;
	/** The answers to GET /api/notebooks that mean "up": 200, and 401 with sign-in on. */
	readyStatuses?: number[];
}

export class TapeServer {
	readonly client: HttpClient;
	#child: ChildProcess;
	#exited: Promise<void>;
	log = '';

	private constructor(child: ChildProcess, readonly port: number) {
		this.#child = child;
		this.client = new HttpClient(port);
		running.add(child);
		this.#exited = new Promise((resolve) => child.once('exit', () => (running.delete(child), resolve())));
		const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-8000));
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
	}

	get pid(): number {
		return this.#child.pid!;
	}

	/** Starts the server and waits until it answers the notebook list (at most `timeoutMs`). */
	static async start(options: ServerOptions, timeoutMs = 15_000): Promise<TapeServer> {
		const handler = path.join(buildDir, 'handler.js');
		if (!existsSync(handler)) throw new Error(`${handler} is missing: run npm run build first`);
		const child = spawn(process.execPath, [SERVE_SCRIPT, buildDir], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				PATH: process.env.PATH ?? '',
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				PORT: String(options.port),
				TAPE_NOTEBOOKS_DIR: options.notebooksDir,
				TAPE_DATA_DIR: options.dataDir,
				// As `npm start` sets it (src/cli/start.ts): adapter-node's own default is 512 KB.
				BODY_SIZE_LIMIT: String(64 * 1024 * 1024),
				...options.env
			}
		});
		const server = new TapeServer(child, options.port);
		const deadline = Date.now() + timeoutMs;
		for (let attempt = 0; Date.now() < deadline && attempt < 1000; attempt++) {
			if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} while starting:\n${server.log}`);
			try {
				const res = await server.client.request({ path: '/api/notebooks', timeoutMs: 2000 });
				if ((options.readyStatuses ?? [200]).includes(res.status)) return server;
			} catch {
				// not listening yet
			}
			await sleep(25);
		}
		await server.kill();
		throw new Error(`server did not answer within ${timeoutMs} ms:\n${server.log}`);
	}

	/** SIGKILL: no handlers run, no buffers flushed by the process. Resolves once it is gone. */
	async kill(): Promise<void> {
		this.client.close();
		if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
		await this.#exited;
	}

	/** SIGTERM, then SIGKILL if it lingers. */
	async stop(): Promise<void> {
		this.client.close();
		if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
		const timer = setTimeout(() => this.#child.kill('SIGKILL'), 3000);
		await this.#exited;
		clearTimeout(timer);
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
