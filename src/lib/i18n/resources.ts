// Both languages are bundled: together they are a few kilobytes, and loading them lazily
// would add a round trip (and an offline failure mode) before the first word is shown.
import enClassroom from './locales/en/classroom.json';
import enCommon from './locales/en/common.json';
import enHome from './locales/en/home.json';
import enLearn from './locales/en/learn.json';
import enPractice from './locales/en/practice.json';
import enProgress from './locales/en/progress.json';
import enQuiz from './locales/en/quiz.json';
import enReview from './locales/en/review.json';
import enSettings from './locales/en/settings.json';
import zhClassroom from './locales/zh-CN/classroom.json';
import zhCommon from './locales/zh-CN/common.json';
import zhHome from './locales/zh-CN/home.json';
import zhLearn from './locales/zh-CN/learn.json';
import zhPractice from './locales/zh-CN/practice.json';
import zhProgress from './locales/zh-CN/progress.json';
import zhQuiz from './locales/zh-CN/quiz.json';
import zhReview from './locales/zh-CN/review.json';
import zhSettings from './locales/zh-CN/settings.json';

export const resources = {
	en: {
		common: enCommon,
		home: enHome,
		learn: enLearn,
		practice: enPractice,
		review: enReview,
		progress: enProgress,
		quiz: enQuiz,
		classroom: enClassroom,
		settings: enSettings
	},
	'zh-CN': {
		common: zhCommon,
		home: zhHome,
		learn: zhLearn,
		practice: zhPractice,
		review: zhReview,
		progress: zhProgress,
		quiz: zhQuiz,
		classroom: zhClassroom,
		settings: zhSettings
	}
} as const;

export type Namespace = keyof (typeof resources)['en'];
export const namespaces = Object.keys(resources.en) as Namespace[];

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;
/** Every leaf key of a namespace, dotted, with plural forms folded into their base key. */
type LeafKeys<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends string
		? `${Prefix}${WithoutPlural<K>}`
		: LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type English = (typeof resources)['en'];
/** `common` keys bare (`'nav.learn'`), every other namespace prefixed (`'settings:title'`). */
export type TranslationKey =
	| LeafKeys<English['common']>
	| { [N in Exclude<Namespace, 'common'>]: `${N}:${LeafKeys<English[N]>}` }[Exclude<
			Namespace,
			'common'
	  >];
