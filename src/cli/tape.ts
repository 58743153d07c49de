/**
 * The Tape command line.
 *   tape run <notebook.md>... [--json]   run notebooks headlessly; exit 1 if any cell fails
 *   tape export <notebook.md> --out <file.html>   one HTML file with the report and its data, opens offline
 */
import { installDom } from './dom';
import { formatLoaded, formatReport, runNotebookFile } from './run';
import { nodeBuiltins, type LoadedSeries } from './builtins';
import { exportCommand } from './export';

const USAGE = `usage:
  npm run tape -- run <notebook.md>... [--json]
  npm run tape -- export <notebook.md> --out <file.html>

Both commands run the notebook's code on this machine, with your user's rights (as
jupyter nbconvert --execute does): use them only on notebooks you trust. The workspace
server never runs notebook code; its Share menu exports without running it.`;

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === 'help' || argv.includes('--help')) {
		console.log(USAGE);
		return 0;
	}
	if (command === 'run') {
		const json = rest.includes('--json');
		const files = rest.filter((a) => a !== '--json');
		if (!files.length) {
			console.error(USAGE);
			return 2;
		}
		installDom();
		let failed = false;
		for (const file of files) {
			// Builtins per notebook: each run loads its own data and the log says where it came from.
			const loaded: LoadedSeries[] = [];
			const report = await runNotebookFile(file, await nodeBuiltins((l) => loaded.push(l)));
			failed ||= !report.ok;
			if (json) {
				if (report.error) console.log(JSON.stringify({ file, status: 'error', error: report.error }));
				for (const cell of report.cells) console.log(JSON.stringify(files.length > 1 ? { file, ...cell } : cell));
			} else {
				console.log(formatReport(report));
				const data = formatLoaded(loaded);
				if (data) console.log(data);
			}
		}
		return failed ? 1 : 0;
	}
	if (command === 'export') return exportCommand(rest);
	console.error(command ? `unknown command: ${command}\n${USAGE}` : USAGE);
	return 2;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
