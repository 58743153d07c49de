import { json, type RequestHandler } from '@sveltejs/kit';
import { dataDirFromEnv } from '$lib/server/auth/gate.js';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, sessionLifetimeMs } from '$lib/server/auth/sessions.js';
import { signIn } from '$lib/server/auth/sign-in';

/** Sign in: JSON {name, password} → a session cookie. Same-origin only (hooks.server.ts), like every API write. */
export const POST: RequestHandler = async ({ request, cookies, url, getClientAddress }) => {
	if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
		return json({ error: 'sign-in takes application/json' }, { status: 415 });
	}
	const body = await request.json().catch(() => null);
	const result = await signIn(dataDirFromEnv(), body, getClientAddress());
	if (!result.ok) {
		const headers: Record<string, string> = result.retryAfterSeconds ? { 'retry-after': String(result.retryAfterSeconds) } : {};
		return json({ error: result.error }, { status: result.status, headers });
	}
	cookies.set(SESSION_COOKIE, result.token, { ...sessionCookieOptions(url), maxAge: Math.floor(sessionLifetimeMs() / 1000) });
	return json({ user: result.user });
};
