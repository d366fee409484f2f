/**
 * Setup for the `node` vitest project, whose spec files share one module graph per worker
 * (`isolate: false`, vite.config.ts). A file that leaves fake timers or a stubbed global behind
 * breaks whichever file the worker runs next, as timeouts that point nowhere near the cause.
 * This check names the file that left them, and puts the real ones back.
 */
import { afterAll, beforeAll, expect, vi } from 'vitest';

interface WorkerGlobals {
	setTimeout: typeof setTimeout;
	Date: DateConstructor;
	/** The spec file this worker ran last. */
	lastFile?: string;
}

// This file runs again before every spec file: the real globals are the ones the worker's first
// run saw, kept on the worker's global object.
const key = Symbol.for('services-trade-academy.real-globals');
const holder = globalThis as typeof globalThis & { [key]?: WorkerGlobals };
const real = (holder[key] ??= { setTimeout: globalThis.setTimeout, Date: globalThis.Date });

function leaked(): string[] {
	return [
		globalThis.setTimeout !== real.setTimeout ? 'setTimeout' : null,
		globalThis.Date !== real.Date ? 'Date' : null
	].filter((name): name is string => name !== null);
}

beforeAll(() => {
	const names = leaked();
	globalThis.setTimeout = real.setTimeout;
	globalThis.Date = real.Date;
	expect(names, `${real.lastFile ?? 'an earlier spec file'} left these replaced`).toEqual([]);
});

afterAll(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
	real.lastFile = expect.getState().testPath;
	expect(leaked(), 'this spec file left these replaced').toEqual([]);
});
