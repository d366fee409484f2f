// POST /api/classroom/rooms/:roomId/command (Bearer host secret): HostCommand → CommandResponse.
import { BODY_LIMITS } from '$lib/classroom/protocol';
import {
	handle,
	jsonResponse,
	kitRequest,
	readBody,
	requireCredential,
	roomIdOf
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import { commandSchema } from '$lib/server/classroom/requests';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		const roomId = roomIdOf(params);
		const secret = requireCredential(kitRequest(request, url));
		const registry = await getRegistry();
		const command = await readBody(kitRequest(request, url), BODY_LIMITS.command, commandSchema);
		return jsonResponse(await registry.command(roomId, secret, command));
	});
