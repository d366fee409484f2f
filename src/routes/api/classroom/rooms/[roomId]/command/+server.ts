// POST /api/classroom/rooms/:roomId/command (Bearer host secret): HostCommand → CommandResponse.
import { BODY_LIMITS, ID_PATTERN, validateCommand } from '$lib/classroom/protocol';
import { ClassroomError, fromBody } from '$lib/server/classroom/errors';
import { handle, jsonResponse, readJson, requireCredential } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		if (!ID_PATTERN.test(params.roomId)) throw new ClassroomError('unknown-room');
		const secret = requireCredential(request, url);
		const registry = await getRegistry();
		const parsed = validateCommand(await readJson(request, BODY_LIMITS.command));
		if (!parsed.ok) throw fromBody(parsed.error);
		return jsonResponse(await registry.command(params.roomId, secret, parsed.value));
	});
