export { rebase } from './rebase.js';
export { ratio } from './ratio.js';
export { performanceTable, type PerformanceWindow } from './performance-table.js';
export { rollingCorrelation, rollingBeta } from './rolling-correlation.js';
