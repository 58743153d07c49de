import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Two real clickhouse-server processes on 127.0.0.1, each a shard of the cluster `tape_pair`, in
 * their own temp folders and free ports. Used by the ClickHouse tests; Debian's package (18.16)
 * is what CI installs (`.ci/run`).
 */
export interface ClickHouseCluster {
	/** HTTP endpoints of shard 1 and shard 2 (`http://127.0.0.1:PORT/`). */
	http: [string, string];
	/** Runs a statement as the setup user (`default`, writable, no password). */
	exec(shard: 0 | 1, sql: string, body?: string): Promise<string>;
	stop(): Promise<void>;
}

/** The user the tests connect as: a writable profile, so Tape's own `readonly=1` is what protects. */
export const READER = { user: 'reader', password: `p@ss:w/o'rd\\"` };
/** A user whose profile is `readonly=2` already, as the README advises for a real cluster. */
export const VIEWER = { user: 'viewer', password: 'viewer-secret-42' };
/** A user whose profile is `readonly=1`: 18.16 then refuses any setting a request carries. */
export const LOCKED = { user: 'locked', password: 'locked-secret-42' };

export function findClickHouseServer(): string | undefined {
	const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin'];
	return dirs.map((d) => join(d, 'clickhouse-server')).find((p) => existsSync(p));
}

/**
 * n distinct free ports: every listener is held open until all are known, so two of them can
 * never be the same port (closing one before asking for the next let the kernel hand it out twice).
 */
export async function freePorts(n: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
			const server = createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve(server));
		}))
	);
	const ports = servers.map((server) => (server.address() as { port: number }).port);
	await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
	return ports;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function configXml(dir: string, httpPort: number, tcpPort: number, tcpPorts: number[]): string {
	const shards = tcpPorts.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join('');
	return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <remote_servers><tape_pair>${shards}</tape_pair></remote_servers>
</yandex>
`;
}

function usersXml(): string {
	const user = (name: string, password: string, profile: string) =>
		`<${name}><password>${xmlText(password)}</password><networks><ip>127.0.0.1</ip></networks><profile>${profile}</profile><quota>default</quota></${name}>`;
	return `<?xml version="1.0"?>
<yandex>
  <profiles><default></default><viewer><readonly>2</readonly><max_execution_time>20</max_execution_time></viewer><locked><readonly>1</readonly></locked></profiles>
  <users>${user('default', '', 'default')}${user(READER.user, READER.password, 'default')}${user(VIEWER.user, VIEWER.password, 'viewer')}${user(LOCKED.user, LOCKED.password, 'locked')}</users>
  <quotas><default></default></quotas>
</yandex>
`;
}

async function waitForPing(url: string, child: ChildProcess, dir: string, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) break;
		try {
			if ((await fetch(`${url}ping`, { signal: AbortSignal.timeout(1000) })).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000) : '(no error log)';
	throw new Error(`clickhouse-server in ${dir} did not answer /ping within ${ms} ms (exit ${child.exitCode}):\n${log}`);
}

function stopProcess(child: ChildProcess, ms: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), ms);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/**
 * Starts the two shards, trying again on fresh ports when one could not bind: a port found free
 * can still be taken by another process before ClickHouse binds it (seen once in a CI run).
 */
export async function startCluster(binary: string, attempts = 3): Promise<ClickHouseCluster> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startClusterOnce(binary);
		} catch (error) {
			if (attempt >= attempts || !/Address already in use/.test(String(error))) throw error;
		}
	}
}

async function startClusterOnce(binary: string): Promise<ClickHouseCluster> {
	const root = mkdtempSync(join(tmpdir(), 'tape-clickhouse-'));
	const ports = await freePorts(4);
	const tcpPorts = [ports[1], ports[3]];
	const children: ChildProcess[] = [];
	const http: string[] = [];
	const stop = async () => {
		// Its graceful shutdown waits seconds for background pools; the data is thrown away anyway.
		await Promise.all(children.map((c) => stopProcess(c, 1_500)));
		rmSync(root, { recursive: true, force: true });
	};
	try {
		for (const i of [0, 1]) {
			const dir = join(root, `shard${i + 1}`);
			mkdirSync(dir);
			writeFileSync(join(dir, 'config.xml'), configXml(dir, ports[i * 2], ports[i * 2 + 1], tcpPorts));
			writeFileSync(join(dir, 'users.xml'), usersXml());
			const child = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
			children.push(child);
			http.push(`http://127.0.0.1:${ports[i * 2]}/`);
		}
		await Promise.all(http.map((url, i) => waitForPing(url, children[i], join(root, `shard${i + 1}`), 30_000)));
	} catch (e) {
		await stop();
		throw e;
	}
	return {
		http: http as [string, string],
		async exec(shard, sql, body) {
			const url = body === undefined ? http[shard] : `${http[shard]}?query=${encodeURIComponent(sql)}`;
			const response = await fetch(url, { method: 'POST', body: body ?? sql });
			const text = await response.text();
			if (!response.ok) throw new Error(`shard ${shard + 1}: ${text}`);
			return text;
		},
		stop
	};
}
