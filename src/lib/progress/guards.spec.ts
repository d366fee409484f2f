import { describe, expect, it } from 'vitest';
import { isSettings } from './guards';
import { DEFAULT_SETTINGS } from './types';

describe('isSettings: bilingual reading', () => {
	it('keeps settings saved before the choice existed, and either choice after', () => {
		expect(isSettings({ ...DEFAULT_SETTINGS })).toBe(true);
		expect(isSettings({ ...DEFAULT_SETTINGS, bilingual: true })).toBe(true);
		expect(isSettings({ ...DEFAULT_SETTINGS, bilingual: false })).toBe(true);
	});

	it('sets aside a record with a malformed choice', () => {
		expect(isSettings({ ...DEFAULT_SETTINGS, bilingual: 'yes' })).toBe(false);
	});
});
