/**
 * A new user's first hour, as a person does it: keys typed one by one with a delay, mouse clicks,
 * waits on what the page shows. Each test is a step of the same path (issue 13, section 3): name a
 * notebook, title it, type cells, meet a missing file, use inputs, present, import, delete and
 * undo. The tests share one notebooks folder and run in order.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCell, outputs } from './cells';

test.describe.configure({ mode: 'serial' });

const notebooksDir = process.env.TAPE_E2E_NOTEBOOKS!;
const onDisk = (name: string) => readFileSync(join(notebooksDir, name), 'utf8');
/** A person types at roughly this pace (the bug re-selected the name between keys at any pace). */
const typing = { delay: 60 };

/** The notebook list, once its scripts have run: a click before that would open nothing. */
async function openList(page: Page) {
	await page.goto('/');
	await page.waitForLoadState('networkidle');
}

/** Answers the list's "New notebook", "Rename", "Duplicate" prompt by typing. */
async function typeName(page: Page, name: string) {
	const input = page.locator('dialog[open] input[name=name]');
	await expect(input).toBeFocused();
	await page.keyboard.type(name, typing);
	await page.keyboard.press('Enter');
}

/** Types into a code cell's editor, closing any completion list so keys after it are not swallowed. */
async function typeInCell(page: Page, index: number, text: string) {
	await codeCell(page, index).locator('.monaco-editor .view-lines').click();
	await page.keyboard.type(text, typing);
	await page.keyboard.press('Escape');
}

/** True when clicks at the middle of `target` and just inside its top edge land on it, not on something drawn over it. */
async function clickable(target: Locator): Promise<boolean> {
	return target.evaluate((element) => {
		const box = element.getBoundingClientRect();
		const x = box.left + box.width / 2;
		return (
			box.width > 0 &&
			[box.top + 3, box.top + box.height / 2].every((y) => {
				const hit = document.elementFromPoint(x, y);
				return !!hit && (hit === element || element.contains(hit));
			})
		);
	});
}

