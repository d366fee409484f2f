/** Entries shared by the set specs: one of each askable kind, small and valid. */
import type { BankEntry, DrillEntry, OwnEntry, QuestionSet } from './set-store';

/** An own true/false item, Chinese only (both languages carry the Chinese text). */
export const ownEntry: OwnEntry = {
	kind: 'own',
	item: {
		id: 'own-1',
		type: 'truefalse',
		part: '',
		concepts: [],
		difficulty: 2,
		lang: 'zh',
		stem: { zh: '出国留学属于境外消费。', en: '出国留学属于境外消费。' },
		explanation: { zh: '消费者移动。', en: '消费者移动。' },
		answer: true
	}
};
export const bankEntry: BankEntry = { kind: 'bank', unit: 'modes-of-supply', id: 'mode-02' };
export const drillEntry: DrillEntry = { kind: 'drill', drill: 'mode', seed: 5, count: 2 };

/** A stored set with one entry of each kind, a draft among them (never asked, never sent). */
export const weekSet: QuestionSet = {
	schema: 1,
	id: 'set-abc123',
	name: 'Week 3',
	createdAt: 1,
	updatedAt: 2,
	entries: [bankEntry, { kind: 'draft', id: 'own-2', draft: {} }, ownEntry, drillEntry]
};
