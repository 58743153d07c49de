import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/lib/notebook/index';
import { reportBlocks, slidesOf, splitNotes, withoutTitleHeading } from '../../../src/lib/present/outline';

const text = `---
title: Deck
---

# Deck

Intro.

<!-- notes -->
Say hello.
<!-- /notes -->

## First

\`\`\`ts
const a = 1;
\`\`\`

\`\`\`ts hidden
const secret = 2;
\`\`\`

<!-- cell -->

More on first.
<!-- slide -->
Same heading, next slide.

## Second

\`\`\`md
## not a slide inside a fence
\`\`\`

\`\`\`ts echo
a + 1
\`\`\`
`;

describe('outline', () => {
	const notebook = parseNotebook(text, 'deck.md');

	it('splits notes out of Markdown, unclosed notes run to the end', () => {
		expect(splitNotes('a\n<!-- notes -->\nb\n<!-- /notes -->\nc')).toEqual({ body: 'a\nc', notes: ['b'] });
		expect(splitNotes('a\n<!-- notes -->\nb')).toEqual({ body: 'a', notes: ['b'] });
	});

	it('report: hidden cells and notes left out, code cells numbered as in the notebook', () => {
		const blocks = reportBlocks(notebook);
		const code = blocks.filter((b) => b.kind === 'code');
		expect(code.map((b) => b.kind === 'code' && b.number)).toEqual([1, 3]);
		expect(JSON.stringify(blocks)).not.toContain('Say hello');
		expect(JSON.stringify(blocks)).not.toContain('secret');
	});

	it('slides: a slide per ## heading and <!-- slide -->, notes kept with their slide', () => {
		const slides = slidesOf(notebook);
		expect(slides).toHaveLength(4);
		expect(slides[0].notes).toEqual(['Say hello.']);
		expect(slides[1].blocks[0]).toEqual({ kind: 'markdown', source: '## First' });
		expect(slides[1].blocks.map((b) => b.kind)).toEqual(['markdown', 'code', 'markdown']);
		expect(slides[2].blocks).toEqual([{ kind: 'markdown', source: 'Same heading, next slide.' }]);
		expect(slides[3].blocks[0].kind === 'markdown' && slides[3].blocks[0].source).toContain('not a slide inside a fence');
	});
});

describe('withoutTitleHeading', () => {
	it('drops a leading heading that repeats the title, and nothing else', () => {
		expect(withoutTitleHeading('# Deck\n\nIntro.', 'Deck')).toBe('Intro.');
		expect(withoutTitleHeading('# Other\n\nIntro.', 'Deck')).toBe('# Other\n\nIntro.');
		expect(withoutTitleHeading('Intro.\n# Deck', 'Deck')).toBe('Intro.\n# Deck');
	});
});
