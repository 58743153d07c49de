/** Observable Plot charts for the research library's results; each renders under jsdom via `{ document }`. */
export { comparisonChart } from './comparison-chart.js';
export { ratioChart } from './ratio-chart.js';
export { channelChart } from './channel-chart.js';
export { candlestickChart } from './candlestick-chart.js';
export { lineChart } from './line-chart.js';
export { drawingLine } from './drawings/index.js';
export { eventStudyChart } from './event-study-chart.js';
export { analogueChart } from './analogue-chart.js';
export { interactivePlot } from './interact/index.js';
export { lightTheme, darkTheme, type ChartTheme, type ChartOptions } from './theme.js';
