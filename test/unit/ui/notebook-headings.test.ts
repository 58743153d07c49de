import { describe, expect, it } from 'vitest';
import { notebookHeadings } from '../../../src/lib/ui/notebookHeadings';

describe('the outline of a notebook', () => {
	it('lists the Markdown headings in page order, not code comments or fenced lines', () => {
		const cells = [
			{ id: 'a', kind: 'markdown' as const, source: '# Small caps in **2013**\n\nIntro.\n\n## The `data`' },
			{ id: 'b', kind: 'code' as const, source: '# not a heading in code\nconst x = 1' },
			{ id: 'c', kind: 'markdown' as const, source: '```\n# inside a fence\n```\n### [Findings](#f) ##\n#### too deep\n#hashtag' }
		];
		expect(notebookHeadings(cells)).toEqual([
			{ cellId: 'a', level: 1, text: 'Small caps in 2013' },
			{ cellId: 'a', level: 2, text: 'The data' },
			{ cellId: 'c', level: 3, text: 'Findings' }
		]);
	});
});
