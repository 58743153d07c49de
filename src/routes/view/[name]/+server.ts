import { answerPage } from '$lib/present/error-page.server';
import { presentResponse } from '$lib/present/serve.server';
import type { RequestHandler } from './$types';

/** GET /view/<name>: the notebook as a read-only report, sandboxed by its Content-Security-Policy. */
export const GET: RequestHandler = ({ params, url }) => answerPage(params.name, () => presentResponse('report', params.name, url.host));
