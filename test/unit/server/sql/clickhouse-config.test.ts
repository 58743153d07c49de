import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseClickHouseUrl } from '../../../../src/lib/server/sql/clickhouse';
import { bindParams } from '../../../../src/lib/server/sql/clickhouse-params';
import { databaseFileEnv } from '../../../../src/lib/server/sql/database-file';

/** What needs no server: reading a declaration, the config file beside the data folder, binding. */
describe('declaring a ClickHouse database', () => {
	const roots: string[] = [];
	afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));
	function dataDirWith(file: string | undefined): string {
		const root = mkdtempSync(join(tmpdir(), 'tape-dbfile-'));
		roots.push(root);
		mkdirSync(join(root, 'prices'));
		if (file !== undefined) writeFileSync(join(root, 'tape.databases.json'), file);
		return join(root, 'prices');
	}

	it('reads user, password and database from the URL and keeps them out of the endpoint', () => {
		const target = parseClickHouseUrl('clickhouse://re%40der:p%3Ass%2Fw@ch1.internal:9123/market');
		expect(target).toEqual({ endpoint: 'http://ch1.internal:9123/', user: 're@der', password: 'p:ss/w', database: 'market' });
		expect(parseClickHouseUrl('clickhouses://ch1').endpoint).toBe('https://ch1:8443/');
		expect(parseClickHouseUrl('clickhouse://ch1').endpoint).toBe('http://ch1:8123/');
	});

	it('refuses a bad declaration without repeating it', () => {
		for (const bad of ['postgres://u:s3cret@h/db', 'clickhouse://u:s3cret@h/a/b', 'not a url s3cret']) {
			expect(() => parseClickHouseUrl(bad)).toThrow(/^(?!.*s3cret)/);
			expect(() => parseClickHouseUrl(bad)).toThrow();
		}
	});

	it('reads tape.databases.json beside the data folder as TAPE_DB_ variables', () => {
		const dir = dataDirWith('{ "warehouse": "clickhouse://reader:pw@ch1:8123/market", "ticks_2": "clickhouse://ch2/t" }');
		expect(databaseFileEnv(dir)).toEqual({ TAPE_DB_WAREHOUSE: 'clickhouse://reader:pw@ch1:8123/market', TAPE_DB_TICKS_2: 'clickhouse://ch2/t' });
		expect(databaseFileEnv(dataDirWith(undefined))).toEqual({});
	});

	it('names the file and the entry of a bad config, never its secrets', () => {
		const cases: Array<[string, RegExp]> = [
			['{ "warehouse": "clickhouse://reader:s3cret@ch1/db", }', /tape\.databases\.json is not valid JSON/],
			['["clickhouse://reader:s3cret@ch1/db"]', /must be an object/],
			['{ "ware house": "clickhouse://reader:s3cret@ch1/db" }', /"ware house" is not a database name/],
			['{ "warehouse": 5 }', /"warehouse" must be a URL string/]
		];
		for (const [text, message] of cases) {
			const dir = dataDirWith(text);
			expect(() => databaseFileEnv(dir)).toThrow(message);
			try {
				databaseFileEnv(dir);
			} catch (e) {
				expect((e as Error).message).not.toContain('s3cret');
			}
		}
	});
});

describe('binding parameters for ClickHouse 18.16', () => {
	it('writes each value as one literal ClickHouse reads back as that value', () => {
		const bound = bindParams("SELECT ?, ?, ?, ?, ?, ?, '?', `?` -- ?", ["it's \\' x", -2, true, null, { date: '2020-03-23' }, { date: '2020-03-23T14:30:00.000Z' }]);
		expect(bound.sql).toBe("SELECT 'it\\'s \\\\\\' x', (-2), 1, NULL, toDate('2020-03-23'), toDateTime('2020-03-23 14:30:00', 'UTC'), '?', `?` -- ?");
	});

	it('maps an offset of the bound text back to the cell text', () => {
		const bound = bindParams('SELECT ? + ?, bad', ['long string', 1]);
		expect(bound.sql).toBe("SELECT 'long string' + 1, bad");
		expect(bound.toOriginal(bound.sql.indexOf('bad'))).toBe(bound.original.indexOf('bad'));
		expect(bound.toOriginal(bound.sql.indexOf('string'))).toBe(7);
	});
});
