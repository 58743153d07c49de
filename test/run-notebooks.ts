/**
 * `npm run test:notebooks`: every notebook in notebooks/ runs clean through the CLI's runtime.
 * A notebook whose only failures are missing market data is reported as skipped (set
 * TAPE_DATA_DIR to run it), except in CI, where the data is beside the checkout and required.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installDom } from '../src/cli/dom';
import { nodeBuiltins, type LoadedSeries } from '../src/cli/builtins';
import { formatLoaded, formatReport, runNotebookFile } from '../src/cli/run';

installDom();
const files = readdirSync('notebooks').filter((f) => f.endsWith('.md')).sort();
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
	const loaded: LoadedSeries[] = [];
	const report = await runNotebookFile(join('notebooks', file), await nodeBuiltins((l) => loaded.push(l)));
	const missingData = (e?: string) => !!e && /no data for \S+:/.test(e);
	const onlyMissingData =
		!report.ok &&
		!report.error &&
		report.cells.some((c) => missingData(c.error)) &&
		report.cells.every((c) => c.status === 'ok' || missingData(c.error) || /comes? from cell \d+, which failed/.test(c.error ?? ''));
	if (report.ok) passed++;
	else if (onlyMissingData && !process.env.CI) {
		skipped++;
		console.log(`- ${report.file}: skipped, it needs market data (set TAPE_DATA_DIR to a folder of SYMBOL.csv files)`);
		continue;
	} else failed++;
	console.log(formatReport(report));
	const data = formatLoaded(loaded);
	if (data) console.log(data);
}
console.log(`notebooks: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
