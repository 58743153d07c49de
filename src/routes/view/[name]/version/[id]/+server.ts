import { answerPage } from '$lib/present/error-page.server';
import { presentResponse } from '$lib/present/serve.server';
import { historyOf, versionId } from '$lib/server/history/routes';
import type { RequestHandler } from './$types';

/** GET /view/<name>/version/<id>: a version from the notebook's history as a report, run on today's data in the same sandbox. */
export const GET: RequestHandler = ({ params, url }) =>
	answerPage(params.name, async () => presentResponse('report', params.name, url.host, await historyOf(params.name).read(params.name, versionId(params.id))));
