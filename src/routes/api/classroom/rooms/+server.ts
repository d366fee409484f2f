// POST /api/classroom/rooms: create a room. Body CreateRoomRequest → CreateRoomResponse (201).
import { BODY_LIMITS, validateCreateRoom } from '$lib/classroom/protocol';
import { validateSetSource } from '$lib/classroom/set-source.schema';
import { fromBody } from '$lib/server/classroom/errors';
import { clientAddress, handle, jsonResponse, readJson } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

// Server-only: the Node build serves it; the static build has no server.
export const prerender = false;

export const POST: RequestHandler = (event) =>
	handle(async () => {
		const registry = await getRegistry();
		const parsed = validateCreateRoom(await readJson(event.request, BODY_LIMITS.create), {
			entries: validateSetSource
		});
		if (!parsed.ok) throw fromBody(parsed.error);
		const created = await registry.create(parsed.value, event.url, clientAddress(event));
		return jsonResponse(created, 201);
	});
