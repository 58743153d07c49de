/**
 * Builds the sandboxed frame (src/lib/sandbox/frame/main.ts) into static/sandbox/frame.js and
 * frame.css: one classic script, since the frame's opaque origin cannot load module scripts from
 * the app without CORS. Run before the app's own build (npm run build does).
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { htlWithoutInlineHandlers } from './src/lib/sandbox/htl-handlers.vite';

export default defineConfig({
	plugins: [svelte(), htlWithoutInlineHandlers()],
	publicDir: false,
	build: {
		outDir: 'static/sandbox',
		emptyOutDir: false,
		sourcemap: false,
		reportCompressedSize: false,
		lib: {
			entry: 'src/lib/sandbox/frame/main.ts',
			formats: ['iife'],
			name: 'TapeFrame',
			fileName: () => 'frame.js',
			cssFileName: 'frame'
		}
	}
});
