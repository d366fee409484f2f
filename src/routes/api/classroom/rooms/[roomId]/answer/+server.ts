// POST /api/classroom/rooms/:roomId/answer (Bearer player token): AnswerRequest → AnswerResponse.
// 200 only once the answer is in the room's log on disk.
import { BODY_LIMITS, ID_PATTERN, validateAnswer } from '$lib/classroom/protocol';
import { ClassroomError, fromBody } from '$lib/server/classroom/errors';
import { handle, jsonResponse, readJson, requireCredential } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		if (!ID_PATTERN.test(params.roomId)) throw new ClassroomError('unknown-room');
		const token = requireCredential(request, url);
		const registry = await getRegistry();
		const parsed = validateAnswer(await readJson(request, BODY_LIMITS.answer));
		if (!parsed.ok) throw fromBody(parsed.error);
		return jsonResponse(await registry.answer(params.roomId, token, parsed.value));
	});
