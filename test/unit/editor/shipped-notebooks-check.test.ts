/**
 * Every shipped notebook is clean in the editor: its TypeScript cells type-check as the editors
 * check them (cellChecks.ts: the DOM less the window globals, the codes not reported; the cell
 * globals and the research library's declarations as the editors load them, libraryTypes.ts), with
 * the names of SQL cells declared as the page declares them (cellNames.ts). A newcomer's first
 * notebooks showed red underlines on correct code: `const close` against the DOM's `close()`, an
 * empty array pushed to, a type the library does not make global.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DOM_GLOBALS, domLibWithout, IGNORED_DIAGNOSTICS } from '../../../src/lib/editor/cellChecks';
import { cellGlobals } from '../../../src/lib/editor/cellGlobals';
import { libraryTypes, WORKSPACE_GLOBALS, workspaceGlobalsPath, workspaceGlobalsWithout } from '../../../src/lib/editor/libraryTypes';
import { parseNotebook } from '../../../src/lib/notebook';
import { compileCell } from '../../../src/lib/runtime/compile';
import { runtimeCell } from '../../../src/lib/runtime/sql-cell';

const notebooksDir = resolve(import.meta.dirname, '../../../notebooks');

/** The editors' files by path (file:// stripped), as the TypeScript worker sees them; the globals the notebook's cells declare left out, as cellNames.ts does. */
function library(declared: ReadonlySet<string>): Map<string, string> {
	const shadowed = (globals: ReadonlySet<string>) => new Set([...declared].filter((name) => globals.has(name)));
	return new Map<string, string>([
		['/lib/tape-dom.d.ts', domLibWithout(shadowed(DOM_GLOBALS))],
		['/globals/tape.d.ts', cellGlobals],
		...Object.entries({ ...libraryTypes, [workspaceGlobalsPath]: workspaceGlobalsWithout(shadowed(WORKSPACE_GLOBALS)) }).map(([path, text]) => [path.replace(/^file:\/\//, ''), text] as [string, string])
	]);
}

function check(cells: Map<string, string>, declared: ReadonlySet<string>): { file: string; line: number; message: string }[] {
	const files = new Map([...library(declared), ...cells]);
	const options: ts.CompilerOptions = {
		target: ts.ScriptTarget.ESNext,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Node10,
		lib: ['lib.es2023.d.ts', 'lib.dom.iterable.d.ts'],
		strict: true,
		noImplicitAny: true,
		skipLibCheck: true,
		noEmit: true,
		types: []
	};
	const host = ts.createCompilerHost(options);
	const read = host.getSourceFile;
	host.getSourceFile = (name, version) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!, version) : read(name, version));
	host.fileExists = (name) => files.has(name) || (name.includes('/typescript/lib/') && ts.sys.fileExists(name));
	host.readFile = (name) => files.get(name) ?? (name.includes('/typescript/lib/') ? ts.sys.readFile(name) : undefined);
	host.directoryExists = (dir) => [...files.keys()].some((path) => path.startsWith(dir.endsWith('/') ? dir : `${dir}/`)) || (dir.includes('/typescript/lib') && ts.sys.directoryExists(dir));
	host.getCurrentDirectory = () => '/';
	const program = ts.createProgram([...files.keys()], options, host);
	return ts
		.getPreEmitDiagnostics(program)
		.filter((d) => d.file && cells.has(d.file.fileName) && !IGNORED_DIAGNOSTICS.includes(d.code))
		.map((d) => ({ file: d.file!.fileName, line: d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') }));
}

describe('the shipped notebooks in the editor', () => {
	for (const name of readdirSync(notebooksDir).filter((file) => file.endsWith('.md'))) {
		it(`${name}: no cell shows a type error`, () => {
			const notebook = parseNotebook(readFileSync(join(notebooksDir, name), 'utf8'), name);
			const cells = new Map<string, string>();
			const sqlNames: string[] = [];
			const declared = new Set<string>();
			notebook.cells.forEach((cell, i) => {
				if (cell.kind !== 'code') return;
				// The names as the runtime reads them (the page passes the frame's).
				const { defines } = compileCell(cell.id, runtimeCell(cell).source);
				for (const name of defines) declared.add(name);
				if (cell.language === 'sql') sqlNames.push(...defines);
				else cells.set(`/cells/${i + 1}.ts`, cell.source);
			});
			cells.set('/cells/other-cells.d.ts', sqlNames.map((name) => `declare var ${name}: any;`).join('\n'));
			expect(check(cells, declared).map(({ file, line, message }) => `${name} cell ${file.slice(7, -3)} line ${line}: ${message}`)).toEqual([]);
		});
	}
});
