import { describe, expect, it } from 'vitest';
import classroomEn from '$lib/i18n/locales/en/classroom.json';
import classroomZh from '$lib/i18n/locales/zh-CN/classroom.json';
import quizEn from '$lib/i18n/locales/en/quiz.json';
import quizZh from '$lib/i18n/locales/zh-CN/quiz.json';

/**
 * Outcome words (how someone did) must never reuse a true/false option's word (what someone
 * chose): with 正确/错误 as options, "正确：13 · 错误：23" reads as 23 right when 13 were.
 * Every string that reports an outcome, on any screen, is listed here.
 */
const OUTCOME_KEYS = {
	quiz: ['correct', 'incorrect', 'partial', 'dimensionRight', 'dimensionWrong', 'noAnswer'],
	classroom: [
		'stage.outcomes',
		'report.right',
		'report.wrong',
		'report.partial',
		'report.correct',
		'report.answered',
		'player.right',
		'player.partial',
		'player.wrong',
		'player.noAnswer'
	]
} as const;

type Tree = { [key: string]: string | Tree };

/** Every form of a key: plain, or its plural forms (`_one`, `_other`). */
function forms(tree: Tree, path: string): string[] {
	const parts = path.split('.');
	const last = parts.pop()!;
	let node: Tree = tree;
	for (const part of parts) node = node[part] as Tree;
	return Object.entries(node)
		.filter(([key]) => key === last || key.startsWith(`${last}_`))
		.map(([, value]) => String(value));
}

const locales = {
	'zh-CN': { quiz: quizZh as Tree, classroom: classroomZh as Tree },
	en: { quiz: quizEn as Tree, classroom: classroomEn as Tree }
};

describe('outcome words', () => {
	for (const [locale, files] of Object.entries(locales)) {
		it(`${locale}: no outcome string uses the true/false options' words`, () => {
			const options = [String(files.quiz.true), String(files.quiz.false)].map((w) =>
				w.toLowerCase()
			);
			const outcomes = Object.entries(OUTCOME_KEYS).flatMap(([ns, keys]) =>
				keys.flatMap((key) => forms(files[ns as keyof typeof files], key))
			);
			expect(outcomes.length).toBeGreaterThan(OUTCOME_KEYS.quiz.length);
			const collisions = outcomes.filter((text) =>
				options.some((word) => text.toLowerCase().includes(word))
			);
			expect(collisions).toEqual([]);
		});
	}
});
