/**
 * Runs `work` once the browser has painted the frame being prepared now, so what the learner is
 * waiting for (a verdict) reaches the screen before work that can wait (the explanation, storage
 * bookkeeping). A requestAnimationFrame callback runs just before a paint; a task queued from it
 * runs after that paint. Hidden tabs get no frames, so a timer (`latestMs`) runs it anyway; so
 * does any place without frames (the server, Node tests). Returns a function that cancels it.
 */
export function afterNextPaint(work: () => void, latestMs = 250): () => void {
	let done = false;
	let frame = 0;
	let task: ReturnType<typeof setTimeout> | undefined;
	const run = () => {
		if (done) return;
		done = true;
		cancel();
		work();
	};
	const fallback = setTimeout(run, latestMs);
	function cancel() {
		done = true;
		clearTimeout(fallback);
		clearTimeout(task);
		if (frame) cancelAnimationFrame(frame);
	}
	if (typeof requestAnimationFrame === 'function')
		frame = requestAnimationFrame(() => (task = setTimeout(run)));
	else task = setTimeout(run);
	return cancel;
}
