/** Ids for cells of a loaded notebook. They are never written to the file. */

// A random prefix per page/process keeps ids distinct if cells from two realms ever meet
// (e.g. a notebook parsed on the server and one parsed in the browser).
const realm = Math.random().toString(36).slice(2, 6);
let counter = 0;

export function newCellId(): string {
	counter += 1;
	return `c${realm}${counter.toString(36)}`;
}
