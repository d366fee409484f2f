/**
 * Time a running flow can trust. The wall clock (`Date.now`) jumps when the learner or the
 * network changes it; `performance.now()` only moves forward, at the real rate, while the page
 * lives. A steady clock is the wall time when the page started plus the monotonic time since:
 * it reads like epoch milliseconds (attempts keep real dates) but an exam timer driven by it
 * neither freezes when the clock is set back nor jumps when it is set forward.
 * (Across a reload the wall clock is all there is: the quiz machine's `clock.resume` never
 * gives back more time than was left at the last save.)
 */

/** A clock reading epoch ms that advances only with monotonic time. */
export function steadyClock(
	wall: () => number = Date.now,
	monotonic: () => number = () => performance.now()
): () => number {
	const wallAtStart = wall();
	const monotonicAtStart = monotonic();
	return () => wallAtStart + (monotonic() - monotonicAtStart);
}

let pageClock: (() => number) | null = null;

/** This page's steady clock (see {@link steadyClock}), started on first use. */
export function steadyNow(): number {
	pageClock ??= steadyClock();
	return pageClock();
}
