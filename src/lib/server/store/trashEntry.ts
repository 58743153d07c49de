/** Names of trashed notebooks: `<name>.md.<UTC time>`, with a counter when two share a millisecond. */

export const TRASH_DIR = '.trash';

// Colons become dashes so trash entries are valid file names on every platform.
const STAMP = /\.(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2}\.\d{3}Z)(?:-(\d+))?$/;

export function trashEntryName(name: string, when: Date, attempt: number): string {
	const stamp = when.toISOString().replace(/:/g, '-');
	return attempt === 1 ? `${name}.${stamp}` : `${name}.${stamp}-${attempt}`;
}

/** The original name and ISO time of a trash entry (of a notebook, or a file ending in `extension`), or null when `entry` is not one. */
export function parseTrashEntry(entry: string, extension = '.md'): { name: string; trashedAt: string } | null {
	const match = STAMP.exec(entry);
	const name = match && entry.slice(0, match.index);
	if (!match || !name || !name.endsWith(extension) || name.length === extension.length) return null;
	const [, hour, minute, rest] = match;
	return { name, trashedAt: `${hour}:${minute}:${rest}` };
}
