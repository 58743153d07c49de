import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../src/lib/server/auth/login-limiter.js';

describe('sign-in rate limit', () => {
	const t0 = 1_000_000;

	it('locks an account after N failures, for the lock time, whatever address tries', () => {
		const limiter = new LoginLimiter({ accountFailures: 3, addressFailures: 100, lockMs: 60_000 });
		for (let i = 0; i < 2; i++) limiter.failed('alice', `10.0.0.${i}`, t0);
		expect(limiter.lockedFor('alice', '10.0.0.9', t0)).toBe(0);
		limiter.failed('alice', '10.0.0.3', t0);
		expect(limiter.lockedFor('alice', '10.0.0.9', t0 + 1)).toBeGreaterThan(59_000);
		expect(limiter.lockedFor('bob', '10.0.0.9', t0 + 1)).toBe(0);
		expect(limiter.lockedFor('alice', '10.0.0.9', t0 + 60_001)).toBe(0);
	});

	it('locks an address that tries many accounts', () => {
		const limiter = new LoginLimiter({ accountFailures: 100, addressFailures: 4 });
		for (const name of ['a', 'b', 'c', 'd']) limiter.failed(name, '203.0.113.7', t0);
		expect(limiter.lockedFor('e', '203.0.113.7', t0)).toBeGreaterThan(0);
		expect(limiter.lockedFor('e', '203.0.113.8', t0)).toBe(0);
	});

	it('forgets failures older than the window, and an account\'s failures after a success', () => {
		const limiter = new LoginLimiter({ accountFailures: 2, addressFailures: 100, windowMs: 1000 });
		limiter.failed('alice', 'x', t0);
		limiter.failed('alice', 'x', t0 + 2000);
		expect(limiter.lockedFor('alice', 'x', t0 + 2000)).toBe(0);
		limiter.succeeded('alice');
		limiter.failed('alice', 'x', t0 + 2100);
		expect(limiter.lockedFor('alice', 'x', t0 + 2100)).toBe(0);
	});

	it('stays bounded under a flood of invented names', () => {
		const limiter = new LoginLimiter({ accountFailures: 5, addressFailures: 5 });
		for (let i = 0; i < 12_000; i++) limiter.failed(`name${i}`, 'x', t0);
		expect(limiter.lockedFor('name11999', 'y', t0)).toBe(0);
	});
});
