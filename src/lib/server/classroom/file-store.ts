/**
 * The embedded store: this process is the only writer, each room a JSON-lines file (see
 * event-log.ts), the PIN index and the live-room count in memory (rebuilt from the logs at
 * start-up by the registry), rate limits in memory.
 */
import { mkdir } from 'node:fs/promises';
import { EventLog, listLogs, logPath, readLog, removeLog } from './event-log';
import { memoryLimiter, type Limiter, type LimitRule } from './rate-limit';
import type {
	AppendOptions,
	CreatedRecord,
	EventRecord,
	LogRecord,
	NewEvent,
	RoomStore
} from './store';

export class FileStore implements RoomStore {
	readonly kind = 'embedded';
	private readonly logs = new Map<string, EventLog>();
	private readonly pins = new Map<string, string>();
	/** Room id → live until (ms); absent once ended. */
	private readonly live = new Map<string, number>();

	constructor(readonly dataDir: string) {}

	async recoverAll(): Promise<{ roomId: string; records: LogRecord[] | null }[]> {
		await mkdir(this.dataDir, { recursive: true });
		const rooms = [];
		for (const path of await listLogs(this.dataDir)) {
			const records = await readLog(path).catch(() => null);
			const created = records?.[0];
			const roomId = created?.kind === 'created' ? created.input.roomId : path;
			if (created?.kind === 'created') {
				this.logs.set(roomId, new EventLog(path));
				this.pins.set(created.input.pin, roomId);
			}
			rooms.push({ roomId, records });
		}
		return rooms;
	}

	private log(roomId: string): EventLog {
		const log = this.logs.get(roomId);
		if (!log) throw new Error(`no log for room ${roomId}`);
		return log;
	}

	async create(record: CreatedRecord, ttlMs: number): Promise<boolean> {
		const { roomId, pin, createdAt } = record.input;
		if (this.pins.has(pin)) return false;
		await mkdir(this.dataDir, { recursive: true });
		const log = new EventLog(logPath(this.dataDir, roomId));
		this.logs.set(roomId, log);
		this.pins.set(pin, roomId);
		this.live.set(roomId, createdAt + ttlMs);
		try {
			await log.append(record);
		} catch (error) {
			await this.remove(roomId, pin);
			throw error;
		}
		return true;
	}

	async load(roomId: string): Promise<LogRecord[] | null> {
		const log = this.logs.get(roomId);
		return log ? readLog(log.path) : null;
	}

	async readAfter(): Promise<EventRecord[]> {
		// The one writer never falls behind itself.
		return [];
	}

	async append(roomId: string, event: NewEvent, options: AppendOptions): Promise<number> {
		if (event.seq === undefined) throw new Error('embedded appends are numbered by the room');
		const written = this.log(roomId).append({ ...event, seq: event.seq });
		if (options.ended) this.live.delete(roomId);
		else this.live.set(roomId, Date.now() + options.ttlMs);
		await written;
		return event.seq;
	}

	async settled(roomId?: string): Promise<void> {
		const logs = roomId ? [this.logs.get(roomId)] : [...this.logs.values()];
		await Promise.all(logs.map((log) => log?.settled()));
	}

	onAppended(): void {}
	onReconnected(): void {}
	onPresenceChanged(): void {}

	async sharePresence(): Promise<void> {}

	async remotePresence(): Promise<null> {
		return null;
	}

	async roomOfPin(pin: string): Promise<string | null> {
		return this.pins.get(pin) ?? null;
	}

	async pinTaken(pin: string): Promise<boolean> {
		return this.pins.has(pin);
	}

	async countLive(now: number): Promise<number> {
		let count = 0;
		for (const until of this.live.values()) if (until > now) count++;
		return count;
	}

	async markLive(roomId: string, until: number | null): Promise<void> {
		if (until === null) this.live.delete(roomId);
		else this.live.set(roomId, until);
	}

	/** The log goes with the room when the sweep expires it (`LiveRoom.expiresAt`). */
	async markEnded(roomId: string): Promise<void> {
		this.live.delete(roomId);
	}

	async remove(roomId: string, pin: string): Promise<void> {
		if (this.pins.get(pin) === roomId) this.pins.delete(pin);
		this.live.delete(roomId);
		const log = this.logs.get(roomId);
		this.logs.delete(roomId);
		if (!log) return;
		await log.close().catch(() => undefined);
		await removeLog(log.path);
	}

	limiter(name: string, rule: LimitRule): Limiter {
		return memoryLimiter(name, rule);
	}

	async close(): Promise<void> {
		for (const log of this.logs.values()) await log.close().catch(() => undefined);
		this.logs.clear();
	}
}
