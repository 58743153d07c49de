import { describe, expect, it } from 'vitest';
import { CompressedFiles } from '../../../src/lib/server/data/compressed-files';

const bytes = (n: number) => new Uint8Array(n);

describe('compressed files kept by the server', () => {
	it('keep the most recently used within the byte limit, dropping the oldest first', () => {
		const kept = new CompressedFiles(10);
		kept.set('a', bytes(4));
		kept.set('b', bytes(4));
		expect(kept.get('a')).toHaveLength(4); // a is now the most recent
		kept.set('c', bytes(4));
		expect(kept.get('b')).toBeUndefined();
		expect(kept.get('a')).toHaveLength(4);
		expect(kept.get('c')).toHaveLength(4);
		expect(kept.size).toBe(8);
	});

	it('replace an entry under the same key, and never keep one larger than the limit', () => {
		const kept = new CompressedFiles(10);
		kept.set('a', bytes(4));
		kept.set('a', bytes(6));
		expect(kept.size).toBe(6);
		kept.set('huge', bytes(11));
		expect(kept.get('huge')).toBeUndefined();
		expect(kept.get('a')).toHaveLength(6);
	});
});
