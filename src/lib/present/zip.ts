/**
 * A minimal zip writer (deflate, no zip64) for "download with data": a notebook and its CSVs
 * are a few files well under 4 GB, so the whole format fits in a page. Server and CLI only (node:zlib).
 */
import { deflateRawSync } from 'node:zlib';

export interface ZipEntry {
	path: string;
	content: string | Uint8Array;
}

export function zip(entries: ZipEntry[], date = new Date()): Uint8Array {
	const local: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	const time = ((date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1)) & 0xffff;
	const day = (((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate()) & 0xffff;
	for (const entry of entries) {
		const name = Buffer.from(entry.path, 'utf8');
		const data = typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : Buffer.from(entry.content);
		const packed = deflateRawSync(data);
		const crc = crc32(data);
		const header = Buffer.alloc(30);
		header.writeUInt32LE(0x04034b50, 0);
		header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
		header.writeUInt16LE(0x0800, 6); // names are UTF-8
		header.writeUInt16LE(8, 8); // deflate
		header.writeUInt16LE(time, 10);
		header.writeUInt16LE(day, 12);
		header.writeUInt32LE(crc, 14);
		header.writeUInt32LE(packed.length, 18);
		header.writeUInt32LE(data.length, 22);
		header.writeUInt16LE(name.length, 26);
		local.push(header, name, packed);

		const record = Buffer.alloc(46);
		record.writeUInt32LE(0x02014b50, 0);
		record.writeUInt16LE(20, 4);
		record.writeUInt16LE(20, 6);
		header.copy(record, 8, 6, 26); // flags, method, time, date, crc, sizes: as in the local header
		record.writeUInt16LE(name.length, 28);
		record.writeUInt32LE(offset, 42);
		central.push(record, name);
		offset += header.length + name.length + packed.length;
	}
	const directory = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...local, directory, end]));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}
