/**
 * Share links: a notebook's text deflated into the URL fragment (`/import#nb=<base64url>`). The
 * fragment never reaches a server, so the link carries the notebook without storing it anywhere.
 * Browsers and Node 20 both have CompressionStream('deflate-raw').
 */

/** Beyond this many compressed bytes (about 21 KB of URL), share the file instead: long URLs break in chat tools and mail. */
export const MAX_SHARE_BYTES = 16 * 1024;

const PREFIX = 'nb=';

export class ShareLinkError extends Error {}

/** The fragment (without "#") carrying this notebook text; throws ShareLinkError when too large. */
export async function encodeShareFragment(text: string): Promise<string> {
	const bytes = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
	if (bytes.length > MAX_SHARE_BYTES) {
		throw new ShareLinkError(
			`this notebook is ${Math.ceil(bytes.length / 1024)} KB compressed, over the ${MAX_SHARE_BYTES / 1024} KB a link can carry: use "Download with data" instead`
		);
	}
	return PREFIX + toBase64Url(bytes);
}

/** The notebook text in a link's fragment ("#nb=…" or "nb=…"); throws ShareLinkError when it is not one. */
export async function decodeShareFragment(fragment: string): Promise<string> {
	const param = new URLSearchParams(fragment.replace(/^#/, '')).get('nb');
	if (!param) throw new ShareLinkError('this link carries no notebook (it has no #nb=… part)');
	let bytes: Uint8Array;
	try {
		bytes = await pipe(fromBase64Url(param), new DecompressionStream('deflate-raw'));
	} catch {
		throw new ShareLinkError('this link is damaged (it was probably cut short when copied): ask for the link again');
	}
	return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export function shareUrl(origin: string, fragment: string): string {
	return `${origin}/import#${fragment}`;
}

async function pipe(input: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
	const stream = new Blob([input as BlobPart]).stream().pipeThrough(transform);
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
