/** The app's sections, in the order the home screen and the menu show them. */
export const NAV_ITEMS = [
	{ href: '/', label: 'nav.home', key: 'home' },
	{ href: '/learn', label: 'nav.learn', key: 'learn' },
	{ href: '/glossary', label: 'nav.glossary', key: 'glossary' },
	{ href: '/practice', label: 'nav.practice', key: 'practice' },
	{ href: '/review', label: 'nav.review', key: 'review' },
	{ href: '/classroom', label: 'nav.classroom', key: 'classroom' },
	{ href: '/progress', label: 'nav.progress', key: 'progress' },
	{ href: '/settings', label: 'nav.settings', key: 'settings' }
] as const;

export type Section = Exclude<(typeof NAV_ITEMS)[number]['key'], 'home'>;
export const SECTIONS = NAV_ITEMS.filter((i) => i.key !== 'home');
