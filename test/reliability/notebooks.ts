/** Notebook texts for the suite: valid files (the store refuses others), each unique by its id. */

/** A valid notebook whose text is unique to `id`, padded with prose to about `bytes` bytes. */
export function notebookText(title: string, id: string, bytes = 0): string {
	const head = `---\ntitle: ${title}\n---\n\n# ${title}\n\nSaved as ${id}.\n\n\`\`\`ts\nconst version = ${JSON.stringify(id)};\n\`\`\`\n`;
	if (bytes <= head.length) return head;
	const line = `Closes and ranges, line for ${id}, padding the file so writes take a moment.\n`;
	return `${head}\n${line.repeat(Math.ceil((bytes - head.length) / line.length)).trimEnd()}\n`;
}

/** A notebook of `cells` cells (alternating prose and code) of about `bytes` bytes in all. */
export function manyCellNotebook(cells: number, bytes: number, id: string): string {
	const perCell = Math.max(40, Math.floor(bytes / cells));
	const parts = [`---\ntitle: Large ${id}\n---\n`];
	for (let i = 0; i < cells; i++) {
		if (i % 2 === 0) {
			const sentence = `Cell ${i} of ${id}: the close rose above the upper channel line. `;
			parts.push(sentence.repeat(Math.max(1, Math.floor(perCell / sentence.length))).trimEnd());
		} else {
			const row = `const c${i} = [${i}, ${i + 1}, ${i + 2}].map((x) => x * 1.5);\n`;
			parts.push(`\`\`\`ts\n${row.repeat(Math.max(1, Math.floor(perCell / row.length))).trimEnd()}\n\`\`\``);
		}
	}
	return `${parts.join('\n\n')}\n`;
}
