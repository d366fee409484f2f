/**
 * What every importer returns, the shape the import preview, the CLI (`npm run sets:import`) and
 * the tests share. Importers are pure: text (or rows) in, preview out; nothing is written until
 * the instructor confirms the whole preview.
 */
import type { OwnItem, OwnItemType } from '../own-item';

/**
 * Why something was refused, as a message code with parameters: the UI words it in the
 * learner's language (`sets:reason.<code>` in the locale files), the CLI in English.
 */
export interface Reason {
	code: string;
	params?: Record<string, string | number>;
}

/** One question that will be imported. `line` is 1-based (a row number for spreadsheets). */
export interface ImportedEntry {
	line: number;
	type: OwnItemType;
	/** The stem in the language it was written in, for the preview list. */
	stem: string;
	/** The key in short form: `B`, `AC`, `true`, `a; b`, `x → y; …`. */
	key: string;
	item: OwnItem;
}

/** One question that will not be imported, with where it starts and why. */
export interface Rejection {
	line: number;
	reason: Reason;
}

export interface ImportPreview {
	imported: ImportedEntry[];
	rejected: Rejection[];
}

export const FORMATS = ['gift', 'aiken', 'cn-text', 'xlsx', 'csv'] as const;
/** `cn-text` is the numbered 题目/答案/解析 plain text used by Chinese exam and LMS tools. */
export type FormatId = (typeof FORMATS)[number];

/** A file-level refusal: nothing in it is imported. */
export class ImportError extends Error {
	constructor(readonly reason: Reason) {
		super(reason.code);
		this.name = 'ImportError';
	}
}
