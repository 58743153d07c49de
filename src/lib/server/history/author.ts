/**
 * Who is saving, for the history: the hook sets it once per request (the signed-in user's name,
 * or "local" without sign-in), so every route that writes a notebook records its author without
 * passing it through each call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const LOCAL_AUTHOR = 'local';

const current = new AsyncLocalStorage<string>();

export function withAuthor<T>(author: string, run: () => T): T {
	return current.run(author, run);
}

export function currentAuthor(): string {
	return current.getStore() ?? LOCAL_AUTHOR;
}

const unversioned = new AsyncLocalStorage<true>();

/** Runs `run` with its saves not kept as versions: a live room keeps its own checkpoints (src/lib/server/coedit/room.ts). */
export function withoutVersion<T>(run: () => T): T {
	return unversioned.run(true, run);
}

export function versionWanted(): boolean {
	return !unversioned.getStore();
}
