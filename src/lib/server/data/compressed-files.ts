/**
 * Compressed bodies of files by key (path and ETag: a file changed on disk has a new key), the
 * least recently used dropped first once their bytes pass `limit`. Entries of replaced files are
 * never asked for again and age out the same way.
 */
export class CompressedFiles {
	#entries = new Map<string, Uint8Array>();
	#bytes = 0;

	constructor(readonly limit: number) {}

	get(key: string): Uint8Array | undefined {
		const bytes = this.#entries.get(key);
		if (bytes) {
			// Map keeps insertion order: re-inserting makes this the most recently used.
			this.#entries.delete(key);
			this.#entries.set(key, bytes);
		}
		return bytes;
	}

	set(key: string, bytes: Uint8Array): void {
		if (bytes.length > this.limit) return;
		const old = this.#entries.get(key);
		if (old) this.#bytes -= old.length;
		this.#entries.delete(key);
		this.#entries.set(key, bytes);
		this.#bytes += bytes.length;
		for (const [oldest, value] of this.#entries) {
			if (this.#bytes <= this.limit) break;
			this.#entries.delete(oldest);
			this.#bytes -= value.length;
		}
	}

	/** Bytes kept now. */
	get size(): number {
		return this.#bytes;
	}
}
