/**
 * Loading a screen's interactive part when the learner first shows they are about to use it,
 * instead of while the page starts: on a phone's CPU, the module evaluation and actor start of a
 * part nobody has touched yet are long tasks in the page's first seconds (Lighthouse's Total
 * Blocking Time on the lesson page was 480–640 ms from them, issue #14).
 */

/**
 * The first signs of a learner about to act: a finger or pointer going down, a key (Tab, a
 * number, Enter), focus moving into the page (a screen reader's cursor), a scroll towards the
 * controls further down. The click that follows a pointerdown comes about 100 ms later, time
 * enough for modules the service worker has cached.
 */
const INTENT_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'focusin', 'wheel', 'scroll'];

/**
 * Runs `work` once, on the first of `INTENT_EVENTS` anywhere in the document (listened for in
 * the capture phase, passively: no event is delayed or changed). Where there is no document (the
 * server, Node tests), never. Returns a function that stops listening; calling it after `work`
 * ran does nothing. A screen must not rely on this alone: assistive technology can click without
 * any of these events, so a move made before `work` has run should start it too.
 */
export function onFirstIntent(work: () => void): () => void {
	if (typeof document === 'undefined') return () => {};
	const options = { capture: true, passive: true } as const;
	const stop = () => {
		for (const type of INTENT_EVENTS) document.removeEventListener(type, fire, options);
	};
	function fire() {
		stop();
		work();
	}
	for (const type of INTENT_EVENTS) document.addEventListener(type, fire, options);
	return stop;
}

/**
 * Whether the app had already hydrated before now, i.e. this screen was reached by an in-app
 * navigation rather than by loading the page: the learner has just chosen it, and the page's
 * start (what Lighthouse measures) is long over. The layout marks hydration (`sta:hydrated`)
 * after every child has mounted, so a child asking from its own mount on the first load gets
 * false.
 */
export function appAlreadyStarted(): boolean {
	return (
		typeof performance !== 'undefined' &&
		performance.getEntriesByName('sta:hydrated', 'mark').length > 0
	);
}
