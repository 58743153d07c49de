/**
 * Which cells of a notebook were running when their frame or the whole page went away, kept in
 * this browser (localStorage), so that opening the notebook again does not run a cell that hung
 * or ran out of memory last time. Cells are known by their code (cell ids are new on each open).
 *
 * A cell is written down while it runs and crossed out when it ends on its own; one stopped (■
 * Stop, the frame's watch) stays written down until it runs to an end. A tab that crashes or is
 * killed cannot cross anything out, which is the point; a page closed normally crosses out the
 * cells that were only waiting (the frame was still answering).
 */
const PREFIX = 'tape:interrupted:';
/** At most this many cells are remembered per notebook (the oldest go first). */
const MAX_ENTRIES = 200;
/**
 * A start is written at once unless the last write was this recent; then this long after it.
 * A write per start cost ~70 µs, 0.7 s of the page's thread for a notebook of 10,000 cells.
 * The frame runs in a process of its own (Chromium isolates sandboxed frames): a cell that hangs or
 * eats memory is stopped by the page, which writes that at once (stopped); a start written 0.1 s
 * late only misses a tab that died within that moment.
 */
const START_WRITES_MS = 100;

type Entry = 'running' | 'stopped';

export class InterruptedCells {
	readonly #key: string;
	readonly #entries: Map<string, Entry>;
	/** What was written down when the page opened: the cells interrupted last time. */
	readonly #lastTime: Set<string>;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#due = Infinity;
	#writtenAt = -Infinity;

	constructor(notebook: string) {
		this.#key = PREFIX + notebook;
		this.#entries = new Map(read(this.#key));
		this.#lastTime = new Set(this.#entries.keys());
	}

	/** Whether a cell with this code was interrupted (or crashed) the last time the notebook was open. */
	lastTime(source: string): boolean {
		return this.#lastTime.has(fingerprint(source));
	}

	running(source: string): void {
		const key = fingerprint(source);
		if (this.#entries.get(key) === 'stopped' || !this.#set(key, 'running')) return;
		this.#flushWithin(this.#writtenAt + START_WRITES_MS - performance.now());
	}

	stopped(source: string): void {
		if (this.#set(fingerprint(source), 'stopped')) this.#flush();
	}

	/** The cell ran to an end (a value or its own error): nothing to hold against it. */
	ended(source: string): void {
		const key = fingerprint(source);
		this.#lastTime.delete(key);
		// Crossing out can wait a moment, so a run of many quick cells costs one write.
		if (this.#entries.delete(key)) this.#flushWithin(200);
	}

	/** The page is going away while its frame answers: the cells still running were only waiting. */
	closing(): void {
		for (const [key, entry] of this.#entries) if (entry === 'running') this.#entries.delete(key);
		this.#flush();
	}

	/** Whether this changed the entries. */
	#set(key: string, entry: Entry): boolean {
		if (this.#entries.get(key) === entry) return false;
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		while (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
		return true;
	}

	#flushWithin(ms: number): void {
		if (ms <= 0) return this.#flush();
		const due = performance.now() + ms;
		if (this.#timer !== undefined && this.#due <= due) return;
		clearTimeout(this.#timer);
		this.#due = due;
		this.#timer = setTimeout(() => this.#flush(), ms);
	}

	#flush(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#writtenAt = performance.now();
		try {
			if (this.#entries.size) localStorage.setItem(this.#key, JSON.stringify([...this.#entries]));
			else localStorage.removeItem(this.#key);
		} catch {
			// Storage full or refused: the notebook still works, it just forgets.
		}
	}
}

function read(key: string): [string, Entry][] {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
		return Array.isArray(parsed) ? parsed.filter((e): e is [string, Entry] => Array.isArray(e) && typeof e[0] === 'string' && (e[1] === 'running' || e[1] === 'stopped')) : [];
	} catch {
		return [];
	}
}

/** A short, stable name for a cell's code (FNV-1a, 32 bits, with the length). */
export function fingerprint(source: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < source.length; i++) {
		hash ^= source.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return `${(hash >>> 0).toString(36)}.${source.length}`;
}
