/**
 * The pages the start-up benches measure (bench:lighthouse, bench:long-tasks), issue #14: home,
 * learn, a lesson, practice and join, as an English and a Chinese visitor. `LH_ROUTES=/,/learn`
 * and `LH_LOCALE=zh-CN` narrow them.
 */
export const ROUTES = process.env.LH_ROUTES?.split(',') ?? [
	'/',
	'/learn',
	'/learn/modes-of-supply',
	'/practice',
	'/classroom/join'
];
export const LOCALES = process.env.LH_LOCALE ? [process.env.LH_LOCALE] : ['en-US', 'zh-CN'];
