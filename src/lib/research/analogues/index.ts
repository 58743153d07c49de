export { analogues, type Analogue, type AnalogueOptions, type AnalogueSearch } from './analogues.js';
