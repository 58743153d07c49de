/**
 * The workspace's record of data requests in flight, for the toolbar's progress indicator. The
 * page makes every request for the sandboxed frame (src/lib/sandbox/host.ts), so it sees each
 * one start, hears the server's progress (which provider, bytes received) and its end; the frame
 * takes no part. Requests the folder or cache answers at once are never shown: a request shows
 * once a provider is asked or once it has taken SHOW_AFTER_MS.
 */
import { providerLabel, type DataFrom, type FetchedCsv, type FetchProgress } from '$lib/data';

/** Quicker than this, a request stays out of sight. */
const SHOW_AFTER_MS = 400;
/** A finished download stays this long, so the reader sees it went through. */
const KEEP_DONE_MS = 5000;

export interface DataRequest {
	id: number;
	symbol: string;
	/** Refetching on the reader's Refresh data, rather than a cell's first load. */
	refresh: boolean;
	status: 'loading' | 'done' | 'failed';
	/** The provider asked last, as users name it (Yahoo, Stooq, FRED). */
	provider?: string;
	bytes?: number;
	total?: number;
	/** Rows of the CSV received, once done. */
	rows?: number;
	from?: DataFrom;
	error?: string;
	startedAt: number;
	endedAt?: number;
	visible: boolean;
}

export class DataActivity {
	/** Every request worth showing, oldest first. */
	requests = $state.raw<DataRequest[]>([]);
	/** Ticks while something visible is loading, so elapsed times move. */
	now = $state(Date.now());
	readonly visible = $derived(this.requests.filter((r) => r.visible));

	#next = 0;
	#ticker: ReturnType<typeof setInterval> | undefined;
	#timers = new Set<ReturnType<typeof setTimeout>>();

	/** Runs `load` as a request for `symbol`, recording its progress and outcome; resolves or rejects as `load` does. */
	async track(symbol: string, refresh: boolean, load: (onProgress: (p: FetchProgress) => void) => Promise<FetchedCsv>): Promise<FetchedCsv> {
		const id = ++this.#next;
		this.requests = [...this.requests, { id, symbol, refresh, status: 'loading', startedAt: Date.now(), visible: false }];
		this.#later(() => this.#update(id, { visible: true }), SHOW_AFTER_MS);
		this.#tick();
		try {
			const result = await load((progress) => this.#progress(id, progress));
			// Success supersedes an earlier failure of the same kind (a refresh that failed stays
			// when the cells then load the cached copy: that is not the refresh going through).
			this.requests = this.requests.filter((r) => !(r.symbol === symbol && r.refresh === refresh && r.status === 'failed'));
			this.#update(id, { status: 'done', endedAt: Date.now(), from: result.from, rows: rowsOf(result.text) });
			this.#later(() => this.#remove(id), KEEP_DONE_MS);
			return result;
		} catch (e) {
			this.#update(id, { status: 'failed', endedAt: Date.now(), error: (e as Error).message });
			throw e;
		} finally {
			this.#tick();
		}
	}

	/** The reader has read a failure: stop showing it. */
	dismiss(id: number) {
		this.#remove(id);
	}

	dispose() {
		clearInterval(this.#ticker);
		for (const timer of this.#timers) clearTimeout(timer);
	}

	#progress(id: number, progress: FetchProgress) {
		const provider = providerLabel(progress.provider);
		if (progress.type === 'fetching') this.#update(id, { provider, bytes: undefined, total: undefined, visible: true });
		else if (progress.type === 'received') this.#update(id, { provider, bytes: progress.bytes, total: progress.total, visible: true });
	}

	#update(id: number, change: Partial<DataRequest>) {
		const request = this.requests.find((r) => r.id === id);
		if (!request) return;
		// A request that was quick stays hidden even when its SHOW_AFTER_MS timer fires late.
		if (change.visible && request.status !== 'loading' && !request.visible) return;
		this.requests = this.requests.map((r) => (r.id === id ? { ...r, ...change } : r));
	}

	#remove(id: number) {
		this.requests = this.requests.filter((r) => r.id !== id);
	}

	#later(run: () => void, ms: number) {
		const timer = setTimeout(() => {
			this.#timers.delete(timer);
			run();
		}, ms);
		this.#timers.add(timer);
	}

	#tick() {
		const loading = this.requests.some((r) => r.status === 'loading');
		if (loading && !this.#ticker) this.#ticker = setInterval(() => (this.now = Date.now()), 250);
		if (!loading && this.#ticker) {
			clearInterval(this.#ticker);
			this.#ticker = undefined;
		}
		this.now = Date.now();
	}
}

/** Data rows of a CSV: its lines but the header (a trailing newline ends the last row, it adds none). */
function rowsOf(text: string): number {
	let lines = 0;
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
	if (text.length > 0 && !text.endsWith('\n')) lines++;
	return Math.max(0, lines - 1);
}
