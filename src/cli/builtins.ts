/** What cells can read when a notebook runs in Node: the shared builtins over the data folder and providers. */
import { commonBuiltins } from '../lib/runtime/builtins';
import { createServerSource } from '../lib/server/data/index';

export function nodeBuiltins(): Record<string, unknown> {
	return commonBuiltins(createServerSource());
}
