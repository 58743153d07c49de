/** The built workspace server (`node src/cli/serve.js` over build/) on a free loopback port, for the benches that open it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function freePort(): Promise<number> {
	return new Promise((done) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
	});
}

/** Starts the server of the checkout at `root` with `env` added; resolves once it listens. */
export async function startBuiltServer(root: string, env: Record<string, string>): Promise<{ port: number; server: ChildProcess }> {
	const port = await freePort();
	const server = spawn(process.execPath, [join(root, 'src/cli/serve.js')], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((done) => server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Listening') && done()));
	return { port, server };
}
