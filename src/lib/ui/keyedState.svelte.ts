/**
 * A reactive value per key, each read tracked on its own: a change to one key re-runs only what
 * read that key. One $state object replaced whole re-ran every reader (thousands of cells on each
 * change to one of them). A $state proxy makes each key's signal the first time it is read, on
 * the proxy's behalf, so a reader that asks first still hears of later changes.
 */
export class KeyedState<V> {
	#values: Record<string, V> = $state({});
	#fallback: V;

	constructor(fallback: V) {
		this.#fallback = fallback;
	}

	get(key: string): V {
		return this.#values[key] ?? this.#fallback;
	}

	set(key: string, value: V): void {
		// A key never set reads as the fallback already: setting it to that changes nothing (a new frame reports 0 for each of 10,000 cells).
		if (this.get(key) !== value) this.#values[key] = value;
	}
}
