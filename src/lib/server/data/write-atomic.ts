import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `text` to `path` through a temporary file renamed into place, so a reader (another
 * request, the CLI) sees the old file or the new one, never half of one.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
	await mkdir(dirname(path), { recursive: true });
	const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		await writeFile(temporary, text, 'utf8');
		await rename(temporary, path);
	} catch (e) {
		await rm(temporary, { force: true });
		throw e;
	}
}
