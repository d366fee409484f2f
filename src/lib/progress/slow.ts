/**
 * How long storage may keep a page waiting before the learner is told (milliseconds). Opening
 * IndexedDB and taking the write lock take a few ms; seconds mean something holds them.
 */
export const SLOW_STORAGE_MS = 4_000;

/**
 * Settle as `work` does; if it has not settled after `ms` milliseconds, call `onSlow` once, and
 * `onRecovered` when it finally settles. Nothing is cancelled: the work may still finish, and
 * what it saves is kept.
 *
 * Why: storage can wait on something outside this page (another tab of the app holding the
 * cross-tab write lock, a database upgrade blocked by an older tab). Then a page must not sit
 * silent; it says so (a "slow" notice) and stays usable, and the notice goes when storage answers.
 */
export function watchSlow<T>(
	work: Promise<T>,
	onSlow: () => void,
	onRecovered: () => void,
	ms = SLOW_STORAGE_MS
): Promise<T> {
	let slow = false;
	const timer = setTimeout(() => {
		slow = true;
		onSlow();
	}, ms);
	const settled = () => {
		clearTimeout(timer);
		if (slow) onRecovered();
	};
	work.then(settled, settled);
	return work;
}
