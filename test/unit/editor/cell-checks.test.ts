import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { domLib, IGNORED_DIAGNOSTICS, LEFT_OUT } from '../../../src/lib/editor/cellChecks';

/** Type-checks cells as the editor does (monaco.ts): each a script in one program, the DOM from domLib, the same options and codes left out. */
function errors(cells: string[]): string[] {
	const files = new Map<string, string>([['/lib/tape-dom.d.ts', domLib], ...cells.map((text, i) => [`/cells/c${i}.ts`, text] as [string, string])]);
	const options: ts.CompilerOptions = { target: ts.ScriptTarget.ESNext, lib: ['lib.es2023.d.ts', 'lib.dom.iterable.d.ts'], strict: true, noImplicitAny: true, skipLibCheck: true, noEmit: true, types: [] };
	const host = ts.createCompilerHost(options);
	const read = host.getSourceFile;
	host.getSourceFile = (name, version) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!, version) : read(name, version));
	host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
	const program = ts.createProgram([...files.keys()], options, host);
	return ts
		.getPreEmitDiagnostics(program)
		.filter((d) => d.file?.fileName.startsWith('/cells/') && !IGNORED_DIAGNOSTICS.includes(d.code))
		.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe("how cells' editors check them", () => {
	it('lets cells name their own close, open, top, name, status, event and history, and read them across cells', () => {
		expect(errors(['const close = new Float64Array([1, 2]);\nconst open = 1, top = 2, name = "IWM", status = "ok", event = { date: new Date() }, history = [1];', 'Array.from(close, (c) => c * 2).length + open + top + name.length + status.length + event.date.getTime() + history.length'])).toEqual([]);
	});

	it('still knows the DOM that cells use, and checks it', () => {
		expect(errors(['const el = document.createElement("div");\nel.textContent = String(devicePixelRatio);\nsetTimeout(() => console.log(window.innerWidth, performance.now()), 0);\nfor (const node of document.querySelectorAll("p")) node.remove();'])).toEqual([]);
		expect(errors(['document.createElement("div").textContent = 1;'])).toHaveLength(1);
		// What is left out as a global is still on window.
		expect(errors(['window.close(); window.history.back(); const t: Window | null = window.top;'])).toEqual([]);
	});

	it('lets a notebook write loosely: untyped parameters, arrays that start empty; real type errors stay', () => {
		expect(errors(['const rows = [];\nfor (const x of [1, 2]) rows.push({ x, up: x > 1 });\nfunction twice(v) { return v * 2; }\nrows.map((r) => twice(r.x)).length'])).toEqual([]);
		expect(errors(['const rows = [];\nrows.push({ x: 1 });\nrows[0].y.toFixed()'])).toHaveLength(1);
	});

	it('leaves out only the globals it names', () => {
		const globals = [...domLib.matchAll(/^declare (?:var|const|let|function) (\w+)/gm)].map((m) => m[1]);
		for (const name of ['document', 'window', 'console', 'setTimeout', 'requestAnimationFrame', 'navigator', 'getComputedStyle']) expect(globals).toContain(name);
		for (const name of LEFT_OUT) expect(globals).not.toContain(name);
		expect(domLib).not.toContain('no-default-lib');
	});
});
