/** The browser's side of a notebook's history routes (/api/notebooks/<name>/history/…). */
import { request } from './notebooksApi';

export interface VersionSummary {
	id: number;
	who: string;
	at: string;
	revision: string;
}

export interface HistoryProblem {
	entry: string;
	message: string;
}

type Fetch = typeof fetch;

const historyPath = (name: string) => `/api/notebooks/${encodeURIComponent(name)}/history`;

export function listVersions(name: string, fetcher: Fetch = fetch): Promise<{ versions: VersionSummary[]; problems: HistoryProblem[] }> {
	return request(fetcher, historyPath(name));
}

export function readVersion(name: string, id: number): Promise<VersionSummary & { text: string }> {
	return request(fetch, `${historyPath(name)}/${id}`);
}

export function restoreVersion(name: string, id: number): Promise<{ revision: string; version: number | null }> {
	return request(fetch, `${historyPath(name)}/${id}/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
}

/** The report of one version, run in the sandbox like /view/<name>. */
export const versionReportUrl = (name: string, id: number) => `/view/${encodeURIComponent(name)}/version/${id}`;
