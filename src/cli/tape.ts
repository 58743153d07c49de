/**
 * The Tape command line.
 *   tape edit [folder]                   the workspace over a folder of notebooks (and its data/)
 *   tape run <notebook.md>... [--json]   run notebooks headlessly; exit 1 if any cell fails
 *   tape export <notebook.md> --out <file.html>   one HTML file with the report and its data, opens offline
 *   tape user add|list|role|reset|revoke|remove …   who may sign in to a shared workspace (user.ts)
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installDom } from './dom';
import { formatLoaded, formatReport, runNotebookFile } from './run';
import { nodeBuiltins, type LoadedSeries } from './builtins';
import { exportCommand } from './export';
import { USER_USAGE, userCommand } from './user';

const USAGE = `usage (installed as a command, or npm run tape -- … in a checkout):
  tape edit [folder]                 the workspace over folder's notebooks (default: here);
                                     market data from folder/data (TAPE_DATA_DIR overrides),
                                     served on http://127.0.0.1:5173/ (HOST, PORT override)
  tape run <notebook.md>... [--json]
  tape export <notebook.md> --out <file.html>
${USER_USAGE}
                                     with users, the workspace asks everyone to sign in; it
                                     must have them to serve beyond 127.0.0.1 (HOST=0.0.0.0)

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
	if (command === 'edit') return edit(rest);
	if (command === 'user') return userCommand(rest);
	console.error(command ? `unknown command: ${command}\n${USAGE}` : USAGE);
	return 2;
}

/** Serves the workspace until the process is stopped; 2 when the folder is not one. */
async function edit(args: string[]): Promise<number> {
	if (args.length > 1) {
		console.error(`tape edit takes one folder, not ${args.length}\n${USAGE}`);
		return 2;
	}
	const folder = resolve(args[0] ?? '.');
	const kind = (() => {
		try {
			return statSync(folder).isDirectory() ? 'folder' : 'file';
		} catch {
			return 'missing';
		}
	})();
	if (kind !== 'folder') {
		console.error(`tape edit: ${folder} ${kind === 'missing' ? 'does not exist' : 'is a file, not a folder'}: name the folder that holds your notebooks`);
		return 2;
	}
	const { startWorkspace } = await import('./workspace');
	await startWorkspace({ notebooks: folder, data: process.env.TAPE_DATA_DIR || join(folder, 'data') });
	return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
