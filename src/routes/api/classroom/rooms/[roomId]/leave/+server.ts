// POST /api/classroom/rooms/:roomId/leave (Bearer player token, no body): leave for good. A body
// is read and ignored (so the answer is not a socket reset), and refused with 413 past 1 KB.
import { BODY_LIMITS } from '$lib/classroom/protocol';
import {
	handle,
	jsonResponse,
	kitRequest,
	readBytes,
	requireCredential,
	roomIdOf
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		const roomId = roomIdOf(params);
		const api = kitRequest(request, url);
		const token = requireCredential(api);
		await readBytes(api, BODY_LIMITS.leave);
		const registry = await getRegistry();
		return jsonResponse(await registry.leave(roomId, token));
	});
