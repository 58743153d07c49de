export {
	conditionMask, newHigh, upStreak, downStreak, reversal, crossAbove, crossBelow, allOf, anyOf, negate,
	type Condition, type ConditionLike, type ConditionInput, type Level
} from './conditions.js';
export { eventStudy, type EventStudy, type EventStudyOptions, type HorizonStats, type Resampling } from './event-study.js';
export { cupAndHandle, findCupAndHandles, type CupAndHandle, type CupAndHandleOptions, type PatternPoint } from './cup-and-handle.js';
export { baseNearHigh } from './base-near-high.js';
export { trendlineBreak, upTrendLine, type TrendlineOptions, type UpTrendLine } from './trendline-break.js';
export { breakout, type BreakoutOptions } from './breakout.js';
