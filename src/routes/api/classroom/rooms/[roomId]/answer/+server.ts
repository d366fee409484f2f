// POST /api/classroom/rooms/:roomId/answer (Bearer player token): AnswerRequest → AnswerResponse.
// 200 only once the answer is in the room's log on disk.
import { BODY_LIMITS } from '$lib/classroom/protocol';
import {
	handle,
	jsonResponse,
	readBody,
	requireCredential,
	roomIdOf
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import { answerSchema } from '$lib/server/classroom/requests';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		const roomId = roomIdOf(params);
		const token = requireCredential(request, url);
		const registry = await getRegistry();
		const answer = await readBody(request, BODY_LIMITS.answer, answerSchema);
		return jsonResponse(await registry.answer(roomId, token, answer));
	});
