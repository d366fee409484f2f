// POST /api/classroom/rooms/:roomId/leave (Bearer player token, no body): leave for good.
import { ID_PATTERN } from '$lib/classroom/protocol';
import { ClassroomError } from '$lib/server/classroom/errors';
import { handle, jsonResponse, requireCredential } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		if (!ID_PATTERN.test(params.roomId)) throw new ClassroomError('unknown-room');
		const token = requireCredential(request, url);
		const registry = await getRegistry();
		return jsonResponse(await registry.leave(params.roomId, token));
	});
