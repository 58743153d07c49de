import { answer, BadRequestError } from '$lib/server/store';
import { exportHtmlResponse, exportZipResponse } from '$lib/present/serve.server';
import type { RequestHandler } from './$types';

/** GET /api/export/<name>?as=html|zip: a self-contained HTML report, or the notebook with its data as a zip. */
export const GET: RequestHandler = ({ params, url }) =>
	answer(async () => {
		const as = url.searchParams.get('as') ?? 'html';
		if (as === 'html') return exportHtmlResponse(params.name);
		if (as === 'zip') return exportZipResponse(params.name);
		throw new BadRequestError(`"as" must be html or zip, not ${as}`);
	});
