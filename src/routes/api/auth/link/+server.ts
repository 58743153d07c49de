import { json, type RequestHandler } from '@sveltejs/kit';
import { dataDirFromEnv } from '$lib/server/auth/gate.js';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, sessionLifetimeMs } from '$lib/server/auth/sessions.js';
import { signInWithLink } from '$lib/server/auth/sign-in';

/**
 * A one-time sign-in link used: JSON {token, password} → the password is set, the link stops
 * working, and a session cookie is given. A POST (not the link's GET), so a chat app that
 * previews the link does not use it up. Same-origin only (hooks.server.ts), like every API write.
 */
export const POST: RequestHandler = async ({ request, cookies, url, getClientAddress }) => {
	if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
		return json({ error: 'this takes application/json' }, { status: 415 });
	}
	const body = await request.json().catch(() => null);
	const result = await signInWithLink(dataDirFromEnv(), body, getClientAddress());
	if (!result.ok) {
		const headers: Record<string, string> = result.retryAfterSeconds ? { 'retry-after': String(result.retryAfterSeconds) } : {};
		return json({ error: result.error }, { status: result.status, headers });
	}
	cookies.set(SESSION_COOKIE, result.token, { ...sessionCookieOptions(url), maxAge: Math.floor(sessionLifetimeMs() / 1000) });
	return json({ user: result.user });
};
