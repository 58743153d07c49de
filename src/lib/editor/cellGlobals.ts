/** Declarations of the names the runtime gives every cell without an import (libraries: libraryTypes.ts). */
export const cellGlobals = `
declare const aq: typeof import('arquero');
declare const Plot: typeof import('@observablehq/plot');
declare const d3: typeof import('d3');
/** arquero's expression helpers, for table verbs: d => op.lag(d.close). */
declare const op: typeof import('arquero').op;
/** Observable Inputs: Inputs.range, Inputs.select, Inputs.table, ... */
declare const Inputs: any;
/** Show a value as an extra output of this cell, before the value of its last expression. */
declare function display(value: unknown): void;
/** Show an input (Inputs.range, …) and take its current value; dependents re-run when it changes. */
declare function view<T = any>(input: EventTarget & { value: T }): T;
/** Resolves when this cell is about to run again: stop timers and listeners here. */
declare const invalidation: Promise<void>;
/** A select of the symbols the data folder holds: const symbol = view(await symbolPicker({ value: 'IWM' })) */
declare function symbolPicker(options?: { value?: string; label?: string; symbols?: string[] }): Promise<HTMLElement & { value: string }>;
/** Two dates as one input: const range = view(dateRange({ start: '2012-11-15', end: '2013-07-31' })) gives { start, end }. */
declare function dateRange(options?: { start?: Date | string; end?: Date | string; label?: string }): HTMLElement & { value: { start: Date | null; end: Date | null } };
/** Markdown with interpolated values, sanitized, as an element: md\`IWM gained **\${x}%**\` */
declare function md(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
/** Hypertext Literal: html\`<b>\${text}</b>\` escapes interpolated strings, keeps interpolated nodes. */
declare function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
declare function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGElement;
`;
