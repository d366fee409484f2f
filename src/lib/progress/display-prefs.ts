import type { Locale } from '$lib/bank/types';
import type { MotionPreference, TextSize, Theme } from './types';

/**
 * A copy of the display settings in localStorage, read synchronously by the inline script in
 * app.html before the first paint so the page never flashes the wrong theme or language.
 * The progress store stays the source of truth; this mirror is only a paint-time hint.
 */
export const DISPLAY_PREFS_KEY = 'sta:display';

export interface DisplayPrefs {
	locale: Locale | null;
	theme: Theme;
	textSize: TextSize;
	motion: MotionPreference;
}

export function applyDisplayPrefs(prefs: DisplayPrefs): void {
	const root = document.documentElement;
	root.dataset.theme = prefs.theme;
	root.dataset.textSize = prefs.textSize;
	root.dataset.motion = prefs.motion;
	try {
		localStorage.setItem(DISPLAY_PREFS_KEY, JSON.stringify(prefs));
	} catch {
		// Storage blocked: the hint is lost, the setting itself is not.
	}
}
