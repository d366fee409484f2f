// GET /api/classroom/rooms/:roomId/report.csv?sheet=students|questions|answers (Bearer host
// secret, or ?access_token= for a plain download link): the report as Excel/WPS-safe CSV.
import { ID_PATTERN } from '$lib/classroom/protocol';
import { reportToCsv, type ReportSheet } from '$lib/server/classroom/csv';
import { ClassroomError } from '$lib/server/classroom/errors';
import { handle, requireCredential } from '$lib/server/classroom/http';
import { getRegistry } from '$lib/server/classroom/registry';
import type { RequestHandler } from './$types';

export const prerender = false;

const SHEETS: readonly ReportSheet[] = ['students', 'questions', 'answers'];

export const GET: RequestHandler = ({ request, url, params }) =>
	handle(async () => {
		if (!ID_PATTERN.test(params.roomId)) throw new ClassroomError('unknown-room');
		const sheet = (url.searchParams.get('sheet') ?? 'students') as ReportSheet;
		if (!SHEETS.includes(sheet))
			throw new ClassroomError('malformed', 'sheet must be students, questions or answers.');
		const secret = requireCredential(request, url);
		const registry = await getRegistry();
		const csv = reportToCsv(await registry.report(params.roomId, secret), sheet);
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="classroom-${sheet}.csv"`,
				'cache-control': 'no-store'
			}
		});
	});
