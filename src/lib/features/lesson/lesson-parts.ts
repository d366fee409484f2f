/**
 * What the lesson page loads after its first paint (issue #14: the first screen needs neither
 * xstate nor the machine): the session (actor, save and restore, tab lock) and the two views only
 * its actor shows. Rejects when a module cannot be fetched (offline before the service worker has
 * cached it, a deploy that removed it); `LessonPlayer` then offers a retry.
 */
export async function loadLessonParts() {
	const [session, check, review] = await Promise.all([
		import('./lesson-session'),
		import('./LessonCheck.svelte'),
		import('./LessonReview.svelte')
	]);
	return {
		startLessonSession: session.startLessonSession,
		Check: check.default,
		Review: review.default
	};
}

/** The parts once loaded (see `loadLessonParts`). */
export type LessonParts = Awaited<ReturnType<typeof loadLessonParts>>;
