/** The workspace's outline: a long notebook's headings, one click from the cell that holds them. */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

test('Outline lists the headings and a click scrolls to a far cell of the windowed list', async ({ page }) => {
	// 400 cells: the late section is far below, off the page until it comes near (cellWindow.svelte.ts).
	const cells = ['# Long read', ...Array.from({ length: 400 }, (_, i) => (i === 320 ? '## Late **findings**\n\nThe late part.' : `Paragraph ${i + 1} of the long read.`))];
	writeFileSync(join(process.env.TAPE_E2E_NOTEBOOKS!, 'outline.md'), `---\ntitle: Outline\n---\n\n${cells.join('\n\n<!-- cell -->\n\n')}\n`);
	await page.goto('/nb/outline.md');
	await expect(page.getByRole('heading', { name: 'Long read' })).toBeVisible();
	const late = page.getByRole('heading', { name: 'Late findings' });
	await expect(late).not.toBeInViewport();
	await expect(page.getByText('Paragraph 300 of the long read.')).toHaveCount(0);

	await page.locator('summary', { hasText: 'Outline' }).click();
	const outline = page.getByRole('navigation', { name: 'Outline' });
	await expect(outline.getByRole('button')).toHaveText(['Long read', 'Late findings']);
	await outline.getByRole('button', { name: 'Late findings' }).click();
	await expect(late).toBeInViewport();
	await expect(outline).toBeHidden();
	// Not under the sticky toolbar: its top is in sight.
	const [box, bar] = await Promise.all([late.boundingBox(), page.locator('header.toolbar').boundingBox()]);
	expect(box!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);

	await page.locator('summary', { hasText: 'Outline' }).click();
	await outline.getByRole('button', { name: 'Long read' }).click();
	await expect(page.getByRole('heading', { name: 'Long read' })).toBeInViewport();
});
