/**
 * The classroom API as the e2e tests use it over real HTTP (tests/classroom-api.e2e.ts against one
 * process, tests/classroom-cluster.e2e.ts against instances behind nginx): requests with their
 * own client address each, rooms of generated questions, right or wrong answers, and SSE
 * subscriptions that record views and can wait for one.
 */
import { readFileSync } from 'node:fs';
import { generateDrill } from '../src/lib/bank/generators/index.ts';
import { useGeneratorContent } from '../src/lib/bank/generators/content.ts';
import type { ClassifyItem } from '../src/lib/bank/types.ts';
import type { CreateRoomResponse, JoinResponse } from '../src/lib/classroom/protocol.ts';
import { ViewAssembler } from '../src/lib/classroom/view-patch.ts';
import { readSse } from '../scripts/bench/sse-reader.ts';

// Outside Vite the generators get their built content handed over (see generators/content.ts).
useGeneratorContent(JSON.parse(readFileSync('src/lib/bank/generated/generators.json', 'utf8')));

export interface Reply<T = Record<string, unknown>> {
	status: number;
	body: T;
	headers: Headers;
}

/**
 * A client of the classroom API at `base()` (a function: the cluster's address is known only once
 * it started). Rooms have two generated "mode" questions drawn with `seed`. `ipPrefix` keeps
 * each file's simulated client addresses apart (rate limits count per address).
 */
export function classroomClient(options: { base: () => string; seed: number; ipPrefix: string }) {
	const { base, seed, ipPrefix } = options;
	const questions = generateDrill({ kind: 'mode', seed, count: 2, locale: 'en' }) as ClassifyItem[];
	let ipCounter = 0;
	const newIp = () => `${ipPrefix}.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

	/** POST to `origin` (default `base()`); a string body is sent as it is (malformed JSON). */
	async function post<T = Record<string, unknown>>(
		path: string,
		body: unknown,
		request: { secret?: string; origin?: string; ip?: string } = {}
	): Promise<Reply<T>> {
		const response = await fetch(`${request.origin ?? base()}/api/classroom${path}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-forwarded-for': request.ip ?? newIp(),
				...(request.secret ? { authorization: `Bearer ${request.secret}` } : {})
			},
			body: typeof body === 'string' ? body : JSON.stringify(body)
		});
		return {
			status: response.status,
			body: (await response.json()) as T,
			headers: response.headers
		};
	}

	async function createRoom(settings: object = {}, origin?: string): Promise<CreateRoomResponse> {
		const { status, body } = await post<CreateRoomResponse>(
			'/rooms',
			{
				locale: 'en',
				source: { kind: 'generated', generated: [{ kind: 'mode', seed, count: 2 }] },
				settings: { secondsPerQuestion: 60, ...settings }
			},
			{ origin }
		);
		if (status !== 201) throw new Error(`create room: ${status} ${JSON.stringify(body)}`);
		return body;
	}

	async function joinAs(pin: string, nickname: string, origin?: string): Promise<JoinResponse> {
		const { status, body } = await post<JoinResponse>('/join', { pin, nickname }, { origin });
		if (status !== 201) throw new Error(`join ${nickname}: ${status} ${JSON.stringify(body)}`);
		return body;
	}

	const command = (room: CreateRoomResponse, body: object, origin?: string) =>
		post(`/rooms/${room.roomId}/command`, body, { secret: room.hostSecret, origin });

	/** The answer to question `index`: every dimension right, or every one wrong. */
	function answerBody(questionIndex: number, right: boolean) {
		const item = questions[questionIndex];
		const values = Object.fromEntries(
			item.dimensions.map((d) => [
				d.family,
				right ? d.answer : d.options.find((o) => o.id !== d.answer)!.id
			])
		);
		return { questionIndex, response: { type: 'classify', values } };
	}

	const answer = (player: JoinResponse, index: number, right: boolean, origin?: string) =>
		post(`/rooms/${player.roomId}/answer`, answerBody(index, right), {
			secret: player.token,
			origin
		});

	/**
	 * An SSE subscription: records every view and can wait for one. With `reconnect`, like a
	 * phone, it connects again (after 100 ms, with Last-Event-ID) whenever the stream ends or
	 * fails, until closed; `connections` counts how often it connected.
	 */
	function subscribe<V>(
		roomId: string,
		role: string,
		secret: string,
		stream: { origin?: string; reconnect?: boolean } = {}
	) {
		const views: V[] = [];
		const controller = new AbortController();
		const ip = newIp();
		let lastId = null as string | null;
		let connections = 0;
		let contentType = null as string | null;
		const assembler = new ViewAssembler<V & object>();
		const waiters: { test: (v: V) => boolean; resolve: (v: V) => void }[] = [];
		const done = (async () => {
			do {
				try {
					const response = await fetch(
						`${stream.origin ?? base()}/api/classroom/rooms/${roomId}/events?role=${role}`,
						{
							headers: {
								authorization: `Bearer ${secret}`,
								'x-forwarded-for': ip,
								...(lastId ? { 'last-event-id': lastId } : {})
							},
							signal: controller.signal
						}
					);
					if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
					connections++;
					contentType = response.headers.get('content-type');
					// A stream starts with a whole view; the host's and projector's then come as patches.
					assembler.reset();
					await readSse(response.body, ({ id, event, data }) => {
						const view = assembler.accept(event, data);
						if (view === 'resync') throw new Error('a patch to a view this stream never had');
						if (id) lastId = id;
						if (view === null) return;
						views.push(view);
						for (const w of waiters.filter((w) => w.test(view))) {
							waiters.splice(waiters.indexOf(w), 1);
							w.resolve(view);
						}
					});
				} catch {
					// dropped: reconnect below (if asked to)
				}
				if (stream.reconnect && !controller.signal.aborted)
					await new Promise((r) => setTimeout(r, 100));
			} while (stream.reconnect && !controller.signal.aborted);
		})();
		return {
			views,
			get connections() {
				return connections;
			},
			get contentType() {
				return contentType;
			},
			/**
			 * The latest view that passes `check` (waiting up to `timeout` ms for one), among the
			 * views from index `since` on (`views.length` before an action: only what came after).
			 */
			waitFor(check: (v: V) => boolean, timeout = 10_000, since = 0): Promise<V> {
				const hit = views.slice(since).reverse().find(check);
				if (hit) return Promise.resolve(hit);
				return new Promise((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error('no matching view')), timeout);
					waiters.push({
						test: check,
						resolve: (v) => {
							clearTimeout(timer);
							resolve(v);
						}
					});
				});
			},
			async close() {
				controller.abort();
				await done;
			}
		};
	}

	return { questions, newIp, post, createRoom, joinAs, command, answerBody, answer, subscribe };
}
