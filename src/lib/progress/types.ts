import type { Locale } from '$lib/bank/types';

export type Theme = 'system' | 'light' | 'dark';
export type TextSize = 'normal' | 'large' | 'larger';
export type MotionPreference = 'system' | 'reduce' | 'full';

export interface Settings {
	/** Null until the learner picks one: then the browser's preference decides. */
	locale: Locale | null;
	theme: Theme;
	textSize: TextSize;
	motion: MotionPreference;
	exam: { questionCount: number; minutes: number };
	/**
	 * Lessons show the other language beside each paragraph. Absent in settings saved before it
	 * existed, which reads as off.
	 */
	bilingual?: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
	locale: null,
	theme: 'system',
	textSize: 'normal',
	motion: 'system',
	exam: { questionCount: 20, minutes: 20 }
};

export type FlowKind =
	| 'lesson'
	| 'practice'
	| 'exam'
	| 'review'
	| 'mistakes'
	/** A phone in a classroom session with no network (src/lib/features/offline-classroom). */
	| 'offline-classroom';

/** One answer to one item. Append-only: the history that mastery and charts are computed from. */
export interface Attempt {
	/** Unique per attempt (time + random): merging two devices' exports must not collide. */
	id: string;
	itemId: string;
	unit: string;
	/** Epoch milliseconds when the answer was submitted. */
	at: number;
	/**
	 * The learner's UTC offset when answering, in minutes east of UTC (Beijing 480, New York
	 * summer -240). Days (streak, chart, "studied today") are counted in it, so travel and DST
	 * never move an answer to another day. Absent only in files from before schema 2.
	 */
	tz?: number;
	correct: boolean;
	/** 0..1, partial credit on multi-part items. */
	fraction: number;
	/** Time from showing the item to submitting, for review grading. */
	ms: number;
	flow: FlowKind;
}

/** What the scheduler knows about one item; the scheduling fields are owned by the scheduler. */
export interface ItemState {
	itemId: string;
	/** Consecutive right answers since the last wrong one (mistakes notebook: 2 clears it). */
	streak: number;
	lastCorrect: boolean;
	lastAt: number;
	/** Epoch ms when the item is next due for spaced review; null before it is first learned. */
	due: number | null;
	/** Scheduler's own state (ts-fsrs card), opaque to the store. */
	schedule?: Record<string, unknown>;
	/**
	 * In the mistakes notebook: set by a wrong answer, cleared once `streak` reaches 2 (two right
	 * answers in a row). Absent on states written before the notebook: read as `!lastCorrect`.
	 */
	inMistakes?: boolean;
}

/** A flow in progress, saved so a reload, closed tab or crash resumes exactly where it was. */
export interface SavedFlow {
	id: string;
	kind: FlowKind;
	/** Epoch ms of the save (wall clock; see `flow-host.ts` for how time left is kept). */
	savedAt: number;
	/** The machine that wrote `snapshot` ('quiz', 'lesson'); absent before flow versions. */
	machine?: string;
	/** That machine's snapshot version (`FLOW_MACHINES`); absent means version 1. */
	version?: number;
	/** XState persisted snapshot, opaque to the store. */
	snapshot: unknown;
	input: unknown;
}

/** Something the learner should be told about storage. */
export type StorageNotice =
	| { kind: 'not-persistent' }
	| { kind: 'corrupt'; table: string; key: string }
	| { kind: 'full' }
	/**
	 * Storage has kept the page waiting for seconds (opening, or the cross-tab write lock held
	 * elsewhere): nothing is lost; withdrawn when storage answers. See `watchSlow`.
	 */
	| { kind: 'slow' }
	/** No persistent-storage grant: the browser may evict progress (told once). */
	| { kind: 'best-effort' }
	/** Much work since the last backup, on best-effort storage: export one. */
	| { kind: 'export-reminder' };
