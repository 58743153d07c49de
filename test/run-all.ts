/**
 * `npm test`: build once, then every suite — the type check, unit (vitest), notebooks through the
 * CLI (on the data folder, then on the shipped sample alone), the reliability suite, end-to-end in Chromium — and close on one line that adds them up
 * (`N passed, N failed, N skipped`, alone, the last line printed: the plain closing line CI reads), so a
 * reader of the log sees the total without scrolling back through four reporters. The per-suite lines
 * above it are worded differently so that only the total reads as a closing line. Every suite runs even when an earlier one
 * fails, so one red log shows all that is broken; the exit code is 1 if anything failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Count {
	passed: number;
	failed: number;
	skipped: number;
}

/** Runs a command with its output shown as it comes, and also kept for counting. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			output += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			process.stderr.write(chunk);
			output += chunk.toString();
		});
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

function readJson(path: string): unknown {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return undefined;
	}
}

const reports = mkdtempSync(join(tmpdir(), 'tape-test-'));
const totals: Array<[string, Count]> = [];
let anyFailed = false;

/** A suite whose runner failed without reporting a failed test still counts as one failure. */
function record(name: string, code: number, count: Count | undefined): void {
	const c = count ?? { passed: 0, failed: 0, skipped: 0 };
	if (code !== 0 && c.failed === 0) c.failed = 1;
	if (code !== 0) anyFailed = true;
	totals.push([name, c]);
}

const build = await run('npm', ['run', 'build']);
if (build.code !== 0) {
	console.log('\nbuild failed: no suite ran');
	console.log('0 passed, 1 failed');
	process.exit(1);
}

{
	// TypeScript strict over src, Svelte components included (the build transpiles without checking types).
	const { code, output } = await run('npm', ['run', '-s', 'check']);
	const errors = Number(/svelte-check found (\d+) error/.exec(output)?.[1] ?? (code === 0 ? 0 : 1));
	record('types', code, { passed: errors === 0 ? 1 : 0, failed: errors, skipped: 0 });
}

{
	const file = join(reports, 'vitest.json');
	const { code } = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
	const json = readJson(file) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | undefined;
	record('unit', code, json && { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests });
}

// Every notebook twice: on the data folder (TAPE_DATA_DIR) and on a folder that does not exist, as on a
// fresh clone, where the shipped sample must carry every notebook (CI=true: missing data fails, not skips).
for (const [name, env] of [
	['notebooks', {}],
	['notebooks, sample', { TAPE_DATA_DIR: join(reports, 'no-data-folder'), CI: 'true' }]
] as const) {
	const { code, output } = await run('npx', ['tsx', 'test/run-notebooks.ts'], env);
	const m = /^notebooks: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(output);
	record(name, code, m ? { passed: +m[1], failed: +m[2], skipped: +m[3] } : undefined);
}

{
	// Each must-be-zero figure of the summary table is one check.
	const { code, output } = await run('npx', ['tsx', 'test/reliability/run.ts']);
	record('reliability', code, {
		passed: output.match(/\| ok \(must be 0\)/g)?.length ?? 0,
		failed: output.match(/\| FAIL \(must be 0\)/g)?.length ?? 0,
		skipped: 0
	});
}

{
	const file = join(reports, 'e2e.json');
	const { code } = await run('npx', ['playwright', 'test', '--reporter=list,json'], { TAPE_E2E_PREBUILT: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: file });
	const json = readJson(file) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } } | undefined;
	record('e2e', code, json && { passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected, skipped: json.stats.skipped });
}

rmSync(reports, { recursive: true, force: true });

const sum = totals.reduce((a, [, c]) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('');
for (const [name, c] of totals) console.log(`  ${name.padEnd(18)} passed ${c.passed}, failed ${c.failed}, skipped ${c.skipped}`);
console.log(`${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
process.exit(anyFailed ? 1 : 0);
