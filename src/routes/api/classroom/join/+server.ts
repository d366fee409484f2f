// POST /api/classroom/join: { pin, nickname, rejoinCode? } → JoinResponse (201). Rate-limited per
// IP; wrong PINs and wrong rejoin codes count as guesses.
import { BODY_LIMITS, validateJoin } from '$lib/classroom/protocol';
import { fromBody } from '$lib/server/classroom/errors';
import { clientAddress, handle, jsonResponse, readJson } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = (event) =>
	handle(async () => {
		const registry = await getRegistry();
		const parsed = validateJoin(await readJson(event.request, BODY_LIMITS.join));
		if (!parsed.ok) throw fromBody(parsed.error);
		const { pin, nickname, rejoinCode } = parsed.value;
		const joined = await registry.join(pin, nickname, clientAddress(event), Date.now(), rejoinCode);
		return jsonResponse(joined, 201);
	});
