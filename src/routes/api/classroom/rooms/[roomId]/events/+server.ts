// GET /api/classroom/rooms/:roomId/events?role=host|projector|player (Bearer host secret for
// host and projector, player token for player): a text/event-stream of `event: view` messages.
import {
	clientAddress,
	handle,
	kitRequest,
	readQuery,
	requireCredential,
	roomIdOf
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import { eventsQuerySchema, lastEventIdSchema } from '$lib/server/classroom/requests';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = (event) =>
	handle(async () => {
		const { request, url, params } = event;
		const roomId = roomIdOf(params);
		const { role } = readQuery(url, eventsQuerySchema);
		const secret = requireCredential(kitRequest(request, url));
		const registry = await getRegistry();
		// Only a version number is meaningful; anything else is ignored (the client gets the view).
		const lastEventId = lastEventIdSchema.safeParse(request.headers.get('last-event-id') ?? '');
		return registry.stream(
			roomId,
			role,
			secret,
			clientAddress(event),
			request.signal,
			lastEventId.success ? lastEventId.data : undefined
		);
	});
