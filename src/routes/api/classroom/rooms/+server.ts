// POST /api/classroom/rooms: create a room. Body CreateRoomRequest → CreateRoomResponse (201).
import { BODY_LIMITS } from '$lib/classroom/protocol';
import {
	clientAddress,
	handle,
	jsonResponse,
	kitRequest,
	readBody
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import { createRoomSchema } from '$lib/server/classroom/requests';
import type { RequestHandler } from './$types';

// Server-only: the Node build serves it; the static build has no server.
export const prerender = false;

export const POST: RequestHandler = (event) =>
	handle(async () => {
		const registry = await getRegistry();
		const request = await readBody(
			kitRequest(event.request, event.url),
			BODY_LIMITS.create,
			createRoomSchema
		);
		const created = await registry.create(request, event.url, clientAddress(event));
		return jsonResponse(created, 201);
	});
