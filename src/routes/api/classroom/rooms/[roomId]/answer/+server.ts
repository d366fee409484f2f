// POST /api/classroom/rooms/:roomId/answer: see postAnswer. The production server answers it
// ahead of SvelteKit with the same function (src/lib/server/classroom/node-routes.ts).
import { postAnswer } from '$lib/server/classroom/endpoints';
import { kitRequest, toResponse } from '$lib/server/classroom/http';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = async ({ request, url, params }) =>
	toResponse(await postAnswer(kitRequest(request, url), params));
