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
`;
