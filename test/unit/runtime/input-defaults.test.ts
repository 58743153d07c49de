import { describe, expect, it } from 'vitest';
import { compileCell } from '../../../src/lib/runtime/compile';
import { withInputDefault } from '../../../src/lib/runtime/input-defaults';

describe('saving an input value as its default', () => {
	it('finds each view() input default in a TypeScript cell', () => {
		const source = [
			"const lookback: number = view(Inputs.range([10, 250], { label: 'Lookback', value: 60, step: 10 }));",
			"const symbol = view(Inputs.select(['IWM', 'QQQ'], { value: 'IWM' }));",
			'const plain = view(Inputs.toggle());'
		].join('\n');
		expect(compileCell('c', source).viewDefaults).toEqual([{ line: 1, raw: '60' }, { line: 2, raw: "'IWM'" }, null]);
	});

	it('rewrites only the literal, keeping everything else byte for byte', () => {
		const source = "// keep\nconst drop = view(Inputs.range([0.02, 0.06], { value: 0.03, step: 0.005 }));\nconst n = 1;";
		const [literal] = compileCell('c', source).viewDefaults;
		expect(withInputDefault(source, literal!, 0.045)).toBe("// keep\nconst drop = view(Inputs.range([0.02, 0.06], { value: 0.045, step: 0.005 }));\nconst n = 1;");
	});

	it('writes strings in the quotes they had, and dates as ISO days', () => {
		const source = "const s = view(Inputs.text({ value: 'IWM' }));\nconst d = view(Inputs.date({ value: \"2013-07-08\" }));";
		const [text, date] = compileCell('c', source).viewDefaults;
		expect(withInputDefault(source, text!, "QQ'Q")).toContain("{ value: 'QQ\\'Q' }");
		expect(withInputDefault(source, date!, new Date(Date.UTC(2011, 3, 29)))).toContain('{ value: "2011-04-29" }');
	});

	it('refuses rather than guess: another kind of value, or two candidates on the line', () => {
		const source = 'const a = view(Inputs.range([0, 10], { value: 5 })), b = view(Inputs.range([0, 10], { value: 5 }));';
		const [first] = compileCell('c', source).viewDefaults;
		expect(withInputDefault(source, first!, 7)).toBeInstanceOf(Error);
		expect(withInputDefault('const x = view(Inputs.range([0, 9], { value: 5 }));', { line: 1, raw: '5' }, 'five')).toBeInstanceOf(Error);
	});
});
