import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CsvSummary, DataConflictInfo } from '../../data/conflict';
import { DataError } from '../../data/errors';
import { revisionOf } from '../store/revision';
import { keepInTrash } from './trash';
import { writeDataFile } from './write-atomic';

/** How a write treats a file of that name already in the data folder. */
export interface ExistingPolicy {
	/**
	 * `ask`: never replace a file whose content differs; throw {@link DataConflict} describing the
	 * difference instead (an import). `replace` (default): replace it, keeping the old file in the trash.
	 */
	ifExists?: 'ask' | 'replace';
	/** Replace only the file the user was shown: its revision from the DataConflict. */
	replaces?: string;
}

/** A write refused because a different file of that name is there; nothing was written. */
export class DataConflict extends Error {
	constructor(readonly conflict: DataConflictInfo) {
		super(`${conflict.file} is already in the data folder with different content (${conflict.existing.rows} rows, ${range(conflict.existing)}; the new file has ${conflict.incoming.rows} rows, ${range(conflict.incoming)})`);
		this.name = 'DataConflict';
	}
}

export interface Written {
	/** The same bytes were there already: nothing was written. */
	unchanged?: true;
	/** The replaced file's trash entry (`<data>/.trash/<entry>`). */
	trashed?: string;
}

/** Files are read to be compared only up to this size (the upload limit); a larger one is never read whole. */
export const COMPARE_LIMIT_BYTES = 50 * 1024 * 1024;

/** Longer lines are cut in the answer: it is for a person to read. */
const SHOWN_LINE = 200;

/**
 * Writes `<dataDir>/<file>` atomically as `policy` allows: an identical file is left alone, a
 * different one is replaced only when allowed and then kept in the data folder's trash.
 */
export async function writeDataFileChecked(dataDir: string, file: string, text: string, policy: ExistingPolicy = {}): Promise<Written> {
	const path = join(dataDir, file);
	const size = await existingSize(path, file);
	if (size === undefined) {
		if (policy.replaces !== undefined) throw new DataError(`${file} is no longer in the data folder; import it again`);
		await writeDataFile(path, text);
		return {};
	}
	const asked = policy.replaces !== undefined || policy.ifExists === 'ask';
	if (asked && size > COMPARE_LIMIT_BYTES) {
		throw new DataError(`${file} in the data folder is ${Math.round(size / 1024 / 1024)} MB, too large to compare with the new file: move it out of the folder first`);
	}
	if (asked || size === Buffer.byteLength(text)) {
		const existing = await readFile(path, 'utf8');
		if (existing === text) return { unchanged: true };
		const revision = revisionOf(existing);
		if (policy.replaces !== undefined ? policy.replaces !== revision : asked) throw new DataConflict(describeDifference(file, revision, existing, text));
	}
	const trashed = await keepInTrash(dataDir, file);
	await writeDataFile(path, text);
	return { trashed };
}

/** The size of the file there, or undefined; a DataError when it is not a file. */
async function existingSize(path: string, file: string): Promise<number | undefined> {
	try {
		const info = await stat(path);
		if (!info.isFile()) throw new DataError(`${file} in the data folder is not a file (a folder?); rename it before adding a file of that name`);
		return info.size;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw e;
	}
}

export function describeDifference(file: string, revision: string, existing: string, incoming: string): DataConflictInfo {
	const a = existing.split(/\r?\n/);
	const b = incoming.split(/\r?\n/);
	let line = 0;
	while (line < a.length && line < b.length && a[line] === b[line]) line++;
	const shown = (s: string | undefined) => (s === undefined ? undefined : s.length > SHOWN_LINE ? `${s.slice(0, SHOWN_LINE)}…` : s);
	return {
		file,
		revision,
		existing: summarizeLines(a, existing),
		incoming: summarizeLines(b, incoming),
		firstDifference: { line: line + 1, existing: shown(a[line]), incoming: shown(b[line]) }
	};
}

/** Rows (after the header), first and last row's first field (the dates of a price file), bytes. */
export function summarizeCsv(text: string): CsvSummary {
	return summarizeLines(text.split(/\r?\n/), text);
}

function summarizeLines(lines: string[], text: string): CsvSummary {
	const rows = lines.slice(1).filter((l) => l.trim() !== '');
	const firstField = (l: string | undefined) => l?.split(',')[0].replace(/^"|"$/g, '').slice(0, 40);
	return { rows: rows.length, first: firstField(rows[0]), last: firstField(rows.at(-1)), bytes: Buffer.byteLength(text) };
}

function range(summary: CsvSummary): string {
	return summary.first === undefined ? 'no rows' : `${summary.first} to ${summary.last}`;
}
