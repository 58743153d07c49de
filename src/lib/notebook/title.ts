/** The name a notebook is shown under. */
import type { Notebook } from './types';

/** The front-matter title, else the first Markdown `# heading`, else the file name without `.md`. */
export function titleOf(nb: Notebook, fallbackName: string): string {
	const title = nb.meta.title?.trim();
	if (title) return title;
	for (const cell of nb.cells) {
		if (cell.kind !== 'markdown') continue;
		const heading = /^ {0,3}# +(.+?)(?: +#+)? *$/m.exec(cell.source);
		if (heading) return heading[1];
	}
	return fallbackName.replace(/\.md$/, '');
}
