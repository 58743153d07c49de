import { rmSync } from 'node:fs';

/** Drops the throwaway notebooks folder playwright.config.ts made for this run. */
export default function teardown() {
	const dir = process.env.TAPE_E2E_NOTEBOOKS;
	if (dir) rmSync(dir, { recursive: true, force: true });
}
