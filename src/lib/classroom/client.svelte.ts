/**
 * Browser side of the classroom: calls to the API and a reactive subscription to a room's view.
 *
 * The subscription reads SSE over `fetch` rather than EventSource, because EventSource cannot
 * send the `Authorization` header that keeps secrets out of URLs and server logs. It reconnects
 * by itself (backoff with jitter, at once when the phone wakes or comes back online, and when
 * the stream has been silent past two heartbeats, which is how a dead Wi-Fi link shows itself).
 * A stream starts with a whole view, so a reconnect needs no catching up; the host's and
 * projector's then come as patches to it (view-patch.ts), which `ViewAssembler` applies.
 *
 * Player and host credentials are kept in localStorage: a refresh, a locked phone or a browser
 * that killed the tab rejoins as the same player with the same score (stored-sessions.ts).
 */
import type { Response as ItemResponse } from '$lib/bank/types';
import type {
	AnswerResponse,
	CommandResponse,
	CreateRoomRequest,
	CreateRoomResponse,
	ErrorBody,
	HostCommand,
	HostView,
	JoinResponse,
	PlayerView,
	ProjectorView,
	Role,
	RoomView
} from './protocol';
import {
	INITIAL_RECONNECT,
	isFinalRefusal,
	reconnect,
	type ReconnectEvent,
	type ReconnectState,
	type StreamStatus
} from './reconnect';
import { joinRequestBody, lockCommand, rejoinCodeOf } from './round-two';
import {
	forgetHostSession,
	forgetPlayerSession,
	rememberHostSession,
	rememberPlayerSession,
	savedPlayerSession,
	type HostSession,
	type PlayerSession
} from './stored-sessions';
import { ViewAssembler } from './view-patch';

export {
	forgetHostSession,
	forgetPlayerSession,
	savedHostSession,
	savedPlayerSession,
	type HostSession,
	type PlayerSession
} from './stored-sessions';

const API = '/api/classroom';
/** Two missed 15 s heartbeats and a bit: the link is dead even if the socket says otherwise. */
const SILENCE_MS = 40_000;

export class ClassroomApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorBody['error'] | 'network',
		message: string
	) {
		super(message);
	}
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

async function call<T>(path: string, init: RequestInit & { secret?: string } = {}): Promise<T> {
	const headers = new Headers(init.headers);
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	if (init.secret) headers.set('authorization', `Bearer ${init.secret}`);
	let response: Response;
	try {
		response = await fetch(API + path, { ...init, headers });
	} catch (error) {
		throw new ClassroomApiError(0, 'network', String(error));
	}
	const body = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
	if (!response.ok)
		throw new ClassroomApiError(
			response.status,
			body?.error ?? 'internal',
			body?.message ?? response.statusText
		);
	return body as T;
}

export async function createRoom(request: CreateRoomRequest): Promise<CreateRoomResponse> {
	const created = await call<CreateRoomResponse>('/rooms', {
		method: 'POST',
		body: JSON.stringify(request)
	});
	rememberHostSession({
		roomId: created.roomId,
		hostSecret: created.hostSecret,
		pin: created.pin
	});
	return created;
}

/**
 * Joins a room, or with `rejoinCode` takes back the place of the player with this nickname
 * (a phone that lost its stored token, or a student on another browser).
 */
export async function joinRoom(
	pin: string,
	nickname: string,
	rejoinCode = ''
): Promise<PlayerSession> {
	const joined = await call<JoinResponse>('/join', {
		method: 'POST',
		body: JSON.stringify(joinRequestBody(pin, nickname, rejoinCode))
	});
	const session: PlayerSession = {
		roomId: joined.roomId,
		playerId: joined.playerId,
		token: joined.token,
		nickname: joined.nickname,
		pin,
		rejoinCode: rejoinCodeOf(joined)
	};
	rememberPlayerSession(session);
	return session;
}

/**
 * Sends an answer, retrying on network failure: the server counts an answer once, so a retry
 * after a lost acknowledgement is safe (it comes back `duplicate: true`).
 */
export async function submitAnswer(
	session: PlayerSession,
	questionIndex: number,
	response: ItemResponse,
	attempts = 4
): Promise<AnswerResponse> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call<AnswerResponse>(`/rooms/${session.roomId}/answer`, {
				method: 'POST',
				secret: session.token,
				body: JSON.stringify({ questionIndex, response })
			});
		} catch (error) {
			const retryable = error instanceof ClassroomApiError && error.code === 'network';
			if (!retryable || attempt >= attempts) throw error;
			await new Promise((resolve) => setTimeout(resolve, 400 * attempt));
		}
	}
}

/** Leaves the room for good and forgets the stored player. */
export async function leaveRoom(session: PlayerSession): Promise<void> {
	await call<{ ok: true }>(`/rooms/${session.roomId}/leave`, {
		method: 'POST',
		secret: session.token
	});
	forgetPlayerSession();
}

export const sendCommand = (host: HostSession, command: HostCommand) =>
	call<CommandResponse>(`/rooms/${host.roomId}/command`, {
		method: 'POST',
		secret: host.hostSecret,
		body: JSON.stringify(command)
	});

