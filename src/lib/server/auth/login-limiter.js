// @ts-check
/**
 * Sign-in attempts limited per account and per address: after `maxFailures` failures within
 * `windowMs`, that account (or address) is locked for `lockMs`, whatever password comes next.
 * With a `file` (the server's: `<data>/.tape/login-failures.json`), the counters that still
 * matter are written there after each change and read back on start, so restarting the server
 * does not unlock an account someone is guessing at. The file is the server's alone and small:
 * at most MAX_KEPT counters, locked ones first.
 */
import { readJson, writeJsonAtomic } from './json-file.js';

/** @typedef {{ failures: number[], lockedUntil: number }} Counter */

const MAX_COUNTERS = 10_000;
const MAX_KEPT = 1_000;

export class LoginLimiter {
	/** @type {Map<string, Counter>} */
	#counters = new Map();
	/** @type {string | undefined} */
	#file;

	/**
	 * @param {{ accountFailures?: number, addressFailures?: number, windowMs?: number, lockMs?: number, file?: string }} [options]
	 */
	constructor({ accountFailures = 5, addressFailures = 20, windowMs = 15 * 60_000, lockMs = 15 * 60_000, file } = {}) {
		this.limits = { account: accountFailures, address: addressFailures };
		this.windowMs = windowMs;
		this.lockMs = lockMs;
		this.#file = file;
		if (file) this.#load(file);
	}

	/** @param {string} file */
	#load(file) {
		/** @type {unknown} */
		let saved;
		try {
			saved = readJson(file, () => null);
		} catch (error) {
			// A damaged file must not stop sign-in; it is rewritten on the next failure.
			console.warn(`login-failures.json: ${/** @type {Error} */ (error).message}`);
			return;
		}
		const counters = /** @type {{ counters?: unknown }} */ (saved ?? {}).counters;
		if (!counters || typeof counters !== 'object') return;
		for (const [key, value] of Object.entries(counters).slice(0, MAX_KEPT)) {
			const { failures, lockedUntil } = /** @type {Partial<Counter>} */ (value ?? {});
			if (!Array.isArray(failures) || typeof lockedUntil !== 'number') continue;
			this.#counters.set(key, { failures: failures.filter((at) => typeof at === 'number'), lockedUntil });
		}
	}

	/** @param {number} now */
	#save(now) {
		if (!this.#file) return;
		const live = [...this.#counters].filter(([, counter]) => counter.lockedUntil > now || counter.failures.some((at) => at > now - this.windowMs));
		live.sort(([, a], [, b]) => b.lockedUntil - a.lockedUntil);
		writeJsonAtomic(this.#file, { version: 1, counters: Object.fromEntries(live.slice(0, MAX_KEPT)) });
	}

	/** @param {string} key @param {number} now */
	#counter(key, now) {
		let counter = this.#counters.get(key);
		if (!counter) {
			// Bounded: a flood of invented names cannot grow the map without end.
			if (this.#counters.size >= MAX_COUNTERS) this.#sweep(now);
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
		if (this.#counters.size >= MAX_COUNTERS) this.#counters.clear();
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
		this.#fail('account', account, now);
		this.#fail('address', address, now);
		this.#save(now);
	}

	/** A failure that names no account (a sign-in link that does not work). @param {string} address @param {number} [now] */
	failedAddress(address, now = Date.now()) {
		this.#fail('address', address, now);
		this.#save(now);
	}

	/** @param {'account' | 'address'} kind @param {string} key @param {number} now */
	#fail(kind, key, now) {
		const counter = this.#counter(`${kind}:${key}`, now);
		counter.failures.push(now);
		if (counter.failures.length >= this.limits[kind]) {
			counter.lockedUntil = now + this.lockMs;
			counter.failures = [];
		}
	}

	/** A successful sign-in clears the account's failures (not the address's: one address may try many accounts). @param {string} account */
	succeeded(account) {
		if (this.#counters.delete(`account:${account}`)) this.#save(Date.now());
	}
}
