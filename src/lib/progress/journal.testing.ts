import type { LearnPayload } from './learn-hook';
import type { JournalEntry } from './journal';

/** One answer as `recordAnswers` journals it. */
export function answerEntry(tab: string, n: number, at: number): JournalEntry {
	const itemId = `item-${n % 4}`;
	const correct = n % 3 !== 0;
	const learn: LearnPayload = {
		mode: 'practice',
		answer: {
			itemId,
			unit: 'modes-of-supply',
			response: { type: 'truefalse', value: correct },
			score: { correct, fraction: correct ? 1 : 0 },
			ms: 3000,
			at
		}
	};
	return {
		attempt: {
			id: `${tab}-${n}`,
			itemId,
			unit: 'modes-of-supply',
			at,
			correct,
			fraction: correct ? 1 : 0,
			ms: 3000,
			flow: 'practice',
			tz: 480
		},
		learn
	};
}