/** Locks the room to new players (those with a rejoin code still get back in), or unlocks it. */
export const setRoomLocked = (host: HostSession, locked: boolean) =>
	call<CommandResponse>(`/rooms/${host.roomId}/command`, {
		method: 'POST',
		secret: host.hostSecret,
		body: JSON.stringify(lockCommand(locked))
	});

export type ReportSheet = 'students' | 'questions' | 'answers';

/** Fetches a report sheet as a CSV file and hands it to the browser as a download. */
export async function downloadReport(host: HostSession, sheet: ReportSheet = 'students') {
	const response = await fetch(`${API}/rooms/${host.roomId}/report.csv?sheet=${sheet}`, {
		headers: { authorization: `Bearer ${host.hostSecret}` }
	});
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as ErrorBody | null;
		throw new ClassroomApiError(response.status, body?.error ?? 'internal', body?.message ?? '');
	}
	const url = URL.createObjectURL(await response.blob());
	const link = Object.assign(document.createElement('a'), {
		href: url,
		download: `classroom-${host.pin}-${sheet}.csv`
	});
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------------------------------------
// SSE parsing (pure, tested)
// ---------------------------------------------------------------------------------------------

export interface SseMessage {
	id?: string;
	event: string;
	data: string;
}

/**
 * Splits a growing SSE text buffer into complete messages; returns them and the unparsed rest.
 * Comments (heartbeats) and `retry:` lines are skipped.
 */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
	const messages: SseMessage[] = [];
	const normalised = buffer.replace(/\r\n?/g, '\n');
	const blocks = normalised.split('\n\n');
	const rest = blocks.pop() ?? '';
	for (const block of blocks) {
		let event = 'message';
		let id: string | undefined;
		const data: string[] = [];
		for (const line of block.split('\n')) {
			if (line === '' || line.startsWith(':')) continue;
			const colon = line.indexOf(':');
			const field = colon < 0 ? line : line.slice(0, colon);
			const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
			if (field === 'event') event = value;
			else if (field === 'data') data.push(value);
			else if (field === 'id') id = value;
		}
		if (data.length > 0) messages.push({ id, event, data: data.join('\n') });
	}
	return { messages, rest };
}

// ---------------------------------------------------------------------------------------------
// Reactive subscription
// ---------------------------------------------------------------------------------------------

export type { StreamStatus } from './reconnect';

type ViewOf<R extends Role> = R extends 'host'
	? HostView
	: R extends 'projector'
		? ProjectorView
		: PlayerView;

export class RoomSubscription<R extends Role> {
	view = $state<ViewOf<R> | null>(null);
	status = $state<StreamStatus>('connecting');
	/** Set when the server refused the stream for good (room expired, player removed…). */
	error = $state<{ status: number; code: string; message: string } | null>(null);
	/**
	 * The browser says it has no network (`navigator.onLine` false, the `offline` event): the
	 * screens say so at once, instead of waiting for the stream to go silent.
	 */
	offline = $state(false);
	/** Server clock minus ours, from the last view: countdowns use the server's deadline. */
	clockOffsetMs = 0;

	private controller: AbortController | null = null;
	private lastEventId: string | null = null;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private silenceTimer: ReturnType<typeof setTimeout> | null = null;
	/** Reconnection rules: see `reconnect.ts`; `status` mirrors its state for the screens. */
	private machine: ReconnectState = INITIAL_RECONNECT;
	private stopped = false;
	/** When the stream last sent anything (a view or a heartbeat), by `Date.now()`. */
	private lastHeardAt = 0;
	/** The last view as it came (not the reactive copy), and patches applied to it. */
	private readonly assembler = new ViewAssembler<RoomView>();

	constructor(
		readonly roomId: string,
		readonly role: R,
		private readonly secret: string
	) {}

	/** Milliseconds left on the current question, by the server's clock. */
	remainingMs(now = Date.now()): number {
		const question = this.view?.question;
		if (!question) return 0;
		if (question.deadline === null) return question.remainingMs;
		return Math.max(0, question.deadline - (now + this.clockOffsetMs));
	}

	start(): this {
		this.stopped = false;
		if (typeof window !== 'undefined') {
			window.addEventListener('online', this.wake);
			window.addEventListener('offline', this.lost);
			document.addEventListener('visibilitychange', this.wake);
			document.addEventListener('resume', this.wake);
			this.offline = navigator.onLine === false;
		}
		void this.connect();
		return this;
	}

	close(): void {
		this.stopped = true;
		this.dispatch({ type: 'close' });
		this.clearTimers();
		this.controller?.abort();
		if (typeof window !== 'undefined') {
			window.removeEventListener('online', this.wake);
			window.removeEventListener('offline', this.lost);
			document.removeEventListener('visibilitychange', this.wake);
			document.removeEventListener('resume', this.wake);
		}
	}

	/**
	 * The network went away: drop the stream now (it would only go silent, and the watchdog
	 * waits 40 s), so the screen says "reconnecting" and the backoff starts; `online` wakes it.
	 */
	private lost = () => {
		this.offline = true;
		if (this.stopped) return;
		this.controller?.abort();
	};

