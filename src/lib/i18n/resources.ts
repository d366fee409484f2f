// Types and names only: the strings themselves load in i18n.svelte.ts (each page carries its
// own in its language; other pages' come as chunks with those pages).

/** The English resources' shape: the source of truth for keys (zh-CN must match, tested). */
interface English {
	common: typeof import('./locales/en/common.json');
	home: typeof import('./locales/en/home.json');
	learn: typeof import('./locales/en/learn.json');
	glossary: typeof import('./locales/en/glossary.json');
	practice: typeof import('./locales/en/practice.json');
	review: typeof import('./locales/en/review.json');
	progress: typeof import('./locales/en/progress.json');
	quiz: typeof import('./locales/en/quiz.json');
	classroom: typeof import('./locales/en/classroom.json');
	offline: typeof import('./locales/en/offline.json');
	settings: typeof import('./locales/en/settings.json');
	sets: typeof import('./locales/en/sets.json');
}

export type Namespace = keyof English;
export const NAMESPACES: readonly Namespace[] = [
	'common',
	'home',
	'learn',
	'glossary',
	'practice',
	'review',
	'progress',
	'quiz',
	'classroom',
	'offline',
	'settings',
	'sets'
];

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
/** Every leaf key of a namespace, dotted, with plural forms folded into their base key. */
type LeafKeys<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends string
		? `${Prefix}${WithoutPlural<K>}`
		: LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** `common` keys bare (`'nav.learn'`), every other namespace prefixed (`'settings:title'`). */
export type TranslationKey =
	| LeafKeys<English['common']>
	| { [N in Exclude<Namespace, 'common'>]: `${N}:${LeafKeys<English[N]>}` }[Exclude<
			Namespace,
			'common'
	  >];
