/**
 * Runs `work` once the browser has painted the frame being prepared now, so what the learner is
 * waiting for (a verdict) reaches the screen before work that can wait (the explanation, storage
 * bookkeeping). A requestAnimationFrame callback runs just before a paint; a task queued from it
 * runs after that paint. Hidden tabs get no frames, so a timer (`LATEST_MS`) runs it anyway; so
 * does any place without frames (the server, Node tests). Returns a function that cancels it.
 *
 * Everything asked for before the same paint shares one frame callback, one task and one timer
 * (an answer asks three or four times: the explanation, the session save, the journal move):
 * the frame that shows the verdict pays for one callback instead of a dozen timers. The works
 * run in the order asked; one that throws is reported and does not stop the others.
 */
export function afterNextPaint(work: () => void): () => void {
	const entry = { work, cancelled: false };
	pending.push(entry);
	if (pending.length === 1) schedule();
	return () => {
		entry.cancelled = true;
	};
}

/** Hidden tabs get no frames: past this, the works run anyway. */
const LATEST_MS = 250;

let pending: { work: () => void; cancelled: boolean }[] = [];
let frame = 0;
let task: ReturnType<typeof setTimeout> | undefined;
let fallback: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
	fallback = setTimeout(run, LATEST_MS);
	if (typeof requestAnimationFrame === 'function')
		frame = requestAnimationFrame(() => {
			frame = 0;
			task = setTimeout(run);
		});
	else task = setTimeout(run);
}

function run(): void {
	clearTimeout(fallback);
	clearTimeout(task);
	if (frame) cancelAnimationFrame(frame);
	frame = 0;
	// Work asked for while these run waits for the next paint, like any other.
	const batch = pending;
	pending = [];
	for (const entry of batch) {
		if (entry.cancelled) continue;
		entry.cancelled = true;
		try {
			entry.work();
		} catch (error) {
			console.error(error);
		}
	}
}

/**
 * `task`, whose promise resolves no earlier than the next paint after it was called (rejections
 * are passed on at once). For a save whose completion moves a flow on (the quiz's
 * `saveAttempts`): the verdict, shown as the save starts, has its frame to itself, and the
 * flow's next state (the way on, the session snapshot) is worked out after that frame is
 * painted instead of in it. What the save does, and when it is safe, does not change.
 */
export function resolvedAfterNextPaint<Args extends unknown[], T>(
	task: (...args: Args) => Promise<T>
): (...args: Args) => Promise<T> {
	return (...args) => {
		const painted = new Promise<void>((done) => afterNextPaint(done));
		return task(...args).then((result) => painted.then(() => result));
	};
}
