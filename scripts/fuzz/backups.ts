import { readFileSync } from 'node:fs';
import {
	BACKUP_ERROR_MESSAGES,
	exportProgress,
	importProgress,
	parseBackup,
	serialiseBackup
} from '../../src/lib/progress/backup';
import { openProgressStore, type ProgressStore } from '../../src/lib/progress/progress-store';
import { scheduleReview } from '../../src/lib/progress/scheduler';
import { createMemoryTables } from '../../src/lib/progress/tables';
import { DEFAULT_SETTINGS, type Attempt } from '../../src/lib/progress/types';
import type { Figure } from './figures';
import { tally } from './figures';
import { decodeAsBrowser, mutateBackup, type MutatedFile } from './mutate';
import type { Rng } from './random';

type Locale = 'en' | 'zh-CN';

/** The refusal messages as the learner reads them, per locale (i18n key → text). */
export function refusalMessages(): Record<Locale, Record<string, string>> {
	const read = (locale: string) =>
		JSON.parse(readFileSync(`src/lib/i18n/locales/${locale}/progress.json`, 'utf8')) as Record<
			string,
			string
		>;
	return { en: read('en'), 'zh-CN': read('zh-CN') };
}

/** A learner's history to protect: 3 days of answers, item states, a lesson place, a session. */
export async function seededStore(): Promise<ProgressStore> {
	const store = await openProgressStore({ tables: createMemoryTables(), persistent: true });
	const t0 = Date.UTC(2026, 10, 1, 8);
	const attempts: Attempt[] = Array.from({ length: 12 }, (_, i) => ({
		id: `seed-${i}`,
		itemId: `u1-q${i % 4}`,
		unit: 'u1',
		at: t0 + i * 7_200_000,
		tz: 480,
		correct: i % 3 !== 0,
		fraction: i % 3 !== 0 ? 1 : 0,
		ms: 3000 + i,
		flow: 'practice'
	}));
	await store.recordAttempts(attempts);
	await store.putItemStates(
		'u1',
		[0, 1, 2, 3].map((q) => ({
			itemId: `u1-q${q}`,
			streak: q % 2,
			lastCorrect: q % 2 === 1,
			lastAt: t0 + q,
			inMistakes: q % 2 === 0,
			...scheduleReview(null, q % 2 ? 'good' : 'again', t0 + q)
		}))
	);
	await store.saveFlow({
		id: 'lesson:u1',
		kind: 'lesson',
		savedAt: t0,
		machine: 'lesson',
		version: 1,
		snapshot: { value: 'reading' },
		input: { unit: 'u1' }
	});
	await store.saveSettings({ ...DEFAULT_SETTINGS, theme: 'dark' });
	return store;
}

/** Everything the store holds, as one comparable string (the export without its timestamp). */
export async function stateOf(store: ProgressStore): Promise<string> {
	return JSON.stringify({
		...(await exportProgress(store, 0)),
		quarantined: await store.listQuarantined()
	});
}

/** What one file did to a store holding `seededStore()`'s history. */
export type Outcome =
	| {
			result: 'refused';
			error: string;
			changed: boolean;
			messages: Record<string, string | undefined>;
	  }
	| { result: 'accepted'; lost: number; notKept: number; reexportRefused: string | null }
	| { result: 'crash'; error: string };

/**
 * As the Backup panel does (`File.text()`, `parseBackup`, `importProgress`), against a fresh
 * in-memory store with the seeded history; then checks what the learner would see and keep.
 */
