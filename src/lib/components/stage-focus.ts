/**
 * Focus for screens that replace themselves (the live classroom's stages: lobby, question,
 * reveal, leaderboard, end, a room that is gone). When the stage changes, the control a keyboard
 * or screen-reader user was on is often removed or disabled, and the browser drops focus to the
 * page body: the next Tab starts from the top of the page and nothing is read. This action puts
 * focus on the new stage's heading instead, so the user starts there and hears where they are.
 *
 * Use it on the element that names the stage (a heading with `tabindex="-1"`, or the one button
 * of a stage that is only a message), with a `key` that changes whenever the stage does:
 *
 * ```svelte
 * <h2 tabindex="-1" use:stageFocus={{ key: `${phase}:${index}` }}>…</h2>
 * ```
 *
 * - Mounting the element counts as a change (a new `{#if}` branch is a new stage).
 * - `mode: 'always'` (default; the phone, where every control belongs to the stage) moves focus
 *   on every change.
 * - `mode: 'lost'` (the host console, the projector: they keep controls across stages) moves it
 *   only when focus was lost: on the body, on a removed element, or on a control that is now
 *   disabled. A control the user is still on is left alone.
 *
 * Focus moves in a microtask after the change, once Svelte has removed the old stage. It moves
 * with `preventScroll: false`, so the heading comes into view on a small screen.
 */
export type StageFocusMode = 'always' | 'lost';

export interface StageFocusOptions {
	/** Changes whenever the stage does (e.g. `"question:2"`); equal keys never move focus. */
	key: string | number;
	/** `'always'` (default) or `'lost'`: see the module's comment. */
	mode?: StageFocusMode;
}

/** Whether focus is nowhere useful: on the body, on a detached element, or on a disabled control. */
export function focusIsLost(doc: Document = document): boolean {
	const active = doc.activeElement;
	if (!active || active === doc.body || active === doc.documentElement) return true;
	if (!active.isConnected) return true;
	return active.matches(':disabled');
}

/** Svelte action: see the module's comment. Returns `update` (new key or mode) and `destroy`. */
export function stageFocus(node: HTMLElement, options: StageFocusOptions) {
	let { key, mode = 'always' } = options;
	let destroyed = false;
	// In a microtask: by then Svelte has removed the old stage, and the browser has moved focus
	// off a removed control to the body, so `focusIsLost` sees what the user is left with.
	const move = () => {
		queueMicrotask(() => {
			if (destroyed || !node.isConnected) return;
			if (mode === 'lost' && !focusIsLost(node.ownerDocument)) return;
			if (node.ownerDocument.activeElement === node) return;
			node.focus();
		});
	};
	move();
	return {
		update(next: StageFocusOptions) {
			mode = next.mode ?? 'always';
			if (next.key === key) return;
			key = next.key;
			move();
		},
		destroy() {
			destroyed = true;
		}
	};
}
