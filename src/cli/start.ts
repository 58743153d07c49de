/**
 * `npm start`: the workspace over this checkout's notebooks/ and data/ (TAPE_NOTEBOOKS_DIR and
 * TAPE_DATA_DIR override them); `--build` rebuilds first. See workspace.ts.
 */
import { resolve } from 'node:path';
import { PACKAGE_ROOT, startWorkspace } from './workspace';

await startWorkspace(
	{
		notebooks: process.env.TAPE_NOTEBOOKS_DIR ?? resolve(PACKAGE_ROOT, 'notebooks'),
		data: process.env.TAPE_DATA_DIR ?? resolve(PACKAGE_ROOT, 'data')
	},
	{ build: process.argv.includes('--build') }
);
