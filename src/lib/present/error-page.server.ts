/**
 * Reports and slides are opened by people, often from a link a colleague sent: a missing or
 * malformed notebook gets a readable page with the reason (and its line:column), not the JSON
 * the notebook API answers.
 */
import { NotebookParseError } from '$lib/notebook/errors';
import { errorStatus } from '$lib/server/store/http';
import { escapeHtml } from './document';

export async function answerPage(name: string, handler: () => Promise<Response>): Promise<Response> {
	try {
		return await handler();
	} catch (error) {
		if (error instanceof NotebookParseError) return page(name, 400, error.message);
		const { status, message } = errorStatus(error);
		return page(name, status, message);
	}
}

function page(name: string, status: number, message: string): Response {
	const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(name)}: cannot be shown</title>
<style>
	body { font: 15px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
	code { font-family: ui-monospace, monospace; }
	@media (prefers-color-scheme: dark) { body { background: #15171a; color: #ddd; } a { color: #8ab4ff; } }
</style>
</head>
<body>
<h1>This notebook cannot be shown</h1>
<p><code>${escapeHtml(message)}</code></p>
<p><a href="/">Open the workspace</a> to see the notebooks there.</p>
</body>
</html>
`;
	return new Response(html, {
		status,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
		}
	});
}
