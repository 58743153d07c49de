// @ts-check
/**
 * Sign-in attempts limited per account and per address: after `maxFailures` failures within
 * `windowMs`, that account (or address) is locked for `lockMs`, whatever password comes next.
 * Kept in the server's memory: a restart clears it (an attacker who can restart the server
 * does not need to guess passwords).
 */

/** @typedef {{ failures: number[], lockedUntil: number }} Counter */

export class LoginLimiter {
	/** @type {Map<string, Counter>} */
	#counters = new Map();

	/**
	 * @param {{ accountFailures?: number, addressFailures?: number, windowMs?: number, lockMs?: number }} [options]
	 */
	constructor({ accountFailures = 5, addressFailures = 20, windowMs = 15 * 60_000, lockMs = 15 * 60_000 } = {}) {
		this.limits = { account: accountFailures, address: addressFailures };
		this.windowMs = windowMs;
		this.lockMs = lockMs;
	}

	/** @param {string} key @param {number} now */
	#counter(key, now) {
		let counter = this.#counters.get(key);
		if (!counter) {
			// Bounded: a flood of invented names cannot grow the map without end.
			if (this.#counters.size >= 10_000) this.#sweep(now);
			counter = { failures: [], lockedUntil: 0 };
			this.#counters.set(key, counter);
		}
		counter.failures = counter.failures.filter((at) => at > now - this.windowMs);
		return counter;
	}

	/** @param {number} now */
	#sweep(now) {
		for (const [key, counter] of this.#counters) {
			if (counter.lockedUntil <= now && counter.failures.every((at) => at <= now - this.windowMs)) this.#counters.delete(key);
		}
		if (this.#counters.size >= 10_000) this.#counters.clear();
	}

	/**
	 * Milliseconds until the account or address may try again, or 0 when it may try now.
	 * @param {string} account @param {string} address @param {number} [now]
	 */
	lockedFor(account, address, now = Date.now()) {
		const until = Math.max(this.#counters.get(`account:${account}`)?.lockedUntil ?? 0, this.#counters.get(`address:${address}`)?.lockedUntil ?? 0);
		return Math.max(0, until - now);
	}

	/** @param {string} account @param {string} address @param {number} [now] */
	failed(account, address, now = Date.now()) {
		for (const [kind, key] of /** @type {const} */ ([['account', account], ['address', address]])) {
			const counter = this.#counter(`${kind}:${key}`, now);
			counter.failures.push(now);
			if (counter.failures.length >= this.limits[kind]) {
				counter.lockedUntil = now + this.lockMs;
				counter.failures = [];
			}
		}
	}

	/** A successful sign-in clears the account's failures (not the address's: one address may try many accounts). @param {string} account */
	succeeded(account) {
		this.#counters.delete(`account:${account}`);
	}
}
