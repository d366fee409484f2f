/**
 * The SSE transport: one stream per client. The first message after connecting is the current
 * whole view (`event: view`, `id:` the room version), so a reconnecting client (EventSource or
 * our fetch reader, sending `Last-Event-ID`) needs no replay; a phone gets whole views only, the
 * host and projector then patches to the view they hold (`event: patch`, view-patch.ts).
 * A comment line every 15 s keeps proxies and phones from timing the stream out.
 */
import type { Role } from '$lib/classroom/protocol';
import type { LiveRoom, SseClient } from './live-room';

export const HEARTBEAT_MS = 15_000;
/** Ask EventSource to retry after 2 s (our own client has its own backoff). */
const RETRY_MS = 2000;
/** A client this many messages behind is cut off; it reconnects and gets a fresh view. */
const MAX_QUEUED_MESSAGES = 64;

const encoder = new TextEncoder();
/** Encoded once: every stream is sent the same bytes. */
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
const heartbeats = new Set<SseClient>();
let heartbeatTimer: ReturnType<typeof setInterval> | null = null;

function startHeartbeat(): void {
	if (heartbeatTimer) return;
	heartbeatTimer = setInterval(() => {
		for (const client of heartbeats) if (!client.send(HEARTBEAT)) client.close();
	}, HEARTBEAT_MS);
	heartbeatTimer.unref?.();
}

export function openStream(
	room: LiveRoom,
	role: Role,
	playerId: string | undefined,
	signal: AbortSignal
): Response {
	let client: SseClient | null = null;
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let open = true;
			const self: SseClient = {
				role,
				playerId,
				send(message) {
					if (!open) return false;
					if ((controller.desiredSize ?? 0) < -MAX_QUEUED_MESSAGES) return false;
					controller.enqueue(typeof message === 'string' ? encoder.encode(message) : message);
					return true;
				},
				close() {
					if (!open) return;
					open = false;
					heartbeats.delete(self);
					room.disconnect(self);
					try {
						controller.close();
					} catch {
						// already closed by the runtime
					}
				}
			};
			client = self;
			controller.enqueue(encoder.encode(`retry: ${RETRY_MS}\n: connected\n\n`));
			heartbeats.add(self);
			startHeartbeat();
			room.connect(self);
		},
		cancel() {
			client?.close();
		}
	});
	signal.addEventListener('abort', () => client?.close(), { once: true });
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-store, no-transform',
			connection: 'keep-alive',
			'x-accel-buffering': 'no'
		}
	});
}
