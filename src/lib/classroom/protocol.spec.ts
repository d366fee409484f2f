import { describe, expect, it } from 'vitest';
import { parseSse } from './client.svelte';

describe('SSE parsing', () => {
	it('splits messages, skips heartbeats and keeps a partial tail', () => {
		const { messages, rest } = parseSse(
			'retry: 2000\n: connected\n\nid: 3\nevent: view\ndata: {"a":1}\n\n: heartbeat\n\nid: 4\nevent: vi'
		);
		expect(messages).toEqual([{ id: '3', event: 'view', data: '{"a":1}' }]);
		expect(rest).toBe('id: 4\nevent: vi');
	});
});
