/** What cells can read when a notebook runs in Node: the shared builtins plus file-backed data. */
import { commonBuiltins } from '../lib/runtime/builtins';

export async function nodeBuiltins(): Promise<Record<string, unknown>> {
	return commonBuiltins();
}
