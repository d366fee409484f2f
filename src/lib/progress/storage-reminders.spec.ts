import { describe, expect, it } from 'vitest';
import { storageNotices, type StorageFacts } from './storage-reminders';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30);
const facts = (extra: Partial<StorageFacts> = {}): StorageFacts => ({
	persistent: true,
	persisted: false,
	toldBestEffort: true,
	lastExport: { at: NOW - 10 * DAY, count: 50 },
	count: 60,
	now: NOW,
	...extra
});

describe('storage that can vanish says so', () => {
	it('tells once that storage is best-effort', () => {
		expect(storageNotices(facts({ toldBestEffort: false }))).toEqual([{ kind: 'best-effort' }]);
		expect(storageNotices(facts())).toEqual([]);
	});

	it('waits with the best-effort notice until there is something to lose', () => {
		expect(storageNotices(facts({ toldBestEffort: false, count: 0, lastExport: null }))).toEqual(
			[]
		);
		expect(storageNotices(facts({ toldBestEffort: false, count: 1, lastExport: null }))).toEqual([
			{ kind: 'best-effort' }
		]);
	});

	it('reminds to export after 100 answers and 7 days of unsaved-elsewhere work', () => {
		expect(storageNotices(facts({ count: 150 }))).toEqual([{ kind: 'export-reminder' }]);
		expect(
			storageNotices(facts({ count: 150, lastExport: { at: NOW - 2 * DAY, count: 0 } }))
		).toEqual([]);
	});

	it('says nothing where storage is persisted', () => {
		expect(storageNotices(facts({ persisted: true, toldBestEffort: false, count: 999 }))).toEqual(
			[]
		);
	});
});
