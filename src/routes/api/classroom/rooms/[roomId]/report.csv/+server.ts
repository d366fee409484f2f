// GET /api/classroom/rooms/:roomId/report.csv?sheet=students|questions|answers (Bearer host
// secret, or ?access_token= for a plain download link): the report as Excel/WPS-safe CSV.
import { reportToCsv } from '$lib/server/classroom/csv';
import {
	handle,
	kitRequest,
	readQuery,
	requireCredential,
	roomIdOf
} from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import { reportQuerySchema } from '$lib/server/classroom/requests';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		const roomId = roomIdOf(params);
		const { sheet } = readQuery(url, reportQuerySchema);
		const secret = requireCredential(kitRequest(request, url));
		const registry = await getRegistry();
		const csv = reportToCsv(await registry.report(roomId, secret), sheet);
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="classroom-${sheet}.csv"`,
				'cache-control': 'no-store'
			}
		});
	});
