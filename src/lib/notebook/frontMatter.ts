/** The YAML front matter at the top of a notebook file: reading it with locations, writing it. */
import { Document, LineCounter, isMap, isScalar, parseDocument, visit } from 'yaml';
import { NotebookParseError } from './errors';
import { FRONT_MATTER_DELIMITER, isFrontMatterDelimiter } from './fences';
import { metaEqual } from './equal';
import type { NotebookMeta } from './types';

/**
 * The largest front matter read, in UTF-8 bytes between the delimiters. Parsing YAML costs about
 * a millisecond per KB here and grows faster with the number of keys (26 s for 50,000): a bound
 * keeps a hostile file from stalling every reader of it. Title, description and tags fit easily.
 */
export const MAX_FRONT_MATTER_BYTES = 8 * 1024;

export interface FrontMatter {
	meta: NotebookMeta;
	/** The YAML between the delimiters, as written (undefined when there is no front matter). */
	source?: string;
	/** Index of the first line after the front matter (0 when there is none). */
	bodyStart: number;
}

/** Reads the front matter at the start of `lines`, if the first line is `---`. */
export function readFrontMatter(lines: string[], file?: string): FrontMatter {
	if (lines.length === 0 || !isFrontMatterDelimiter(lines[0])) return { meta: {}, bodyStart: 0 };
	const end = lines.findIndex((line, i) => i > 0 && isFrontMatterDelimiter(line));
	if (end === -1) {
		throw new NotebookParseError(
			`front matter opened here is never closed (add a line ${FRONT_MATTER_DELIMITER} after it)`,
			1,
			1,
			file
		);
	}
	checkFrontMatterSize(lines, end, file);
	// YAML line 1 is file line 2: every YAML position is shifted by the opening delimiter.
	const toFileLine = (yamlLine: number) => yamlLine + 1;
	const lineCounter = new LineCounter();
	const source = lines.slice(1, end).join('\n');
	const doc = parseDocument(source, { prettyErrors: false, lineCounter });
	const located = (offset: number) => lineCounter.linePos(offset);

	const [firstError] = doc.errors;
	if (firstError) {
		const { line, col } = located(firstError.pos[0]);
		throw new NotebookParseError(`invalid YAML in front matter: ${firstError.message}`, toFileLine(line), col, file);
	}

	let value: unknown;
	try {
		value = doc.toJS({ maxAliasCount: 100 });
	} catch (error) {
		throw new NotebookParseError(`invalid YAML in front matter: ${(error as Error).message}`, 2, 1, file);
	}
	if (value === null || value === undefined) return { meta: {}, source, bodyStart: end + 1 };
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new NotebookParseError('front matter must be a mapping of keys to values, e.g. title: My notebook', 2, 1, file);
	}

	const meta = value as NotebookMeta;
	const fail = (key: string, reason: string): never => {
		const { line, col } = located(keyOffset(doc, key));
		throw new NotebookParseError(reason, toFileLine(line), col, file);
	};
	for (const key of ['title', 'description'] as const) {
		if (key in meta && typeof meta[key] !== 'string') fail(key, `front matter "${key}" must be a string`);
	}
	if ('tags' in meta && !(Array.isArray(meta.tags) && meta.tags.every((tag) => typeof tag === 'string'))) {
		fail('tags', 'front matter "tags" must be a list of strings, e.g. tags: [breadth, small caps]');
	}
	return { meta, source, bodyStart: end + 1 };
}

/** Throws, at the line where the front matter outgrows MAX_FRONT_MATTER_BYTES, before any YAML is parsed. */
function checkFrontMatterSize(lines: string[], end: number, file?: string): void {
	let bytes = 0;
	for (let i = 1; i < end; i++) {
		bytes += utf8Length(lines[i]) + 1;
		if (bytes > MAX_FRONT_MATTER_BYTES + 1) {
			throw new NotebookParseError(
				`front matter is larger than ${MAX_FRONT_MATTER_BYTES / 1024} KB from this line on (it ends at line ${end + 1}); keep it to title, description and tags and move long text into a Markdown cell`,
				i + 1,
				1,
				file
			);
		}
	}
}

/** UTF-8 length without encoding (this module also runs in the browser, which has no Buffer). */
function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		// A surrogate pair is 4 bytes: 2 for each half.
		bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 2 : 3;
	}
	return bytes;
}

function keyOffset(doc: Document, key: string): number {
	if (!isMap(doc.contents)) return 0;
	const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === key);
	return (isScalar(pair?.key) && pair.key.range?.[0]) || 0;
}

/**
 * The front matter block for `meta`, ending with a newline; empty when meta has no keys and there
 * is no source to keep. With the `source` the file was read from: that text as it was while it
 * still says `meta`, else that YAML document with only the changed keys set or deleted, so its
 * comments and the layout of the other keys survive an edit of the title.
 */
export function writeFrontMatter(meta: NotebookMeta, source?: string): string {
	const defined = Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined));
	if (source !== undefined) {
		const doc = parseDocument(source);
		const read = (doc.errors.length === 0 ? doc.toJS() : undefined) as Record<string, unknown> | null | undefined;
		if (read !== undefined && (read === null || typeof read === 'object')) {
			const was = read ?? {};
			if (metaEqual(was, defined)) return `${FRONT_MATTER_DELIMITER}\n${source}${source ? '\n' : ''}${FRONT_MATTER_DELIMITER}\n`;
			if (isMap(doc.contents)) {
				for (const key of Object.keys(was)) if (!(key in defined)) doc.delete(key);
				for (const [key, value] of Object.entries(defined)) {
					if (!metaEqual({ v: was[key] }, { v: value })) doc.set(key, doc.createNode(value, { flow: isScalarList(value) }));
				}
				return `${FRONT_MATTER_DELIMITER}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}${FRONT_MATTER_DELIMITER}\n`;
			}
		}
	}
	if (Object.keys(defined).length === 0) return '';
	const doc = new Document(defined);
	// Lists of plain values read best on one line, as people write them: tags: [breadth, small caps].
	visit(doc, {
		Seq(_, seq) {
			if (seq.items.every((item) => isScalar(item))) seq.flow = true;
		}
	});
	// lineWidth 0: long titles stay on one line instead of being folded, so diffs stay readable.
	return `${FRONT_MATTER_DELIMITER}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}${FRONT_MATTER_DELIMITER}\n`;
}

function isScalarList(value: unknown): boolean {
	return Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object');
}

/** An empty front matter block, written when the first cell would otherwise look like one. */
export const EMPTY_FRONT_MATTER = `${FRONT_MATTER_DELIMITER}\n${FRONT_MATTER_DELIMITER}\n`;
