/**
 * The cell keys people bring from Jupyter, outside the editors ("command mode": Escape leaves a
 * code editor with the focus on its cell): A inserts a code cell above the focused cell, B one
 * below, and Shift+Enter / Ctrl/Cmd+Enter run it as they do inside the editor.
 */

export type CellCommand = 'insert-above' | 'insert-below' | 'run-advance' | 'run';

/** The command a key asks of the focused cell, or undefined when the key is not one. */
export function cellCommand(event: KeyboardEvent): { cellId: string; command: CellCommand } | undefined {
	if (event.isComposing || event.altKey) return undefined;
	const target = event.target as Element | null;
	// Typing, not a command: the key belongs to whatever takes text.
	if (!target || target.closest('input, textarea, select, button, a, [contenteditable], [role=textbox], .monaco-editor')) return undefined;
	const cellId = target.closest<HTMLElement>('[data-cell]')?.dataset.cell;
	if (!cellId) return undefined;
	const ctrl = event.ctrlKey || event.metaKey;
	const key = event.key.toLowerCase();
	let command: CellCommand | undefined;
	if (key === 'enter' && event.shiftKey && !ctrl) command = 'run-advance';
	else if (key === 'enter' && ctrl && !event.shiftKey) command = 'run';
	else if (!ctrl && !event.shiftKey && key === 'a') command = 'insert-above';
	else if (!ctrl && !event.shiftKey && key === 'b') command = 'insert-below';
	return command && { cellId, command };
}
