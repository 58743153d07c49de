import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { monacoPrebuilt } from './vite.monaco';

export default defineConfig({
	plugins: [monacoPrebuilt(), sveltekit()],
	// The gzip sizes in the build report cost seconds on megabyte chunks at every first start.
	build: { reportCompressedSize: false },
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	test: {
		include: ['test/unit/**/*.test.ts'],
		environment: 'node',
		// Unit tests choose their data: no shipped sample behind the folders they make (sample.test.ts passes it).
		env: { TAPE_SAMPLE_DIR: '' },
		testTimeout: 30000
	}
});
