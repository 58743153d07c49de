export { createRuntime, cellScoped, type RuntimeOptions, type CellContext } from './runtime';
export { compileCell, type CompiledCell } from './compile';
export { buildGraph, downstream, type CellGraph } from './graph';
export type * from './types';
