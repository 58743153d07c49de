/**
 * What a report and a slide deck show of a notebook, in reading order: Markdown (speaker notes
 * taken out) and code cells, without the cells marked `hidden`. Pure: no DOM, no running.
 */
import type { Cell, Notebook } from '../notebook/index';

export type Block = { kind: 'markdown'; source: string } | { kind: 'code'; cell: Cell; number: number };

export interface Slide {
	blocks: Block[];
	/** Markdown sources of the speaker notes written on this slide. */
	notes: string[];
}

const NOTES_OPEN = /^\s*<!--\s*notes\s*-->\s*$/i;
const NOTES_CLOSE = /^\s*<!--\s*\/notes\s*-->\s*$/i;
const SLIDE_BREAK = /^\s*<!--\s*slide\s*-->\s*$/i;
const SLIDE_HEADING = /^ {0,3}##(?!#)\s/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A Markdown source without a leading "# <title>" heading: pages that print the title themselves would show it twice. */
export function withoutTitleHeading(source: string, title: string): string {
	const heading = /^ {0,3}# +(.+?)(?: +#+)? *(?:\n|$)/.exec(source);
	return heading && heading[1].trim() === title.trim() ? source.slice(heading[0].length).trimStart() : source;
}

/** Splits `<!-- notes --> … <!-- /notes -->` out of a Markdown source; an unclosed block runs to the end. */
export function splitNotes(source: string): { body: string; notes: string[] } {
	const body: string[] = [];
	const notes: string[] = [];
	let current: string[] | undefined;
	for (const line of source.split('\n')) {
		if (!current && NOTES_OPEN.test(line)) current = [];
		else if (current && NOTES_CLOSE.test(line)) {
			notes.push(current.join('\n').trim());
			current = undefined;
		} else (current ?? body).push(line);
	}
	if (current) notes.push(current.join('\n').trim());
	return { body: body.join('\n').trim(), notes: notes.filter(Boolean) };
}

/** The report: every cell not marked hidden; code cells numbered as in the notebook (1-based). */
export function reportBlocks(notebook: Notebook): Block[] {
	const blocks: Block[] = [];
	let number = 0;
	for (const cell of notebook.cells) {
		if (cell.kind === 'code') number++;
		if (cell.options.hidden) continue;
		if (cell.kind === 'code') blocks.push({ kind: 'code', cell, number });
		else {
			const { body } = splitNotes(cell.source);
			if (body) blocks.push({ kind: 'markdown', source: body });
		}
	}
	return blocks;
}

/** The deck: a new slide at each `##` heading and at each `<!-- slide -->` line; notes stay on the slide they are written on. */
export function slidesOf(notebook: Notebook): Slide[] {
	const slides: Slide[] = [{ blocks: [], notes: [] }];
	const current = () => slides[slides.length - 1];
	let number = 0;
	for (const cell of notebook.cells) {
		if (cell.kind === 'code') number++;
		if (cell.options.hidden) continue;
		if (cell.kind === 'code') {
			current().blocks.push({ kind: 'code', cell, number });
			continue;
		}
		for (const piece of splitAtBreaks(cell.source)) {
			const last = current();
			if (piece.breakBefore && (last.blocks.length || last.notes.length)) slides.push({ blocks: [], notes: [] });
			const { body, notes } = splitNotes(piece.source);
			if (body) current().blocks.push({ kind: 'markdown', source: body });
			current().notes.push(...notes);
		}
	}
	return slides.filter((slide) => slide.blocks.length || slide.notes.length);
}

/** Cuts a Markdown source before each `##` heading and at each `<!-- slide -->` line (outside code fences). */
function splitAtBreaks(source: string): { source: string; breakBefore: boolean }[] {
	const pieces: { lines: string[]; breakBefore: boolean }[] = [{ lines: [], breakBefore: false }];
	let fence: string | undefined;
	for (const line of source.split('\n')) {
		const marker = FENCE.exec(line)?.[1];
		if (marker && (!fence || marker.startsWith(fence))) fence = fence ? undefined : marker;
		if (!fence && SLIDE_BREAK.test(line)) pieces.push({ lines: [], breakBefore: true });
		else if (!fence && !marker && SLIDE_HEADING.test(line)) pieces.push({ lines: [line], breakBefore: true });
		else pieces[pieces.length - 1].lines.push(line);
	}
	return pieces.map(({ lines, breakBefore }) => ({ source: lines.join('\n').trim(), breakBefore }));
}
