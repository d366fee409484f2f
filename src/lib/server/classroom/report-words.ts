/**
 * The words a room's report needs in the room's own language (the language its items were
 * resolved in at creation), whichever language the host's screen shows: the true/false key of
 * questions.csv reads 正确/错误 beside Chinese stems and True/False beside English ones. Taken
 * from the locale files (`quiz:true`, `quiz:false`), so the report says what the phones said.
 */
import type { TrueFalseWords } from '$lib/features/classroom/public-item';
import type { Locale } from '$lib/i18n/locale';
import quizEn from '$lib/i18n/locales/en/quiz.json';
import quizZh from '$lib/i18n/locales/zh-CN/quiz.json';

const QUIZ: Record<Locale, { true: string; false: string }> = { en: quizEn, 'zh-CN': quizZh };

/** `quiz:true` and `quiz:false` in `locale`. */
export const trueFalseWords = (locale: Locale): TrueFalseWords => ({
	true: QUIZ[locale].true,
	false: QUIZ[locale].false
});
