import { afterEach, describe, expect, it } from 'vitest';
import { browserLocalStorage, localStorageJournal } from './journal';
import { figuresChanged, figuresGeneration } from './known-figures';
import { openBrowserTables } from './tables';

// Site data blocked (Chrome's cookie setting, WeChat's in-app browser on some phones): merely
// reading `localStorage` or `indexedDB` throws a SecurityError. The app then runs on memory with
// a notice; nothing on the way may throw at the page.

const denied = () => {
	throw new DOMException('Access is denied for this document.', 'SecurityError');
};
const blocked = ['localStorage', 'indexedDB'] as const;

afterEach(() => {
	for (const name of blocked) delete (globalThis as Record<string, unknown>)[name];
});

describe('storage that throws when it is merely read', () => {
	it('is no storage: no journal, no figures, no IndexedDB tables, and no throw', async () => {
		for (const name of blocked)
			Object.defineProperty(globalThis, name, { get: denied, configurable: true });
		expect(browserLocalStorage()).toBeUndefined();
		expect(localStorageJournal()).toBeUndefined();
		expect(figuresGeneration()).toBeNull();
		expect(() => figuresChanged()).not.toThrow();
		await expect(openBrowserTables()).resolves.toBeNull();
	});
});
