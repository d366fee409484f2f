// POST /api/classroom/rooms/:roomId/leave (Bearer player token, no body): leave for good.
import {
	handle,
	jsonResponse,
	kitRequest,
	requireCredential,
	roomIdOf
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		const roomId = roomIdOf(params);
		const token = requireCredential(kitRequest(request, url));
		const registry = await getRegistry();
		return jsonResponse(await registry.leave(roomId, token));
	});
