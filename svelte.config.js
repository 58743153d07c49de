import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { withFastCompress } from './svelte.precompress.js';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: withFastCompress(adapter()),
		// SvelteKit's own form-post check compares Origin with the URL adapter-node builds, which is
		// https://… unless ORIGIN is set, so it refused every multipart upload from the workspace page
		// (http://127.0.0.1:5173) in production. src/hooks.server.ts checks Origin against the Host
		// for every API write instead, whatever the content type.
		csrf: { trustedOrigins: ['*'] },
		// The workspace runs no notebook code itself (that happens in the sandboxed frame), so its
		// pages need no eval; inline styles are Monaco's and Svelte's.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'worker-src': ['self', 'blob:'],
				'frame-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['self']
			}
		}
	}
};
