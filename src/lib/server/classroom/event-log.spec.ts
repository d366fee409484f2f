/**
 * Group commit in the embedded room log (issue #11: no fsync per answer): lines appended while a
 * sync is in flight go out together in one write and one sync, and each append is acknowledged
 * only once the sync that covers it has finished.
 */
import type { FileHandle } from 'node:fs/promises';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { EventLog } from './event-log';
import type { LogRecord } from './store';

const dirs: string[] = [];
afterEach(async () => {
	for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const record = (seq: number) =>
	({ kind: 'event', seq, event: { type: 'clock.tick', at: seq } }) as LogRecord;

it('acknowledges every line that arrived during a sync with the next single sync, not one each', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'event-log-'));
	dirs.push(dir);
	const log = new EventLog(join(dir, 'room.jsonl'));
	const handle = await (log as unknown as { handle: Promise<FileHandle> }).handle;
	const releases: (() => void)[] = [];
	const realSync = handle.datasync.bind(handle);
	const datasync = vi
		.spyOn(handle, 'datasync')
		.mockImplementation(() => new Promise<void>((r) => releases.push(r)).then(realSync));
	const write = vi.spyOn(handle, 'write');
	const acked: number[] = [];
	const append = (seq: number) => log.append(record(seq)).then(() => void acked.push(seq));

	const first = append(1);
	await vi.waitFor(() => expect(releases).toHaveLength(1));
	// Three more while the first sync runs.
	const rest = [append(2), append(3), append(4)];
	await new Promise((r) => setTimeout(r, 20));
	expect(acked).toEqual([]);

	releases[0]();
	await first;
	await vi.waitFor(() => expect(releases).toHaveLength(2));
	// The second batch is written, but nobody is acknowledged before its sync ends.
	expect(acked).toEqual([1]);
	releases[1]();
	await Promise.all(rest);

	expect(acked).toEqual([1, 2, 3, 4]);
	expect(datasync).toHaveBeenCalledTimes(2);
	expect(write).toHaveBeenCalledTimes(2);
	await log.close();
	const lines = (await readFile(join(dir, 'room.jsonl'), 'utf8')).trim().split('\n');
	expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3, 4]);
});
