import { error } from '@sveltejs/kit';
import { isSessionKind, SESSION_KINDS } from '$lib/features/quiz/quiz.session';

// One prerendered page per kind: the session itself lives in local storage, not in the URL.
export const entries = () => SESSION_KINDS.map((kind) => ({ kind }));

export const load = ({ params }) => {
	if (!isSessionKind(params.kind)) error(404, 'Unknown session');
	return { kind: params.kind };
};
