/**
 * Whether the workspace shows edit controls: not to a viewer. The server is what enforces the
 * role (src/lib/server/auth/gate.js); this only keeps controls that would be refused out of sight.
 */
import { getContext, setContext } from 'svelte';
import { page } from '$app/state';

const KEY = Symbol('read-only');

/** True for a signed-in viewer (read from the layout's data), for the page and its cells. */
export function provideReadOnly(): boolean {
	const readOnly = page.data.user?.role === 'viewer';
	setContext(KEY, readOnly);
	return readOnly;
}

export function isReadOnly(): boolean {
	return getContext<boolean | undefined>(KEY) ?? false;
}