/** Console errors and uncaught exceptions of the page and its frames, collected as they come. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error' || /Content Security Policy|Blocked form submission/.test(message.text())) errors.push(`console: ${message.text()}`);
	});
	return errors;
}

test('New notebook and Rename keep every key typed; the title is edited in the toolbar; a rename carries the title along', async ({ page }) => {
	await openList(page);
	await page.getByRole('button', { name: 'New notebook' }).click();
	await typeName(page, 'iwm-vs-qqq-2013');
	await expect(page).toHaveURL(/\/nb\/iwm-vs-qqq-2013\.md$/);
	const title = page.getByRole('button', { name: 'Iwm vs qqq 2013' });
	await expect(title).toBeVisible();

	// The title is the author's to change: click it, type, Enter.
	await title.click();
	await expect(page.getByLabel('Notebook title')).toBeFocused();
	await page.keyboard.type('IWM vs QQQ in 2013', typing);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'IWM vs QQQ in 2013' })).toBeVisible();
	await expect(page).toHaveTitle('IWM vs QQQ in 2013 · Tape');
	await page.keyboard.press('ControlOrMeta+S');
	await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');
	expect(onDisk('iwm-vs-qqq-2013.md')).toMatch(/^---\ntitle: IWM vs QQQ in 2013\n---\n/);

	// A second notebook keeps the title Tape made from its name, and Rename carries it along.
	await page.getByRole('link', { name: 'All notebooks' }).click();
	await page.getByRole('button', { name: 'New notebook' }).click();
	await typeName(page, 'scratch-pad');
	await expect(page).toHaveURL(/\/nb\/scratch-pad\.md$/);
	await page.getByRole('link', { name: 'All notebooks' }).click();
	const row = page.locator('li.row[data-name="scratch-pad.md"]');
	await row.hover();
	await row.getByRole('button', { name: 'Rename' }).click();
	await typeName(page, 'small-caps-check');
	const renamed = page.locator('li.row[data-name="small-caps-check.md"]');
	await expect(renamed.locator('.notebook-title')).toHaveText('Small caps check');
	expect(onDisk('small-caps-check.md')).toMatch(/^---\ntitle: Small caps check\n---\n/);
	// The title the author chose stays through a rename.
	const own = page.locator('li.row[data-name="iwm-vs-qqq-2013.md"]');
	await own.hover();
	await own.getByRole('button', { name: 'Rename' }).click();
	await typeName(page, 'iwm-qqq-study');
	await expect(page.locator('li.row[data-name="iwm-qqq-study.md"] .notebook-title')).toHaveText('IWM vs QQQ in 2013');
});

test('missing data: each error on its cell, a count in the toolbar, every toolbar button still in reach', async ({ page }) => {
	await page.goto('/nb/iwm-qqq-study.md');
	await typeInCell(page, 0, "const a = await loadSeries('NOPEA')");
	for (const [i, line] of ["const b = await loadSeries('NOPEB')", "const c = await loadSeries('NOPEC')", 'a.numRows() + b.numRows() + c.numRows()'].entries()) {
		await page.locator('header.toolbar').getByRole('button', { name: '+ Code' }).click();
		await typeInCell(page, i + 1, line);
	}
	await page.getByRole('button', { name: '▶ Run all' }).click();

	// Each error is on the cell that asked, and the cells have numbers to find "cell 1" by.
	for (const [i, symbol] of ['NOPEA', 'NOPEB', 'NOPEC'].entries()) {
		await expect(await outputs(page, i)).toContainText(`no data for ${symbol}`);
		await expect(codeCell(page, i).locator('.gutter')).toContainText(`[${i + 1}]`);
	}
	// Whichever failed input it meets first, the sentence names it and the cell that defines it.
	const reader = await outputs(page, 3);
	await expect(reader).toContainText(/cannot run: `[abc]` comes from cell \d, which failed/);
	const [, name, cell] = /`([abc])` comes from cell (\d)/.exec((await reader.textContent()) ?? '')!;
	expect(Number(cell)).toBe('abc'.indexOf(name) + 1);

	// The toolbar says how many, and its buttons stay where a click reaches them.
	const toolbar = page.locator('header.toolbar');
	await expect(toolbar.locator('.data-activity')).toContainText('3 data errors');
	for (const name of ['Save', '⟳ Refresh data', '+ Data']) expect(await clickable(toolbar.getByRole('button', { name, exact: true })), name).toBe(true);
	expect(await clickable(toolbar.locator('summary', { hasText: 'Share' })), 'Share').toBe(true);
	// The title is not squeezed to an ellipsis by the chips.
	const title = toolbar.getByRole('button', { name: 'IWM vs QQQ in 2013' });
	expect(await title.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);

	// The count opens the messages; a click on Save still saves.
	await toolbar.getByRole('button', { name: '3 data errors' }).click();
	await expect(toolbar.getByRole('list', { name: 'Data errors' })).toContainText('NOPEB');
	await toolbar.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'saved');
});

test('signature help in the first cell is drawn over the toolbar, not under it; hovers show the library docs', async ({ page }) => {
	await page.goto('/nb/small-caps-check.md');
	await codeCell(page, 0).locator('.monaco-editor .view-lines').click();
	await page.keyboard.type('loadSeries(', typing);
	const hints = page.locator('.parameter-hints-widget');
	await expect(hints).toBeVisible();
	expect(await clickable(hints)).toBe(true);

	// Hovering a library function shows what it does, not only its type.
	await page.keyboard.press('Escape');
	await codeCell(page, 0).locator('.view-lines span', { hasText: 'loadSeries' }).first().hover();
	await expect(page.locator('.monaco-hover:visible')).toContainText('Loads daily bars for one symbol');
});

test('Observable Inputs are styled, log no CSP violation, and Enter in a number box submits nothing', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/nb/first-hour-inputs.md');
	const frame = page.frameLocator('iframe.tape-sandbox');
	await expect(await outputs(page, 2)).toContainText('sessions: 5, symbol: IWM');

	// The label stands apart from its select (Inputs' own layout: a label column, then the control).
	const select = (await outputs(page, 0)).locator('select');
	const label = (await outputs(page, 0)).locator('label').first();
	const [labelBox, selectBox] = [await label.boundingBox(), await select.boundingBox()];
	expect(labelBox && selectBox).toBeTruthy();
	expect(selectBox!.x - (labelBox!.x + labelBox!.width)).toBeGreaterThanOrEqual(4);
	expect(labelBox!.width).toBeGreaterThanOrEqual(100);

	// A person changes the number and presses Enter: the value arrives, no form is submitted.
	const number = (await outputs(page, 1)).locator('input[type=number]');
	await number.click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('12', typing);
	await page.keyboard.press('Enter');
	await expect(await outputs(page, 2)).toContainText('sessions: 12, symbol: IWM');
	await select.selectOption('QQQ');
	await expect(await outputs(page, 2)).toContainText('sessions: 12, symbol: QQQ');
	await expect(frame.locator('svg').first()).toBeVisible();
	expect(errors).toEqual([]);
});

test('dark mode: Inputs and research charts take the dark colours', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/nb/first-hour-inputs.md');
	const chart = (await outputs(page, 3)).locator('svg').first();
	await expect(chart).toBeVisible();
	const brightness = (colour: string) => {
		const [r, g, b] = colour.match(/\d+(\.\d+)?/g)!.map(Number);
		return (r + g + b) / 3;
	};
	expect(brightness(await chart.evaluate((e) => getComputedStyle(e).backgroundColor))).toBeLessThan(80);
	const select = (await outputs(page, 0)).locator('select');
	expect(brightness(await select.evaluate((e) => getComputedStyle(e).backgroundColor))).toBeLessThan(80);
	expect(brightness(await select.evaluate((e) => getComputedStyle(e).color))).toBeGreaterThan(170);
});

test('slides: a slide taller than the screen scrolls to its end; findings read as text', async ({ page }) => {
	const errors = watchErrors(page);
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('/slides/first-hour-slides.md');
	await expect(page.locator('.slide-number')).toHaveText('1 / 2');
	const last = page.locator('.slide:visible select');
	await expect(last).toBeAttached();
	const below = async () => (await last.boundingBox())!.y > 720;
	expect(await below()).toBe(true);

	// The mouse wheel scrolls the slide, as on any page, until its last input is on screen.
	await page.mouse.move(640, 360);
	for (let i = 0; i < 30 && (await below()); i++) await page.mouse.wheel(0, 400);
	await expect(last).toBeInViewport();
	await last.selectOption('QQQ');

	// Right arrow: the conclusion, its findings as lines of text rather than an inspector.
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('.slide-number')).toHaveText('2 / 2');
	const conclusion = page.locator('.slide:visible');
	await expect(conclusion.locator('dl.facts')).toContainText('Past slope per year34.21');
	await expect(conclusion.locator('dl.facts')).toContainText('SymbolQQQ');
	await expect(conclusion.locator('dl.facts')).toContainText('Past among analoguesno');
	await expect(conclusion.locator('.inspector')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('import a notebook file twice: no page error, no failed request, the second is saved as -2', async ({ page }) => {
	const errors = watchErrors(page);
	const file = join(mkdtempSync(join(tmpdir(), 'tape-import-')), 'imported-study.md');
	writeFileSync(file, '---\ntitle: Imported study\n---\n\n```ts\n1 + 1\n```\n');
	for (const expected of ['imported-study.md', 'imported-study-2.md']) {
		await openList(page);
		await page.getByRole('button', { name: 'Import' }).click();
		const chooser = page.waitForEvent('filechooser');
		await page.getByText('Notebook (.md), exported HTML, or a .zip with data').click();
		await (await chooser).setFiles(file);
		await expect(page).toHaveURL(new RegExp(`/nb/${expected.replace('.', '\\.')}$`));
		await expect(await outputs(page, 0)).toContainText('2');
	}
	expect(onDisk('imported-study-2.md')).toContain('title: Imported study');
	expect(errors).toEqual([]);
});

test('delete a cell and undo it; delete a notebook and restore it from the trash page', async ({ page }) => {
	await page.goto('/nb/iwm-qqq-study.md');
	const cells = page.locator('section.cell[data-kind=code]');
	await expect(cells).toHaveCount(4);
	const second = codeCell(page, 1);
	await second.locator('.monaco-editor').hover();
	await second.getByRole('button', { name: 'Delete cell' }).click();
	await expect(cells).toHaveCount(3);
	await expect(page.getByRole('status').filter({ hasText: 'Cell deleted' })).toBeVisible();
	await page.getByRole('button', { name: 'Undo', exact: true }).click();
	await expect(cells).toHaveCount(4);
	await expect(codeCell(page, 1).locator('.view-lines')).toContainText('NOPEB');
	await expect(await outputs(page, 1)).toContainText('no data for NOPEB');

	// Ctrl+Z outside the editors undoes a deletion too.
	const third = codeCell(page, 2);
	await third.locator('.monaco-editor').hover();
	await third.getByRole('button', { name: 'Delete cell' }).click();
	await expect(cells).toHaveCount(3);
	await page.locator('header.toolbar .notebook-file').click();
	await page.keyboard.press('ControlOrMeta+Z');
	await expect(cells).toHaveCount(4);
	await expect(codeCell(page, 2).locator('.view-lines')).toContainText('NOPEC');

	// A notebook deleted from the list comes back from the trash page.
	await page.getByRole('link', { name: 'All notebooks' }).click();
	page.once('dialog', (dialog) => void dialog.accept());
	const row = page.locator('li.row[data-name="small-caps-check.md"]');
	await row.hover();
	await row.getByRole('button', { name: 'Delete' }).click();
	await expect(row).toHaveCount(0);
	await page.getByRole('link', { name: 'Trash' }).click();
	const trashed = page.locator('li.row[data-name="small-caps-check.md"]');
	await expect(trashed).toContainText('deleted');
	await trashed.getByRole('button', { name: 'Restore' }).click();
	await expect(page).toHaveURL(/\/nb\/small-caps-check\.md$/);
	await expect(page.getByRole('button', { name: 'Small caps check' })).toBeVisible();
});

test('the list: most recent first, narrowed as you type, sorted by title on request; ? shows the keys', async ({ page }) => {
	await openList(page);
	const rows = page.locator('li.row');
	await expect(rows.first()).toBeVisible();
	const times = await rows.locator('time').evaluateAll((all) => all.map((t) => Date.parse(t.getAttribute('datetime')!)));
	expect(times).toEqual([...times].sort((a, b) => b - a));

	await page.getByLabel('Search notebooks').click();
	await page.keyboard.type('imported study', typing);
	await expect(rows).toHaveCount(2);
	expect((await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-name')))).sort()).toEqual(['imported-study-2.md', 'imported-study.md']);
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Backspace');
	await page.getByLabel('Sort notebooks').selectOption('title');
	const titles = await rows.locator('.notebook-title').allTextContents();
	expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));

	await rows.first().locator('a.main').click();
	await page.locator('header.toolbar .notebook-file').click();
	await page.keyboard.press('?');
	const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(sheet).toContainText('Run the cell and go to the next one');
	await page.keyboard.press('Escape');
	await expect(sheet).toBeHidden();
});

test('a notebook that does not parse shows its title but offers no edit that would save over the file', async ({ page }) => {
	const before = onDisk('broken.md');
	await page.goto('/nb/broken.md');
	await expect(page.locator('.parse-error .message')).toBeVisible();
	await expect(page.locator('header.toolbar .notebook-title')).toBeVisible();
	await expect(page.locator('header.toolbar button.notebook-title')).toHaveCount(0);
	expect(onDisk('broken.md')).toBe(before);
});
