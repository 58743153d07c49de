import { describe, expect, it } from 'vitest';
import type { DataFrom, SeriesSource } from '../../../src/lib/data/index';
import { collectData, dataLines } from '../../../src/lib/present/collect-data';
import { DATA_FROM_ELEMENT_ID } from '../../../src/lib/present/embedded';
import { exportHtml } from '../../../src/lib/present/export';
import { reachableData } from '../../../src/lib/present/reachable-data';

const csv = 'date,open,high,low,close,volume\n2012-11-15,1,1,1,1,100\n2013-07-31,2,2,2,2,100\n';

/** A source that says where each file came from, and (as a server source does) its full path as origin. */
function sourceFrom(from: Record<string, DataFrom>): SeriesSource {
	return {
		async fetchCsv(symbol) {
			if (!from[symbol]) throw new Error(`no ${symbol}`);
			return { text: csv, origin: `/srv/secret/data/${symbol}.csv`, from: from[symbol] };
		}
	};
}

describe("the Data line of reports and exports", () => {
	it('keeps where each series came from, and says it with its dates, never a path', async () => {
		const source = sourceFrom({ IWM: 'sample', SPY: 'folder' });
		const collected = await collectData(reachableData([`loadSeries('IWM'); loadSeries('SPY'); loadSeries('QQQ')`]), { named: source, local: source });
		expect(collected.from).toEqual({ IWM: 'sample', SPY: 'folder' });
		expect(dataLines(collected)).toEqual(["IWM: Tape's sample, 2012-11-15 → 2013-07-31", 'SPY: your data folder, 2012-11-15 → 2013-07-31']);

		const { html } = await exportHtml('data.md', "```ts\nloadSeries('IWM')\n```\n", collected, { js: 'void 0', css: '' });
		const embedded = new RegExp(`<script type="application/json" id="${DATA_FROM_ELEMENT_ID}">([^<]*)</script>`).exec(html);
		expect(JSON.parse(embedded![1])).toEqual({ IWM: 'sample', SPY: 'folder' });
		expect(html).not.toContain('/srv/secret');
	});
});
