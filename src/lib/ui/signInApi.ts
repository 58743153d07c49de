/**
 * Sends a sign-in form (name and password, or a link's token and a new password) and goes to
 * `next` once the session cookie is set; otherwise returns what went wrong, for the form to show.
 */
export async function signIn(route: '/api/auth/login' | '/api/auth/link', body: Record<string, string>, next: string): Promise<string | undefined> {
	try {
		const response = await fetch(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		if (response.ok) {
			location.assign(next);
			return undefined;
		}
		const answer = await response.json().catch(() => ({}));
		return answer.error ?? `sign-in failed (${response.status})`;
	} catch (failure) {
		return `could not reach Tape: ${(failure as Error).message}`;
	}
}
