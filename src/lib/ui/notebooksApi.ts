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

async function request<T>(fetcher: Fetch, url: string, init?: RequestInit): Promise<T> {
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
