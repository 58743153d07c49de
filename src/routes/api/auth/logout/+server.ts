import { json, type RequestHandler } from '@sveltejs/kit';
import { dataDirFromEnv } from '$lib/server/auth/gate.js';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/sessions.js';

/** Sign out: the session ends on the server (the token stops working), and the cookie goes. */
export const POST: RequestHandler = ({ cookies, url }) => {
	deleteSession(dataDirFromEnv(), cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
	return json({ signedOut: true });
};
