import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTEN_BACKLOG, listenOptions } from './listen.js';

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
});
