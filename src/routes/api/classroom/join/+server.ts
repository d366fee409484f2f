// POST /api/classroom/join: { pin, nickname, rejoinCode? } → JoinResponse (201). Rate-limited per
// IP; wrong PINs and wrong rejoin codes count as guesses.
import { BODY_LIMITS } from '$lib/classroom/protocol';
import {
	clientAddress,
	handle,
	jsonResponse,
	kitRequest,
	readBody
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import { joinSchema } from '$lib/server/classroom/requests';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = (event) =>
	handle(async () => {
		const registry = await getRegistry();
		const { pin, nickname, rejoinCode } = await readBody(
			kitRequest(event.request, event.url),
			BODY_LIMITS.join,
			joinSchema
		);
		const joined = await registry.join(pin, nickname, clientAddress(event), Date.now(), rejoinCode);
		return jsonResponse(joined, 201);
	});
