import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zip } from '../../../src/lib/present/zip';

/** Reads entries back through the central directory, as unzip tools do. */
function unzip(bytes: Uint8Array): Record<string, string> {
	const buf = Buffer.from(bytes);
	const end = buf.length - 22;
	expect(buf.readUInt32LE(end)).toBe(0x06054b50);
	const count = buf.readUInt16LE(end + 10);
	let at = buf.readUInt32LE(end + 16);
	const files: Record<string, string> = {};
	for (let i = 0; i < count; i++) {
		expect(buf.readUInt32LE(at)).toBe(0x02014b50);
		const size = buf.readUInt32LE(at + 24);
		const nameLength = buf.readUInt16LE(at + 28);
		const offset = buf.readUInt32LE(at + 42);
		const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
		const dataAt = offset + 30 + buf.readUInt16LE(offset + 26);
		const packed = buf.readUInt32LE(offset + 18);
		const data = inflateRawSync(buf.subarray(dataAt, dataAt + packed));
		expect(data.length).toBe(size);
		files[name] = data.toString('utf8');
		at += 46 + nameLength;
	}
	return files;
}

describe('zip', () => {
	it('writes entries that read back', () => {
		const files = { 'welcome.md': '# Welcome\n', 'data/^RUT.csv': 'date,close\n2024-01-02,1\n'.repeat(50) };
		const bytes = zip(Object.entries(files).map(([path, content]) => ({ path, content })));
		expect(unzip(bytes)).toEqual(files);
	});
});

describe('importing a notebook downloaded with its data', () => {
	it('finds the notebook and its CSVs by symbol', async () => {
		const { notebookFromZip } = await import('../../../src/lib/present/import');
		const bytes = zip([
			{ path: 'lead.md', content: '# Lead\n' },
			{ path: 'data/^RUT.csv', content: 'date,close\n2013-07-08,1009.25\n' },
			{ path: 'data/IWM.csv', content: 'date,close\n2013-07-08,101\n' },
			{ path: 'README.txt', content: 'how to open' }
		]);
		expect(notebookFromZip('lead.zip', bytes)).toEqual({
			name: 'lead.md',
			text: '# Lead\n',
			data: { '^RUT': 'date,close\n2013-07-08,1009.25\n', IWM: 'date,close\n2013-07-08,101\n' },
			sql: {}
		});
	});

	it('refuses what is not such a zip, saying why', async () => {
		const { notebookFromZip, ImportError } = await import('../../../src/lib/present/import');
		expect(() => notebookFromZip('x.zip', new TextEncoder().encode('not a zip'))).toThrow(ImportError);
		expect(() => notebookFromZip('two.zip', zip([{ path: 'a.md', content: '' }, { path: 'b.md', content: '' }]))).toThrow(/one notebook/);
	});
});
