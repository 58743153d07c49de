/**
 * The session cookie: HttpOnly (page scripts never see it), SameSite=Strict (another site's
 * links and forms arrive without it), Secure when the workspace is reached over https.
 */
export function sessionCookieOptions(url: URL) {
	return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: url.protocol === 'https:' };
}
