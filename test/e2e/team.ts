/**
 * A shared Tape with sign-in for the team specs: its own notebooks and data folders, users added
 * with the `tape user` command as an owner types it, the built server started on them, and
 * signing in through the sign-in page by typing.
 */
import { expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../reliability/server';

const bin = resolve('src/cli/bin.js');

export interface TeamServer {
	base: string;
	notebooks: string;
	data: string;
	stop(): void;
}

export function teamFolders(): { notebooks: string; data: string } {
	return { notebooks: mkdtempSync(join(tmpdir(), 'tape-team-nb-')), data: mkdtempSync(join(tmpdir(), 'tape-team-data-')) };
}

/** `tape user …` on `data`. */
export function tapeUser(data: string, ...args: string[]): string {
	const run = spawnSync(process.execPath, [bin, 'user', ...args, '--data', data], { encoding: 'utf8' });
	expect(run.status, run.stderr).toBe(0);
	return run.stdout;
}

/** `tape user add`, as the owner types it; the password is read from what it prints. */
export function addUser(data: string, name: string, role: string): string {
	const out = tapeUser(data, 'add', name, '--role', role);
	const password = /^\s{2}(\S{20})$/m.exec(out)?.[1];
	expect(password, out).toBeTruthy();
	return password!;
}

/** Starts `node src/cli/serve.js` on the folders (users must exist: sign-in is then on). */
export async function startTeamServer({ notebooks, data }: { notebooks: string; data: string }): Promise<TeamServer> {
	const port = await freePort();
	const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), TAPE_NOTEBOOKS_DIR: notebooks, TAPE_DATA_DIR: data };
	const server: ChildProcess = spawn(process.execPath, ['src/cli/serve.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	server.stdout!.on('data', (chunk) => (log += chunk));
	server.stderr!.on('data', (chunk) => (log += chunk));
	await expect.poll(() => log, { timeout: 60_000 }).toContain('Listening on');
	return {
		base: `http://127.0.0.1:${port}`,
		notebooks,
		data,
		stop: () => void server.kill()
	};
}

/** Types a name and password into the sign-in page, as a person does. */
export async function signIn(page: Page, name: string, password: string) {
	await page.getByLabel('Name').click();
	await page.keyboard.type(name);
	await page.getByLabel('Password').click();
	await page.keyboard.type(password);
	await page.keyboard.press('Enter');
}
