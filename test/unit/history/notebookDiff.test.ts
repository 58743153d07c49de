import { describe, expect, it } from 'vitest';
import { diffConclusions, diffNotebooks } from '../../../src/lib/history/notebookDiff';

const before = '# T\n\n```ts\nconst x = 1\n```\n\nSome text\n\n```ts\nx * 2\n```\n';
const after = '# T\n\n```ts\nconst x = 2\n```\n\nSome text\n\n```ts\nx * 2\n```\n\n```ts\n"new"\n```\n';
const changedLines = (lines: { added?: boolean; removed?: boolean; value: string }[]) => lines.filter((l) => l.added || l.removed).map((l) => (l.added ? '+' : '-') + l.value.trim());

describe('diffNotebooks', () => {
	it('pairs an edited cell with its old self and shows the changed line; added cells are added', () => {
		const cells = diffNotebooks(before, after, 't.md');
		const changed = cells.filter((cell) => cell.change !== 'same');
		expect(changed.map((c) => [c.change, c.label, changedLines(c.lines)])).toEqual([
			['changed', 'Cell 2', ['-const x = 1', '+const x = 2']],
			['added', 'Cell 5', ['+"new"']]
		]);
		expect(cells.filter((c) => c.change === 'same').length).toBe(3);
	});

	it('a removed cell is removed, and the code cell numbers of each side follow', () => {
		const cells = diffNotebooks(after, before, 't.md');
		expect(cells.find((c) => c.change === 'removed')).toMatchObject({ label: 'Cell 5', before: 3 });
		expect(cells.find((c) => c.change === 'removed')?.after).toBeUndefined();
	});
});

describe('diffConclusions', () => {
	it('lists the code cells whose shown output changed, matched across versions', () => {
		const cells = diffNotebooks(before, after, 't.md');
		const out = diffConclusions(cells, new Map([[1, ''], [2, '2']]), new Map([[1, ''], [2, '4'], [3, 'new']]));
		expect(out.map((c) => [c.label, c.before, c.after])).toEqual([
			['Cell 4', '2', '4'],
			['Cell 5', '', 'new']
		]);
	});
});
