/** The page's live-editing session for its cells' editors (set once the reader joins; most never do). */
import { getContext, setContext } from 'svelte';
import type { LiveNotebook } from './liveNotebook.svelte';

const KEY = Symbol('live-notebook');

export function provideLive(get: () => LiveNotebook | undefined) {
	setContext(KEY, get);
}

/** Call while the component initialises; the getter is read in effects. */
export function useLive(): () => LiveNotebook | undefined {
	return getContext<(() => LiveNotebook | undefined) | undefined>(KEY) ?? (() => undefined);
}
