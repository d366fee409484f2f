import { describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import { trueFalse } from '../quiz/quiz.fixtures';
import { savedLessonStatus } from './lesson-status';
import { lessonMachine } from './lesson.machine';
import type { LessonInput } from './lesson.types';

const input: LessonInput = {
	unit: 'modes',
	sections: [
		{ id: 's1', check: [] },
		{ id: 's2', check: [] }
	],
	items: [trueFalse('q1', true)],
	startedAt: 1
};

describe('savedLessonStatus', () => {
	it('keeps a finished lesson completed while its sections are re-read', () => {
		const machine = lessonMachine.provide({
			actors: { saveAttempts: fromPromise(async () => {}) }
		});
		const actor = createActor(machine, { input }).start();
		const status = () => savedLessonStatus(actor.getPersistedSnapshot());
		expect(status()).toEqual({ kind: 'at', section: 1, total: 2 });
		actor.send({ type: 'lesson.check', at: 2 });
		actor.send({ type: 'lesson.check', at: 3 });
		expect(status()).toEqual({ kind: 'done' });
		actor.send({ type: 'lesson.goto', index: 0 });
		expect(actor.getSnapshot().value).toBe('reading');
		expect(status()).toEqual({ kind: 'done' });
	});

	it('reads nothing saved, or something unreadable, as not started', () => {
		expect(savedLessonStatus(null)).toEqual({ kind: 'new' });
		expect(savedLessonStatus({ context: { sections: 'x' } })).toEqual({ kind: 'new' });
	});
});
