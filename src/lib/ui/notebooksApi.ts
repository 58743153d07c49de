/** Browser client for the notebook store's HTTP API (/api/notebooks). */

export interface FileError {
	message: string;
	line?: number;
	column?: number;
}

export interface NotebookSummary {
	name: string;
	title?: string;
	description?: string;
	tags?: string[];
	modified: string | number;
	size: number;
	revision: string;
	error?: FileError;
}

export interface NotebookFile {
	name: string;
	text: string;
	revision: string;
	error?: FileError;
}

export type SaveResult =
	| { ok: true; revision: string }
	| { ok: false; conflict: { revision: string; text: string } };

export class ApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
	}
}

type Fetch = typeof fetch;

const base = '/api/notebooks';
const path = (name: string) => `${base}/${encodeURIComponent(name)}`;

export async function request<T>(fetcher: Fetch, url: string, init?: RequestInit): Promise<T> {
	const response = await fetcher(url, init);
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new ApiError(body.error ?? body.message ?? response.statusText, response.status);
	return body as T;
}

const json = (method: string, body: unknown): RequestInit => ({
	method,
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body)
});

export async function listNotebooks(fetcher: Fetch = fetch): Promise<NotebookSummary[]> {
	return (await request<{ notebooks: NotebookSummary[] }>(fetcher, base)).notebooks;
}

export function openNotebook(name: string, fetcher: Fetch = fetch): Promise<NotebookFile> {
	return request(fetcher, path(name));
}

/** `free`: when the name is taken, the server takes the first free `name-2.md`, `name-3.md`, … */
export function createNotebook(name: string, text?: string, free = false): Promise<{ name: string; revision: string }> {
	return request(fetch, base, json('POST', { name, text, ...(free && { free }) }));
}

export async function saveNotebook(name: string, text: string, baseRevision: string): Promise<SaveResult> {
	const response = await fetch(path(name), json('PUT', { text, baseRevision }));
	const body = await response.json().catch(() => ({}));
	if (response.status === 409) return { ok: false, conflict: { revision: body.revision, text: body.text } };
	if (!response.ok) throw new ApiError(body.error ?? response.statusText, response.status);
	return { ok: true, revision: body.revision };
}

export function renameNotebook(name: string, to: string): Promise<{ name: string; revision: string }> {
	return request(fetch, `${path(name)}/rename`, json('POST', { to }));
}

export function duplicateNotebook(name: string, to?: string): Promise<{ name: string; revision: string }> {
	return request(fetch, `${path(name)}/duplicate`, json('POST', { to }));
}

export function deleteNotebook(name: string): Promise<{ trashed: string }> {
	return request(fetch, path(name), { method: 'DELETE' });
}

/** Names are flat files: let people type "q3 study" and get "q3-study.md". */
export function toNotebookName(input: string): string {
	const stem = input
		.trim()
		.replace(/\.md$/i, '')
		.replace(/[^\p{L}\p{N}._-]+/gu, '-')
		.replace(/^[-.]+|-+$/g, '');
	return stem ? `${stem}.md` : '';
}

export interface TrashedNotebook {
	entry: string;
	/** The name it had and is restored to by default. */
	name: string;
	trashedAt: string;
	size: number;
}

/** Deleted notebooks, most recently deleted first. */
export async function listTrash(fetcher: Fetch = fetch): Promise<TrashedNotebook[]> {
	return (await request<{ trash: TrashedNotebook[] }>(fetcher, '/api/trash')).trash;
}

export function restoreNotebook(entry: string, as?: string): Promise<{ name: string; revision: string }> {
	return request(fetch, '/api/trash/restore', json('POST', { entry, as }));
}

/** `name`, or when a notebook has it, the first of `<name>-restored.md`, `<name>-restored-2.md`, … that none has. */
export function freeName(name: string, taken: Set<string>, suffix = 'restored'): string {
	if (!taken.has(name)) return name;
	const stem = name.replace(/\.md$/, '');
	for (let n = 1; ; n++) {
		const candidate = `${stem}-${suffix}${n > 1 ? `-${n}` : ''}.md`;
		if (!taken.has(candidate)) return candidate;
	}
}
