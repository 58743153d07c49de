import { rmSync } from 'node:fs';

/** Drops the throwaway notebooks, data and recorded-provider folders playwright.config.ts made for this run (links only, never the real data). */
export default function teardown() {
	for (const dir of [process.env.TAPE_E2E_NOTEBOOKS, process.env.TAPE_E2E_DATA, process.env.TAPE_E2E_PROVIDER]) {
		if (dir) rmSync(dir, { recursive: true, force: true });
	}
}
