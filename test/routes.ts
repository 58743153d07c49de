/**
 * Every route of the app, read from src/routes (so a new one cannot be left out of the checks
 * that walk them): [method, path] with each [param] filled with a sample value.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROUTES = path.resolve(import.meta.dirname, '../src/routes');
export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

function samplePath(dir: string): string {
	const parts = path.relative(ROUTES, dir).split(path.sep).filter((part) => part && !/^\(.*\)$/.test(part));
	return '/' + parts.map((part) => part.replace(/^\[\.*(\w+)\]$/, (_, name) => (name === 'name' ? 'a.md' : name === 'symbol' ? 'SPY' : 'x'))).join('/');
}

/** [method, path] of every handler exported by a +server file, and GET for every page. */
export function appRoutes(): [string, string][] {
	const found: [string, string][] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(path.join(dir, entry.name));
		for (const file of ['+server.ts', '+server.js']) {
			if (!existsSync(path.join(dir, file))) continue;
			const source = readFileSync(path.join(dir, file), 'utf8');
			for (const method of ['GET', ...WRITE_METHODS]) if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) found.push([method, samplePath(dir)]);
		}
		if (existsSync(path.join(dir, '+page.svelte'))) found.push(['GET', samplePath(dir)]);
	};
	walk(ROUTES);
	return found;
}

export function writeRoutes(): [string, string][] {
	return appRoutes().filter(([method]) => WRITE_METHODS.includes(method));
}
