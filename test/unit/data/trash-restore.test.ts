import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keepInTrash } from '../../../src/lib/server/data';
import * as list from '../../../src/routes/api/data/trash/+server';
import * as restore from '../../../src/routes/api/data/trash/restore/+server';
import { useTempDataDir } from './temp-data-dir';

const data = useTempDataDir('tape-data-trash-');

const mine = ['Date,Close', '2020-01-02,100', '2020-01-03,101', '2020-01-06,102', ''].join('\n');
const theirs = ['Date,Close', '2020-01-02,100', '2020-01-03,1', ''].join('\n');

/** Calls a route handler as SvelteKit does, with just what the handlers read. */
async function call(handler: (event: never) => Response | Promise<Response>, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
	const request = new Request('http://127.0.0.1/api/data/trash/restore', {
		method: body === undefined ? 'GET' : 'POST',
		...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body), headers })
	});
	const response = await handler({ request } as never);
	return { status: response.status, body: await response.json() };
}

/** IWM.csv replaced once: mine in the trash, theirs in the folder. Returns mine's entry. */
async function replacedOnce(): Promise<string> {
	await writeFile(join(data.dir, 'IWM.csv'), mine);
	const entry = await keepInTrash(data.dir, 'IWM.csv', new Date('2024-05-06T07:08:09.010Z'));
	// A new file, as the data folder's writer makes (the trash entry is a hard link to the old one).
	await rm(join(data.dir, 'IWM.csv'));
	await writeFile(join(data.dir, 'IWM.csv'), theirs);
	return entry;
}

const trash = async () => (await readdir(join(data.dir, '.trash')).catch(() => [] as string[])).sort();

describe('the data folder’s trash', () => {
	it('lists a replaced file with when, size, rows and dates', async () => {
		const entry = await replacedOnce();
		expect(await call(list.GET)).toEqual({
			status: 200,
			body: { trash: [{ entry, file: 'IWM.csv', trashedAt: '2024-05-06T07:08:09.010Z', bytes: mine.length, summary: { rows: 3, first: '2020-01-02', last: '2020-01-06', bytes: mine.length } }] }
		});
	});

	it('lists nothing, without an error, before anything was replaced', async () => {
		expect(await call(list.GET)).toEqual({ status: 200, body: { trash: [] } });
	});

	it('restores an entry, keeping the file it replaces in the trash: the restore can be undone', async () => {
		const entry = await replacedOnce();
		const restored = await call(restore.POST, { entry });
		expect(restored).toMatchObject({ status: 200, body: { file: 'IWM.csv', kept: expect.stringMatching(/^IWM\.csv\./), summary: { rows: 3, last: '2020-01-06' } } });
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(mine);
		expect(await trash()).toEqual([restored.body.kept]);
		expect(await readFile(join(data.dir, '.trash', restored.body.kept), 'utf8')).toBe(theirs);

		const undone = await call(restore.POST, { entry: restored.body.kept });
		expect(undone.status).toBe(200);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(theirs);
	});

	it('restores a file that is no longer in the folder, keeping nothing', async () => {
		const entry = await replacedOnce();
		await rm(join(data.dir, 'IWM.csv'));
		expect(await call(restore.POST, { entry })).toMatchObject({ status: 200, body: { file: 'IWM.csv', kept: null } });
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(mine);
	});

	it('answers 404 for an entry that is not there, naming it', async () => {
		await replacedOnce();
		const missing = await call(restore.POST, { entry: 'IWM.csv.2020-01-01T00-00-00.000Z' });
		expect(missing).toEqual({ status: 404, body: { error: "no IWM.csv of 2020-01-01T00:00:00.000Z in the data folder's trash (restored or removed meanwhile)" } });
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(theirs);
	});

	it('refuses path tricks with 400 and touches nothing outside the trash', async () => {
		await replacedOnce();
		// A file next to the data folder that a traversal would reach.
		await writeFile(join(data.root, 'secret.csv.2024-05-06T07-08-09.010Z'), 'Date,Close\n');
		await mkdir(join(data.dir, '.trash', 'sub.csv.2024-05-06T07-08-09.010Z'));
		for (const entry of ['../secret.csv.2024-05-06T07-08-09.010Z', '..\\secret.csv.2024-05-06T07-08-09.010Z', '/etc/passwd', '.cache.csv.2024-05-06T07-08-09.010Z', 'IWM.csv', 'notes.md.2024-05-06T07-08-09.010Z', '', 42, null]) {
			const answer = await call(restore.POST, { entry });
			expect(answer.status, JSON.stringify(entry)).toBe(400);
			expect(answer.body.error).toContain("is not an entry of the data folder's trash");
			expect(answer.body.error).not.toContain(data.root);
		}
		expect((await call(restore.POST, { entry: 'sub.csv.2024-05-06T07-08-09.010Z' })).status).toBe(400);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(theirs);
		expect(await readdir(data.dir)).toEqual(expect.not.arrayContaining(['secret.csv', 'sub.csv']));
	});

	it('takes only application/json', async () => {
		const entry = await replacedOnce();
		expect((await call(restore.POST, JSON.stringify({ entry }), { 'content-type': 'text/plain' })).status).toBe(415);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(theirs);
	});

	it('restores an entry once when asked twice at the same time: the other restore gets a 404, never a 500 or a second restore', async () => {
		const entry = await replacedOnce();
		const answers = await Promise.all(Array.from({ length: 8 }, () => call(restore.POST, { entry })));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses).toEqual([200, 404, 404, 404, 404, 404, 404, 404]);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(mine);
		// One restore, so one file kept: theirs, exactly once.
		const kept = await trash();
		expect(kept).toHaveLength(1);
		expect(await readFile(join(data.dir, '.trash', kept[0]), 'utf8')).toBe(theirs);
	});
});

describe('an entry that is still the file in the folder (kept, then not replaced)', () => {
	it('is taken out of the trash once and the file stays: no second restore', async () => {
		await writeFile(join(data.dir, 'IWM.csv'), mine);
		const entry = await keepInTrash(data.dir, 'IWM.csv');
		expect(await call(restore.POST, { entry })).toMatchObject({ status: 200, body: { kept: null, summary: { rows: 3 } } });
		expect(await trash()).toEqual([]);
		expect((await call(restore.POST, { entry })).status).toBe(404);
		expect(await readFile(join(data.dir, 'IWM.csv'), 'utf8')).toBe(mine);
	});
});
