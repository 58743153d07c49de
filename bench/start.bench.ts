/**
 * First start: seconds from "npm ci done" to the workspace answering, on a fresh copy of the
 * checkout (its files as git lists them, no build/, no generated frame), with node_modules linked
 * from this checkout and `svelte-kit sync` run first as npm ci's prepare script does. Times
 * `npm start` (which builds on first start) until GET / answers 200, then stops it. Also prints
 * the CPU seconds the start used (all its processes), which moves less than wall time when other
 * work shares the machine.
 *
 *   npm run bench -- start                       the working tree
 *   TAPE_BENCH_START_REF=<commit> npm run bench -- start    a commit instead (git archive), e.g. to compare
 *   TAPE_BENCH_START_RUNS=2 …                    runs (default 1: each is a whole build)
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const ref = process.env.TAPE_BENCH_START_REF;
const runs = Number(process.env.TAPE_BENCH_START_RUNS ?? 1);

function freshCopy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tape-start-bench-'));
	if (ref) {
		execFileSync('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`], { cwd: root });
	} else {
		const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
		for (const file of files) {
			mkdirSync(dirname(join(dir, file)), { recursive: true });
			cpSync(join(root, file), join(dir, file), { dereference: false, errorOnExist: false, force: true });
		}
	}
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	execFileSync('npx', ['svelte-kit', 'sync'], { cwd: dir, stdio: 'ignore' });
	return dir;
}

function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

/**
 * CPU seconds of a process group so far (Linux /proc): each live member's own time plus what it
 * has reaped of its finished children (the build's processes), so nothing is counted twice.
 */
function groupCpuSeconds(pgid: number): number {
	let ticks = 0;
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		let stat: string;
		try {
			stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue;
		}
		// After "pid (comm) ": state ppid pgrp … utime(14) stime cutime cstime, counted from the state as field 3.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue;
		ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
	}
	return ticks / 100;
}

async function firstStart(): Promise<{ wall: number; cpu: number }> {
	const dir = freshCopy();
	const port = await freePort();
	const t0 = performance.now();
	const child = spawn('npm', ['start'], { cwd: dir, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore', detached: true });
	let exited = false;
	child.on('exit', () => (exited = true));
	try {
		for (;;) {
			if (exited) throw new Error('npm start exited before answering');
			const ok = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.ok, () => false);
			if (ok) return { wall: (performance.now() - t0) / 1000, cpu: groupCpuSeconds(child.pid!) };
			await new Promise((r) => setTimeout(r, 250));
		}
	} finally {
		// npm start's whole process group: npm, tsx, node.
		if (!exited) process.kill(-child.pid!, 'SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}

console.log(`\nFirst start (${ref ? `commit ${ref}` : 'working tree'}, fresh copy, npm start until the workspace answers)`);
for (let i = 0; i < runs; i++) {
	const loadBefore = loadavg()[0];
	const { wall, cpu } = await firstStart();
	// Wall time is the figure the target is set on (< 60 s); CPU and load say how much of it was the machine's other work.
	console.log(`${'first npm start → workspace answers'.padEnd(40)} wall ${wall.toFixed(1).padStart(6)} s   (target < 60 s; CPU ${cpu.toFixed(0)} s over its processes; load ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)})`);
}
