/**
 * Classroom endpoints that two servers answer with the same function: the SvelteKit route (dev
 * server, `node build`) and the lean node:http route ahead of SvelteKit in the production
 * server (node-routes.ts), which spares the hottest request of a live room SvelteKit's per-request
 * work. Validation, limits, rate limits, credentials, error messages and room logic all live
 * here and below, once.
 */
import { BODY_LIMITS } from '$lib/classroom/protocol';
import {
	handleJson,
	jsonReply,
	ParseCache,
	readBody,
	requireCredential,
	roomIdOf,
	type ApiRequest,
	type JsonReply
} from './http';
import { getRegistry } from './registry';
import { answerSchema } from './requests';
import { TRACING, traceNow } from './trace';

/** Answer bodies repeat (a class picks among a few options): each distinct one is parsed once. */
export const answerParses = new ParseCache();

/**
 * POST /api/classroom/rooms/:roomId/answer (Bearer player token): AnswerRequest → 200
 * AnswerResponse, only once the answer is durable in the room's log. Errors: 404 unknown room,
 * 401 missing/unknown token, 403 removed, 400 malformed, 413 body over BODY_LIMITS.answer,
 * 409 not accepting / wrong question / too late, 429 (with Retry-After) past 6 answers in 3 s.
 */
export const postAnswer = (request: ApiRequest, params: { roomId: string }): Promise<JsonReply> =>
	handleJson(async () => {
		const receivedAt = TRACING ? traceNow() : undefined;
		const acceptedAt = TRACING ? request.acceptedAt : undefined;
		const roomId = roomIdOf(params);
		const token = requireCredential(request);
		const registry = await getRegistry();
		const answer = await readBody(request, BODY_LIMITS.answer, answerSchema, answerParses);
		return jsonReply(
			await registry.answer(roomId, token, answer, Date.now(), receivedAt, acceptedAt)
		);
	});
