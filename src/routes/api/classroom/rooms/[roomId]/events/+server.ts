// GET /api/classroom/rooms/:roomId/events?role=host|projector|player (Bearer host secret for
// host and projector, player token for player): a text/event-stream of `event: view` messages.
import { ID_PATTERN, isRole } from '$lib/classroom/protocol';
import { ClassroomError } from '$lib/server/classroom/errors';
import { clientAddress, handle, requireCredential } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = (event) =>
	handle(async () => {
		const { request, url, params } = event;
		if (!ID_PATTERN.test(params.roomId)) throw new ClassroomError('unknown-room');
		const role = url.searchParams.get('role') ?? 'player';
		if (!isRole(role))
			throw new ClassroomError('malformed', 'role must be host, projector or player.');
		const secret = requireCredential(request, url);
		const registry = await getRegistry();
		// Only a version number is meaningful; anything else is ignored (the client gets the view).
		const lastEventId = Number(request.headers.get('last-event-id') ?? NaN);
		return registry.stream(
			params.roomId,
			role,
			secret,
			clientAddress(event),
			request.signal,
			Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : undefined
		);
	});
