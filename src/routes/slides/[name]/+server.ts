import { answerPage } from '$lib/present/error-page.server';
import { presentResponse } from '$lib/present/serve.server';
import type { RequestHandler } from './$types';

/** GET /slides/<name>: the notebook as a slide deck, sandboxed like the report. */
export const GET: RequestHandler = ({ params, url }) => answerPage(params.name, () => presentResponse('slides', params.name, url.host));
