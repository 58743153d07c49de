/**
 * Which bytes a file name holds, told without reading them: the inode (changed by a replacing
 * rename) with its size, modification and change times in nanoseconds (changed by a write in
 * place). Equal identities mean the same bytes, short of two writes within one clock tick.
 */
import { statSync, type BigIntStats } from 'node:fs';

export type FileIdentity = string;

export function identityOf(info: BigIntStats): FileIdentity {
	return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

/** Synchronous on purpose (see writeFileAtomic's `stillCurrent`); null when the file is gone. */
export function identityNow(file: string): FileIdentity | null {
	const info = statSync(file, { bigint: true, throwIfNoEntry: false });
	return info ? identityOf(info) : null;
}
