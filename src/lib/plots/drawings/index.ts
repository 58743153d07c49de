/** Drawings on price charts, written as code in the chart call's options (see types.ts). */
export { drawingLine } from './resolve.js';
export type { Drawing, Anchor, DrawingKind, Timeframe } from './types.js';
