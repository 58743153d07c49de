import type { RefreshOutcome } from './runtimeView.svelte';

/** What Refresh data did, in a sentence or three; the reader's own files are named as such. */
export function refreshMessage(r: RefreshOutcome): string {
	const list = (names: string[]) => names.join(', ');
	const own = [...r.own, ...r.tables];
	const parts: string[] = [];
	if (r.refreshed.length) parts.push(`Refreshed ${list(r.refreshed)} from the providers.`);
	if (r.failed.length) parts.push(`${list(r.failed.map((f) => f.symbol))} could not be refreshed: the cells use the copy fetched before.`);
	if (own.length && !r.refreshed.length && !r.failed.length) {
		parts.push(
			`Nothing to refetch: ${list(own)} ${own.length === 1 ? 'is a file' : 'are files'} of your own in the data folder, which Tape never refetches or overwrites (drop a newer CSV on the page to replace one).`
		);
	} else if (own.length) {
		parts.push(`${list(own)} ${own.length === 1 ? 'is your own file' : 'are your own files'} in the data folder: re-read, not refetched.`);
	}
	if (r.sample.length) {
		parts.push(`${list(r.sample)} ${r.sample.length === 1 ? 'comes' : 'come'} from Tape's sample data, which is not live and never refetched: drop your own CSV on the page to use newer data.`);
	}
	if (!own.length && !r.sample.length && !r.refreshed.length && !r.failed.length) parts.push('Nothing to refresh: this notebook has not loaded any data on this page yet.');
	if (r.reran) parts.push(r.reran === 1 ? 'Re-ran the cell that loads data.' : `Re-ran the ${r.reran} cells that load data.`);
	return parts.join(' ');
}