export async function tryFile(file: MutatedFile): Promise<Outcome> {
	const store = await seededStore();
	const before = await stateOf(store);
	const messages = refusalMessages();
	try {
		const parsed = parseBackup(decodeAsBrowser(file.bytes));
		if (!parsed.ok) {
			const key = BACKUP_ERROR_MESSAGES[parsed.error]?.replace('progress:', '') ?? '';
			return {
				result: 'refused',
				error: parsed.error,
				changed: (await stateOf(store)) !== before,
				messages: { en: messages.en[key], 'zh-CN': messages['zh-CN'][key] }
			};
		}
		await importProgress(store, parsed.backup);
		// Still a valid file after the damage: merged. It may add, never take away, and the
		// learner's next backup must still be readable.
		const was = JSON.parse(before) as { attempts: Attempt[] };
		const after = await exportProgress(store);
		const kept = new Set(after.attempts.map((a) => a.id));
		const reparsed = parseBackup(serialiseBackup(after));
		// And what the file brought is there: its answers, and its item states unless newer here.
		const notKept =
			parsed.backup.attempts.filter((a) => !kept.has(a.id)).length +
			Object.entries(parsed.backup.itemStates)
				.flatMap(([unit, states]) =>
					Object.values(states).map((s) => {
						const here = Object.hasOwn(after.itemStates, unit)
							? Object.hasOwn(after.itemStates[unit], s.itemId)
								? after.itemStates[unit][s.itemId]
								: undefined
							: undefined;
						return here !== undefined && here.lastAt >= s.lastAt;
					})
				)
				.filter((ok) => !ok).length;
		return {
			result: 'accepted',
			notKept,
			lost: was.attempts.filter((a) => !kept.has(a.id)).length,
			reexportRefused: reparsed.ok ? null : reparsed.detail
		};
	} catch (error) {
		return { result: 'crash', error: String(error).slice(0, 200) };
	}
}

/** A refusal message is clear when both locales have it and the Chinese one is Chinese. */
export function clearMessage(messages: Record<string, string | undefined>): boolean {
	const en = messages.en ?? '';
	const zh = messages['zh-CN'] ?? '';
	return en.length > 10 && /[\u4e00-\u9fff]/.test(zh) && en !== zh;
}

/**
 * Figure 3 in Node: `n` files from `mutateBackup`, each tried on a fresh copy of the seeded
 * history. Counts crashes (a throw anywhere), state changes (a refused file changed something,
 * or an accepted one lost an answer or made the next export unreadable) and refusals without a
 * clear message in both languages.
 */
export async function backupFigure(
	rng: Rng,
	n: number
): Promise<{ figure: Figure; valid: string }> {
	const valid = serialiseBackup(await exportProgress(await seededStore(), Date.UTC(2026, 10, 5)));
	let crashes = 0;
	let changes = 0;
	let unclear = 0;
	let accepted = 0;
	const kinds: string[] = [];
	const notes: string[] = [];
	for (let i = 0; i < n; i++) {
		const file = mutateBackup(valid, rng);
		kinds.push(file.kind);
		const outcome = await tryFile(file);
		if (outcome.result === 'crash') {
			crashes++;
			notes.push(`#${i} ${file.kind}: threw ${outcome.error}`);
		} else if (outcome.result === 'refused') {
			if (outcome.changed) {
				changes++;
				notes.push(`#${i} ${file.kind}: refused (${outcome.error}) but changed the stored state`);
			}
			if (!clearMessage(outcome.messages)) {
				unclear++;
				notes.push(
					`#${i} ${file.kind}: refused (${outcome.error}) without a message in both languages`
				);
			}
		} else {
			accepted++;
			if (outcome.lost > 0 || outcome.notKept > 0 || outcome.reexportRefused) {
				changes++;
				notes.push(
					`#${i} ${file.kind}: accepted, ${outcome.lost} answers lost, ${outcome.notKept} of the file's records not kept${
						outcome.reexportRefused ? `, next backup unreadable (${outcome.reexportRefused})` : ''
					}`
				);
			}
		}
	}
	return {
		valid,
		figure: {
			title: `3. ${n} mutated backups in Node (${accepted} still valid, merged)`,
			counts: [
				{ label: 'crashes', value: crashes, max: 0 },
				{ label: 'state changes', value: changes, max: 0 },
				{ label: 'refused without a clear message', value: unclear, max: 0 }
			],
			notes: [`kinds: ${tally(kinds)}`, ...notes.slice(0, 12)]
		}
	};
}
