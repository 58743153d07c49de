/**
 * `npm run test:reliability`: load, crash, fuzz, limits and security checks against the built
 * server (src/cli/serve.js on 127.0.0.1, temp folders), and the workspace in Chromium (hostile
 * notebooks, drafts, huge outputs), ending with a table of figures. Exits 1 when
 * a must-be-zero figure is not zero or a part could not run, 2 when the whole suite overran its
 * time limit. Build first: `npm run build`.
 *
 *   tsx test/reliability/run.ts                 every part
 *   tsx test/reliability/run.ts fuzz security   only those parts
 *   TAPE_RELIABILITY_SEED=123 …                 replay the random choices of an earlier run
 */
import { existsSync } from 'node:fs';
import { auth } from './auth';
import { browser } from './browser';
import { clickhouseSql } from './clickhouse-sql';
import { coedit } from './coedit';
import { concurrentSaves } from './concurrent-saves';
import { crashes } from './crashes';
import { dataRequests } from './data-requests';
import { fuzz } from './fuzz';
import { limits } from './limits';
import { security } from './security';
import { sqlHostile } from './sql-hostile';
import { killAllStarted, removeBuildCopy, SERVER_ENTRY, useBuildCopy } from './server';
import { removeTempRoots, type Figure } from './util';

// A hang guard, not a speed check: on a loaded 2-core machine the suite takes 2–6 minutes, and its
// bounded loops finish on their own; only a part stuck for good ever reaches this.
const SUITE_LIMIT_MS = 20 * 60 * 1000;

const PARTS: Record<string, (seed: number) => Promise<Figure[]>> = {
	saves: concurrentSaves,
	crashes,
	fuzz,
	limits,
	security: async (seed) => [...(await security(seed)), ...(await dataRequests()), ...(await sqlHostile()), ...(await clickhouseSql())],
	auth,
	coedit,
	browser
};

function printTable(figures: Figure[]): void {
	const rows = figures.map((f) => [f.part, f.name, String(f.value), f.mustBeZero ? (f.value === 0 ? 'ok (must be 0)' : 'FAIL (must be 0)') : '']);
	const header = ['part', 'figure', 'value', 'check'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
	console.log(line(header));
	console.log(`|${widths.map((w, i) => (i === 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
	for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
	if (!existsSync(SERVER_ENTRY)) {
		console.error(`${SERVER_ENTRY} not found: run npm run build first`);
		return 1;
	}
	const wanted = process.argv.slice(2);
	const unknown = wanted.filter((name) => !(name in PARTS));
	if (unknown.length > 0) {
		console.error(`unknown part(s) ${unknown.join(', ')}; parts are ${Object.keys(PARTS).join(', ')}`);
		return 1;
	}
	const seed = Number(process.env.TAPE_RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
	console.log(`Tape reliability suite, seed ${seed} (TAPE_RELIABILITY_SEED=${seed} replays it)\n`);

	await useBuildCopy();
	const figures: Figure[] = [];
	const started = performance.now();
	for (const [name, part] of Object.entries(PARTS)) {
		if (wanted.length > 0 && !wanted.includes(name)) continue;
		const partStarted = performance.now();
		console.log(`— ${name}`);
		try {
			figures.push(...(await part(seed)));
		} catch (error) {
			console.error(`  ${name} could not run: ${(error as Error).stack ?? error}`);
			figures.push({ part: name, name: 'part aborted', value: 1, mustBeZero: true });
		} finally {
			killAllStarted();
		}
		const seconds = (performance.now() - partStarted) / 1000;
		figures.push({ part: name, name: 'seconds', value: seconds.toFixed(1) });
		console.log(`  done in ${seconds.toFixed(1)} s`);
	}
	await removeTempRoots();
	await removeBuildCopy();

	console.log(`\nSummary (${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed})\n`);
	printTable(figures);
	const failed = figures.filter((f) => f.mustBeZero && f.value !== 0);
	console.log(failed.length === 0 ? '\nAll must-be-zero figures are zero.' : `\n${failed.length} must-be-zero figure(s) are not zero.`);
	return failed.length === 0 ? 0 : 1;
}

// The suite stops by itself: past the limit (a hung part) every server it started is killed and it exits 2.
const deadline = setTimeout(() => {
	console.error(`\nreliability suite overran ${SUITE_LIMIT_MS / 1000} s: stopping`);
	killAllStarted();
	void removeBuildCopy();
	process.exit(2);
}, SUITE_LIMIT_MS);
deadline.unref();

process.on('SIGINT', () => {
	killAllStarted();
	process.exit(130);
});

main().then(
	(code) => {
		killAllStarted();
		process.exit(code);
	},
	(error) => {
		console.error(error);
		killAllStarted();
		process.exit(1);
	}
);
