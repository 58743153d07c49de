/**
 * Unsaved text kept in localStorage on every edit, so a crash or a closed tab loses nothing.
 * A draft exists only between an edit and the save that follows it.
 */
export interface Draft {
	text: string;
	/** The server revision the edits were made on. */
	baseRevision: string;
	savedAt: number;
}

const key = (name: string) => `tape:draft:${name}`;

export function readDraft(name: string): Draft | undefined {
	try {
		const draft = JSON.parse(localStorage.getItem(key(name)) ?? 'null');
		return typeof draft?.text === 'string' ? draft : undefined;
	} catch {
		return undefined;
	}
}

export function writeDraft(name: string, text: string, baseRevision: string) {
	try {
		localStorage.setItem(key(name), JSON.stringify({ text, baseRevision, savedAt: Date.now() }));
	} catch {
		// Storage full or disabled: the server save is still the real one.
	}
}

export function dropDraft(name: string) {
	localStorage.removeItem(key(name));
}
