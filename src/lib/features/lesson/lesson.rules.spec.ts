import { describe, expect, it } from 'vitest';
import type { UnitContent } from '$lib/bank/types';
import { trueFalse } from '../quiz/quiz.fixtures';
import { lessonContent } from './lesson.rules';

describe('lessonContent', () => {
	it('keeps the lesson and, in order, only the items its sections check', () => {
		const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => trueFalse(id, true));
		const unit: UnitContent = {
			id: 'u',
			locale: 'en',
			lesson: {
				title: 'T',
				summary: '',
				objectives: [],
				sections: [
					{ id: 's1', title: 'S1', blocks: [], check: ['c', 'gone'] },
					{ id: 's2', title: 'S2', blocks: [], check: ['a'] }
				]
			},
			items: [a, b, c, d]
		};
		const content = lessonContent(unit);
		expect(content.items).toEqual([a, c]);
		expect(content.lesson).toBe(unit.lesson);
		expect(unit.items).toEqual([a, b, c, d]);
	});
});