	/** The phone woke up or came back online: reconnect now rather than after the backoff. */
	private wake = () => {
		if (typeof navigator !== 'undefined') this.offline = navigator.onLine === false;
		if (this.stopped || document.visibilityState === 'hidden') return;
		const silentMs = this.lastHeardAt ? Date.now() - this.lastHeardAt : 0;
		const effect = this.dispatch({ type: 'wake', silentMs });
		if (effect.type === 'connect') {
			this.clearTimers();
			void this.connect();
		} else if (effect.type === 'reset-watchdog') this.resetSilence();
	};

	/** Feeds the reconnect machine and mirrors its status; returns what it says to do. */
	private dispatch(event: ReconnectEvent) {
		const { state, effect } = reconnect(this.machine, event);
		this.machine = state;
		this.status = state.status;
		return effect;
	}

	private clearTimers(): void {
		if (this.retryTimer) clearTimeout(this.retryTimer);
		if (this.silenceTimer) clearTimeout(this.silenceTimer);
		this.retryTimer = this.silenceTimer = null;
	}

	private resetSilence(): void {
		if (this.silenceTimer) clearTimeout(this.silenceTimer);
		this.silenceTimer = setTimeout(() => this.controller?.abort(), SILENCE_MS);
	}

	private async connect(): Promise<void> {
		this.controller?.abort();
		const controller = new AbortController();
		this.controller = controller;
		this.dispatch({ type: 'attempt' });
		const headers: Record<string, string> = {
			authorization: `Bearer ${this.secret}`,
			accept: 'text/event-stream'
		};
		if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
		let retryAfterMs: number | null = null;
		try {
			const response = await fetch(`${API}/rooms/${this.roomId}/events?role=${this.role}`, {
				headers,
				signal: controller.signal,
				cache: 'no-store'
			});
			if (!response.ok || !response.body) {
				const body = (await response.json().catch(() => null)) as ErrorBody | null;
				if (isFinalRefusal(response.status)) {
					this.dispatch({ type: 'refused', status: response.status });
					this.fatal(response.status, body);
					return;
				}
				retryAfterMs = Number(response.headers.get('retry-after') ?? 0) * 1000 || null;
				throw new Error(body?.message ?? `HTTP ${response.status}`);
			}
			await this.read(response.body, controller);
		} catch {
			// Network loss, abort by the silence watchdog, or a server restart: all retried below.
		}
		if (this.stopped || this.controller !== controller) return;
		this.scheduleRetry(retryAfterMs);
	}

	private async read(body: ReadableStream<Uint8Array>, controller: AbortController) {
		const reader = body.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		// A new stream starts with a whole view: a patch before it is not ours to apply.
		this.assembler.reset();
		this.resetSilence();
		for (;;) {
			const { done, value } = await reader.read();
			if (done || controller.signal.aborted) return;
			this.lastHeardAt = Date.now();
			this.resetSilence();
			buffer += decoder.decode(value, { stream: true });
			const { messages, rest } = parseSse(buffer);
			buffer = rest;
			for (const message of messages) {
				const view = this.assembler.accept(message.event, message.data);
				if (view === 'resync') {
					// A patch to a view we do not hold (never sent by the server): reconnect for a
					// whole one, keeping the Last-Event-ID of the last view we do hold.
					controller.abort();
					return;
				}
				if (message.id) this.lastEventId = message.id;
				if (view === null) continue;
				this.clockOffsetMs = view.serverNow - Date.now();
				this.view = view as ViewOf<R>;
				this.offline = false;
				this.dispatch({ type: 'view' });
			}
		}
	}

	private scheduleRetry(retryAfterMs: number | null): void {
		const effect = this.dispatch({ type: 'dropped', retryAfterMs, random: Math.random() });
		if (effect.type === 'retry')
			this.retryTimer = setTimeout(() => void this.connect(), effect.afterMs);
	}

	private fatal(status: number, body: ErrorBody | null): void {
		this.stopped = true;
		this.clearTimers();
		this.error = { status, code: body?.error ?? 'gone', message: body?.message ?? '' };
		// A player whose room is gone or who was removed starts over at the join screen.
		if (this.role === 'player') forgetPlayerSession();
		else if (status !== 403) forgetHostSession();
	}
}

/**
 * Subscribes the phone to its room as `session`: the player who just joined, or by default the
 * stored one, if there is one. A phone just joined plays on with the session it was given, not
 * read back from storage: a browser that keeps nothing (WeChat with storage off, a full quota)
 * still plays, only a reload loses its place (the rejoin code brings it back).
 */
export function resumePlayer(session: PlayerSession | null = savedPlayerSession()): {
	session: PlayerSession;
	room: RoomSubscription<'player'>;
} | null {
	if (!session) return null;
	return { session, room: new RoomSubscription(session.roomId, 'player', session.token).start() };
}

export const subscribeHost = (host: HostSession) =>
	new RoomSubscription(host.roomId, 'host', host.hostSecret).start();

export const subscribeProjector = (host: HostSession) =>
	new RoomSubscription(host.roomId, 'projector', host.hostSecret).start();
