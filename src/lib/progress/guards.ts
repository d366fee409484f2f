import { isLocale } from '$lib/i18n/locale';
import type { Attempt, ItemState, SavedFlow, Settings } from './types';

// Hand-written guards rather than a schema library: these shapes are small, and every
// kilobyte of the first load is paid on a phone. A record that fails a guard is set aside.

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/**
 * An id the store and the backup use as a property name (unit → item → state, flow id): never
 * `__proto__`, which as a property assignment sets an object's prototype instead of adding an
 * entry, so whatever was filed under it silently disappears from the next read or export.
 */
export const isRecordKey = (v: unknown): v is string => isString(v) && v !== '__proto__';
const oneOf =
	<T extends string>(...values: T[]) =>
	(v: unknown): v is T =>
		values.includes(v as T);

const isFlowKind = oneOf('lesson', 'practice', 'exam', 'review', 'mistakes', 'offline-classroom');

export function isSettings(v: unknown): v is Settings {
	return (
		isObject(v) &&
		(v.locale === null || isLocale(v.locale)) &&
		oneOf('system', 'light', 'dark')(v.theme) &&
		oneOf('normal', 'large', 'larger')(v.textSize) &&
		oneOf('system', 'reduce', 'full')(v.motion) &&
		isObject(v.exam) &&
		isNumber(v.exam.questionCount) &&
		isNumber(v.exam.minutes) &&
		(v.bilingual === undefined || typeof v.bilingual === 'boolean')
	);
}

export function isAttempt(v: unknown): v is Attempt {
	return (
		isObject(v) &&
		isRecordKey(v.id) &&
		isRecordKey(v.itemId) &&
		isRecordKey(v.unit) &&
		isNumber(v.at) &&
		typeof v.correct === 'boolean' &&
		isNumber(v.fraction) &&
		v.fraction >= 0 &&
		v.fraction <= 1 &&
		isNumber(v.ms) &&
		v.ms >= 0 &&
		isFlowKind(v.flow) &&
		(v.tz === undefined || isUtcOffset(v.tz))
	);
}

export function isItemState(v: unknown): v is ItemState {
	return (
		isObject(v) &&
		isRecordKey(v.itemId) &&
		isNumber(v.streak) &&
		typeof v.lastCorrect === 'boolean' &&
		isNumber(v.lastAt) &&
		(v.due === null || isNumber(v.due)) &&
		(v.schedule === undefined || isObject(v.schedule)) &&
		(v.inMistakes === undefined || typeof v.inMistakes === 'boolean')
	);
}

/** Real zones run from UTC-12 to UTC+14, in whole minutes. */
export const isUtcOffset = (v: unknown): v is number =>
	Number.isInteger(v) && (v as number) >= -720 && (v as number) <= 840;

export function isSavedFlow(v: unknown): v is SavedFlow {
	return (
		isObject(v) &&
		isRecordKey(v.id) &&
		isFlowKind(v.kind) &&
		isNumber(v.savedAt) &&
		(v.machine === undefined || isString(v.machine)) &&
		(v.version === undefined || (Number.isInteger(v.version) && (v.version as number) >= 1))
	);
}
