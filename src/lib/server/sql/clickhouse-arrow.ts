/** What ClickHouse's typed text becomes in Arrow: a column's kind by its type, its name kept apart, its times read in their zone. */

type Kind = 'number' | 'date' | 'datetime' | 'text';

export function columnKind(type: string): Kind {
	const inner = type.replace(/^(?:Nullable|LowCardinality)\((.*)\)$/, '$1').replace(/^(?:Nullable|LowCardinality)\((.*)\)$/, '$1');
	if (/^(?:U?Int\d+|Float\d+|Decimal)/.test(inner)) return 'number';
	if (inner === 'Date') return 'date';
	if (/^DateTime\b/.test(inner)) return 'datetime';
	return 'text';
}

/** Two columns of a result may share a name (`SELECT a.x, b.x`); Arrow needs them apart. */
export function uniqueName(taken: Record<string, unknown>, name: string): string {
	let key = name;
	for (let i = 2; key in taken; i++) key = `${name}_${i}`;
	return key;
}

/** `YYYY-MM-DD hh:mm:ss` read on the clock of an IANA zone, as epoch milliseconds. */
export function zonedToUtc(text: string, zone: string): number {
	const asUtc = Date.parse(`${text.replace(' ', 'T')}Z`);
	if (zone === 'UTC' || zone === 'Etc/UTC' || Number.isNaN(asUtc)) return asUtc;
	// The zone's offset at that instant, found by formatting it there; once more for a DST edge.
	let guess = asUtc - offsetMs(asUtc, zone);
	guess = asUtc - offsetMs(guess, zone);
	return guess;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(time: number, zone: string): number {
	let f = formatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
		formatters.set(zone, f);
	}
	const p = Object.fromEntries(f.formatToParts(new Date(time)).map((x) => [x.type, x.value]));
	return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(time / 1000) * 1000;
}
