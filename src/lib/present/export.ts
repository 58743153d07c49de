/**
 * The self-contained HTML export, shared by `tape export` and the export API route: the notebook,
 * its data, and the frame bundle and styles inlined into one file. Which data is the caller's
 * business (the route reads the notebook's code and what the workspace saw it load; the CLI may
 * also run it): nothing here runs notebook code.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseNotebook, titleOf } from '../notebook/index';
import { buildPresentDocument } from './document';
import type { CollectedData } from './collect-data';
import type { EmbeddedSqlResult } from './embedded';

/** Where the built frame lives: static/ in the source tree, build/client/ in the built server. */
const FRAME_DIRS = ['static/sandbox', 'build/client/sandbox'];

export class FrameNotBuiltError extends Error {
	constructor() {
		super('the sandbox frame is not built (static/sandbox/frame.js is missing): run npm run build:frame first');
	}
}

export async function readFrameAssets(root = process.cwd()): Promise<{ js: string; css: string }> {
	for (const dir of FRAME_DIRS) {
		try {
			const [js, css] = await Promise.all([readFile(join(root, dir, 'frame.js'), 'utf8'), readFile(join(root, dir, 'frame.css'), 'utf8')]);
			return { js, css };
		} catch {
			// Try the next place.
		}
	}
	throw new FrameNotBuiltError();
}

export interface ExportedHtml {
	html: string;
	/** The symbols embedded, with their CSV sizes in bytes. */
	data: Record<string, number>;
	/** The tables embedded (file names), with their CSV sizes in bytes. */
	tables: Record<string, number>;
}

export async function exportHtml(
	name: string,
	text: string,
	{ series, tables, from, sql, sqlLeftOut }: CollectedData & { sql?: Record<string, EmbeddedSqlResult>; sqlLeftOut?: number },
	assets?: { js: string; css: string }
): Promise<ExportedHtml> {
	const notebook = parseNotebook(text, name);
	assets ??= await readFrameAssets();
	const html = buildPresentDocument({
		mode: 'report',
		notebook: { name, text },
		title: titleOf(notebook, name),
		assets: { kind: 'inline', ...assets },
		data: series,
		dataFrom: from,
		...(Object.keys(tables).length ? { tables } : {}),
		...(sql && Object.keys(sql).length ? { sql } : {}),
		...(sqlLeftOut ? { sqlLeftOut } : {})
	});
	const sizes = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).map(([key, csv]) => [key, Buffer.byteLength(csv)]));
	return { html, data: sizes(series), tables: sizes(tables) };
}
