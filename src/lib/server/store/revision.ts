import { createHash } from 'node:crypto';

/** A notebook's revision: the start of the sha256 of its bytes, so equal files have equal revisions. */
export function revisionOf(bytes: Uint8Array | string): string {
	return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
