import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, MAX_SHARE_BYTES, ShareLinkError, shareUrl } from '../../../src/lib/present/share-link';

describe('share links', () => {
	it('round-trips a notebook through the URL fragment, URL-safe', async () => {
		const text = '---\ntitle: Ünïcode ✓\n---\n\n# A\n\n```ts\nconst x = [1, 2, 3];\nx\n```\n';
		const fragment = await encodeShareFragment(text);
		expect(fragment).toMatch(/^nb=[A-Za-z0-9_-]+$/);
		expect(await decodeShareFragment(`#${fragment}`)).toBe(text);
		expect(await decodeShareFragment(new URL(shareUrl('http://127.0.0.1:5173', fragment)).hash)).toBe(text);
	});

	it('compresses: a typical notebook becomes a short link', async () => {
		const text = '# Notes\n\n' + 'Small caps lead when breadth improves.\n'.repeat(200);
		expect((await encodeShareFragment(text)).length).toBeLessThan(text.length / 10);
	});

	it('refuses notebooks over the limit, saying what to do instead', async () => {
		const noise = Array.from({ length: 40_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(' ');
		await expect(encodeShareFragment(noise)).rejects.toThrow(ShareLinkError);
		await expect(encodeShareFragment(noise)).rejects.toThrow(/Download with data/);
		expect(MAX_SHARE_BYTES).toBe(16 * 1024);
	});

	it('explains links without a notebook or cut short', async () => {
		await expect(decodeShareFragment('#other=1')).rejects.toThrow(/no #nb=/);
		const fragment = await encodeShareFragment('# A notebook long enough to be cut\n'.repeat(20));
		await expect(decodeShareFragment(fragment.slice(0, 12))).rejects.toThrow(/damaged/);
	});
});
