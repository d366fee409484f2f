// POST /api/classroom/join: { pin, nickname } → JoinResponse (201). Rate-limited per IP.
import { BODY_LIMITS, validateJoin } from '$lib/classroom/protocol';
import { fromBody } from '$lib/server/classroom/errors';
import { handle, jsonResponse, readJson } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = ({ request, getClientAddress }) =>
	handle(async () => {
		const registry = await getRegistry();
		const parsed = validateJoin(await readJson(request, BODY_LIMITS.join));
		if (!parsed.ok) throw fromBody(parsed.error);
		const joined = await registry.join(parsed.value.pin, parsed.value.nickname, getClientAddress());
		return jsonResponse(joined, 201);
	});
