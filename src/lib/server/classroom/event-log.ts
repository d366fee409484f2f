/**
 * The append-only log of one room: a JSON-lines file `<roomId>.jsonl`. The first line says how
 * the room was made (its machine input, so a replay does not depend on the bank build of the
 * day); every later line is one event the machine accepted, in the order it applied them.
 *
 * Writes are group-committed: lines queued while a write is in flight go out together in one
 * `write` + `datasync`, and each caller's promise resolves only after its line is on disk. An
 * answer is acknowledged after that, so a `kill -9` (or a power cut) cannot lose an
 * acknowledged answer, and 300 answers in one second cost a handful of syncs, not 300.
 */
import { open, readFile, readdir, rm, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_VERSION, type LogRecord } from './store';

export { LOG_VERSION, type CreatedRecord, type EventRecord, type LogRecord } from './store';

export class EventLog {
	private handle: Promise<FileHandle>;
	private pending: { line: string; done: () => void; failed: (error: unknown) => void }[] = [];
	private flushing: Promise<void> | null = null;
	private closed = false;

	constructor(readonly path: string) {
		this.handle = open(path, 'a');
		// A failure to open surfaces on the first append; this keeps it from being unhandled.
		this.handle.catch(() => undefined);
	}

	/** Resolves once the record is durably written. Order of calls is order in the file. */
	append(record: LogRecord): Promise<void> {
		if (this.closed) return Promise.reject(new Error('event log closed'));
		const line = JSON.stringify(record) + '\n';
		return new Promise((done, failed) => {
			this.pending.push({ line, done, failed });
			this.flushing ??= this.flush();
		});
	}

	/** Resolves when everything appended so far is on disk. */
	async settled(): Promise<void> {
		while (this.flushing) await this.flushing;
	}

	private async flush(): Promise<void> {
		// Let the current burst of synchronous appends join this batch.
		await Promise.resolve();
		while (this.pending.length > 0) {
			const batch = this.pending;
			this.pending = [];
			try {
				const handle = await this.handle;
				await handle.write(batch.map((p) => p.line).join(''));
				await handle.datasync();
				for (const p of batch) p.done();
			} catch (error) {
				for (const p of batch) p.failed(error);
			}
		}
		this.flushing = null;
	}

	async close(): Promise<void> {
		await this.settled();
		this.closed = true;
		const handle = await this.handle.catch(() => null);
		await handle?.close();
	}
}

export const logPath = (dataDir: string, roomId: string): string =>
	join(dataDir, `${roomId}.jsonl`);

export async function listLogs(dataDir: string): Promise<string[]> {
	const names = await readdir(dataDir).catch(() => [] as string[]);
	return names.filter((n) => n.endsWith('.jsonl')).map((n) => join(dataDir, n));
}

/**
 * Reads a log for replay. A crash can leave a last line half written: it was never acknowledged,
 * so it is dropped and the file truncated to the last full line (else the next append would be
 * glued to it). Any other bad line makes the whole log unreadable (null): better to drop a room
 * than to resume it wrong.
 */
export async function readLog(path: string): Promise<LogRecord[] | null> {
	const text = await readFile(path, 'utf8');
	const lastNewline = text.lastIndexOf('\n');
	if (lastNewline < text.length - 1)
		await truncate(path, Buffer.byteLength(text.slice(0, lastNewline + 1)));
	const lines = text
		.slice(0, lastNewline + 1)
		.split('\n')
		.filter((l) => l.length > 0);
	const records: LogRecord[] = [];
	for (const line of lines) {
		try {
			records.push(JSON.parse(line) as LogRecord);
		} catch {
			return null;
		}
	}
	const first = records[0];
	if (!first || first.kind !== 'created' || first.v !== LOG_VERSION) return null;
	return records;
}

export const removeLog = (path: string): Promise<void> => rm(path, { force: true });
