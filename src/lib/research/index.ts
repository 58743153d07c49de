/**
 * The research library cells use without an import: indicators, comparisons, channels,
 * event studies and analogues over arquero tables with `date` and `close` (plus open, high,
 * low, volume where needed), ascending by date; or long tables of many symbols (a `symbol`
 * column) for conditions, event studies and analogues.
 */
export * from './indicators/index.js';
export * from './comparisons/index.js';
export * from './channels/index.js';
export * from './events/index.js';
export * from './analogues/index.js';
export { seededRandom } from './stats/random.js';
export { adjustPValues } from './stats/multiple-testing.js';
export type { Series, DateLike } from './input.js';
