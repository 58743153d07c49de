export {
	conditionMask, newHigh, upStreak, downStreak, reversal, crossAbove, crossBelow, allOf, anyOf, negate,
	type Condition, type ConditionLike, type ConditionInput, type Level
} from './conditions.js';
export { eventStudy, type EventStudy, type EventStudyOptions, type HorizonStats, type Resampling } from './event-study.js';
