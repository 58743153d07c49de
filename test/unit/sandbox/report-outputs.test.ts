// @vitest-environment jsdom
// The text a served report tells the history page per cell, read from markup as the frame renders it.
import { describe, expect, it } from 'vitest';
import { outputsOf } from '../../../src/lib/sandbox/frame/report-outputs';

function page(html: string): Document {
	document.body.innerHTML = html;
	return document;
}

describe('outputsOf', () => {
	it('keeps a fact label and its value apart, so a changed value is the only word that differs', () => {
		const doc = page(`<section class="report-cell" data-cell="2"><button class="code-toggle">Show code</button><dl class="facts"><div><dt>Answer</dt><dd>4,200</dd></div><div><dt>Mean</dt><dd>1.5%</dd></div></dl></section>`);
		expect(outputsOf(doc).cells).toEqual([{ number: 2, text: 'Answer 4,200 Mean 1.5%' }]);
	});

	it('leaves inline markup inside a value whole and charts as [chart]', () => {
		const doc = page(`<section class="report-cell" data-cell="1"><p>Up <b>3</b>%</p><svg><text>1</text></svg></section>`);
		expect(outputsOf(doc).cells).toEqual([{ number: 1, text: 'Up 3% [chart]' }]);
	});
});
