/** Serialises async work per key, so a check-then-write on one notebook cannot interleave. */
export class KeyedMutex {
	#tails = new Map<string, Promise<void>>();

	/** Runs `task` holding every key at once (acquired together, so two-key callers can't deadlock). */
	async run<T>(keys: string[], task: () => Promise<T>): Promise<T> {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const queued = [...new Set(keys)].map((key) => {
			const previous = this.#tails.get(key) ?? Promise.resolve();
			const tail = previous.then(() => held);
			this.#tails.set(key, tail);
			return { key, previous, tail };
		});
		await Promise.all(queued.map(({ previous }) => previous));
		try {
			return await task();
		} finally {
			release();
			for (const { key, tail } of queued) if (this.#tails.get(key) === tail) this.#tails.delete(key);
		}
	}
}
