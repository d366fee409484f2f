/**
 * Type that fills the box it has: the projector's question, lobby and podium take the largest
 * font size (px) at which their content fits their box without scrolling, so a short question
 * is huge for the back row and a long one still fits, at 16:9 and 4:3 alike.
 */

/**
 * The largest size in [min, max] for which `fits(size)` holds, to within `precision` px, by
 * bisection (fitting is monotone: smaller type never overflows where larger type fits).
 * Returns `min` when even that does not fit: the floor of legibility wins over fitting.
 */
export function largestFitting(
	min: number,
	max: number,
	fits: (size: number) => boolean,
	precision = 0.5
): number {
	if (fits(max)) return max;
	let low = min;
	let high = max;
	while (high - low > precision) {
		const mid = (low + high) / 2;
		if (fits(mid)) low = mid;
		else high = mid;
	}
	return low;
}

export interface FitTextOptions {
	/** Smallest and largest font size in px. */
	min: number;
	max: number;
	/** Called after each fit with the node (at `min`, its content may still overflow). */
	onfit?: (node: HTMLElement) => void;
}

/**
 * Svelte action: sets `node`'s font size to the largest that fits. The node needs a definite
 * size (a flex or grid child with `min-height: 0`) and `overflow: hidden`; descendants size in
 * `em`. Re-fits when the node is resized or its content changes (keep ticking clocks outside it).
 */
export function fitText(node: HTMLElement, options: FitTextOptions) {
	let current = options;
	const fits = (size: number) => {
		node.style.fontSize = `${size}px`;
		return node.scrollHeight <= node.clientHeight + 1 && node.scrollWidth <= node.clientWidth + 1;
	};
	const fit = () => {
		const size = largestFitting(current.min, current.max, fits);
		node.style.fontSize = `${size}px`;
		node.dataset.fitSize = String(Math.round(size));
		current.onfit?.(node);
	};
	let frame = 0;
	const schedule = () => {
		cancelAnimationFrame(frame);
		frame = requestAnimationFrame(fit);
	};
	const resized = new ResizeObserver(schedule);
	resized.observe(node);
	const changed = new MutationObserver(schedule);
	changed.observe(node, { childList: true, subtree: true, characterData: true });
	fit();
	return {
		update(next: FitTextOptions) {
			current = next;
			fit();
		},
		destroy() {
			cancelAnimationFrame(frame);
			resized.disconnect();
			changed.disconnect();
		}
	};
}
