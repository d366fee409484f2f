import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTEN_BACKLOG, listenOptions, timeouts } from './listen.js';

describe('how the production server listens', () => {
	it("holds a class's worth of connections waiting to be accepted, not node's 511", () => {
		const { backlog } = listenOptions({});
		expect(backlog).toBe(DEFAULT_LISTEN_BACKLOG);
		// A room of 2,000 over 2 instances: about 1,000 new connections each within a second.
		expect(backlog).toBeGreaterThanOrEqual(1000);
	});

	it('takes PORT, HOST and LISTEN_BACKLOG from the environment, ignoring a bad backlog', () => {
		expect(listenOptions({ PORT: '42701', HOST: '127.0.0.1', LISTEN_BACKLOG: '8192' })).toEqual({
			port: 42701,
			host: '127.0.0.1',
			backlog: 8192
		});
		for (const bad of ['0', '-1', '1.5', 'lots'])
			expect(listenOptions({ LISTEN_BACKLOG: bad }).backlog).toBe(DEFAULT_LISTEN_BACKLOG);
		expect(listenOptions({})).toMatchObject({ port: 3000, host: '0.0.0.0' });
	});

	it("keeps a phone's connection open from one question to the next, headers timing out after it", () => {
		const { keepAliveTimeout, headersTimeout } = timeouts({});
		// Node's default (5 s) closed it before the next answer: one new connection per answer.
		expect(keepAliveTimeout).toBeGreaterThanOrEqual(60_000);
		expect(headersTimeout).toBeGreaterThan(keepAliveTimeout);
		expect(timeouts({ KEEP_ALIVE_TIMEOUT: '10', HEADERS_TIMEOUT: '20' })).toEqual({
			keepAliveTimeout: 10_000,
			headersTimeout: 20_000
		});
		expect(timeouts({ KEEP_ALIVE_TIMEOUT: 'x' }).keepAliveTimeout).toBe(keepAliveTimeout);
	});
});
