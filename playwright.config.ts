/**
 * End-to-end tests against the built app (adapter-node), in the system's Debian Chromium.
 * The server gets a throwaway copy of test/e2e/fixtures as its notebooks folder, so tests never
 * touch notebooks/.
 */
import { defineConfig } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const chromium = '/usr/bin/chromium';
if (!existsSync(chromium)) {
	throw new Error(
		`Chromium is not installed at ${chromium}. Install it with: apt-get install -y chromium`
	);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

// Playwright evaluates this file again in each worker; the environment carries the first choice over.
process.env.TAPE_E2E_NOTEBOOKS ??= (() => {
	const dir = mkdtempSync(join(tmpdir(), 'tape-e2e-'));
	cpSync('test/e2e/fixtures', dir, { recursive: true });
	// The sample notebooks too: their report views are opened on real data when TAPE_DATA_DIR is set.
	cpSync('notebooks', dir, { recursive: true });
	return dir;
})();
// The server's data folder is a temp folder of links to the real price files (TAPE_DATA_DIR, when
// set), so uploads in tests land there and never in the real folder.
process.env.TAPE_E2E_DATA ??= (() => {
	const dir = mkdtempSync(join(tmpdir(), 'tape-e2e-data-'));
	const real = process.env.TAPE_DATA_DIR;
	if (real && existsSync(real)) {
		for (const file of readdirSync(real)) if (file.endsWith('.csv')) symlinkSync(resolve(real, file), join(dir, file));
	}
	return dir;
})();
// Recorded provider answers (test only, see src/lib/server/data/providers/recorded-fetch.ts): tests
// write yahoo-chart-<SYMBOL>.json here and the server "downloads" it slowly, with no network.
process.env.TAPE_E2E_PROVIDER ??= mkdtempSync(join(tmpdir(), 'tape-e2e-provider-'));
process.env.TAPE_E2E_PORT ??= String(await freePort());

const port = Number(process.env.TAPE_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'test/e2e',
	globalTeardown: './test/e2e/teardown.ts',
	// Tests share one server and one notebooks folder, and the machine is small.
	workers: 1,
	fullyParallel: false,
	timeout: 90_000,
	expect: { timeout: 20_000 },
	reporter: [['list']],
	use: {
		baseURL,
		launchOptions: {
			executablePath: chromium,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run'
			]
		},
		trace: 'retain-on-failure'
	},
	webServer: {
		// TAPE_E2E_PREBUILT=1 when the caller has just built (npm test does), to build only once.
		// The production entry (nosniff on assets too), as npm start serves it.
		command: process.env.TAPE_E2E_PREBUILT ? 'node src/cli/serve.js' : 'npm run build && node src/cli/serve.js',
		url: baseURL,
		timeout: 300_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			HOST: '127.0.0.1',
			PORT: String(port),
			TAPE_NOTEBOOKS_DIR: process.env.TAPE_E2E_NOTEBOOKS,
			TAPE_DATA_DIR: process.env.TAPE_E2E_DATA,
			TAPE_TEST_PROVIDER_DIR: process.env.TAPE_E2E_PROVIDER,
			TAPE_TEST_PROVIDER_DELAY_MS: '2500',
			TAPE_TEST_EMPTY_ROOM_GRACE_MS: '2000'
		}
	}
});
