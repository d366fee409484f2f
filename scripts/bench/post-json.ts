import { request, type Agent } from 'node:http';

/**
 * POSTs a JSON body over node:http, for the classroom benches' simulated phones
 * (`classroom-phones.ts`, `answer-path.ts`), which choose how a phone holds its connection:
 * `agent` is a keep-alive `Agent` (one per phone, as a browser keeps its connection) or `false`
 * (a new connection per request, closed after the reply: BENCH_NEW_CONNECTIONS=1).
 *
 * `body` is sent as given (a string already serialised, so a bench can send one body many
 * times without serialising it again). `timing`, if given, gets when the request had its
 * connection (wall ms: the TCP handshake done, or at once on a kept-alive one) and whether the
 * connection was kept alive. Resolves to the parsed JSON reply of a 2xx answer;
 * rejects with `"<path>: <status> <reply text>"` otherwise, or with the socket's error.
 */
export function postJson<T>(
	agent: Agent | false,
	url: URL,
	body: string,
	headers: Record<string, string> = {},
	timing?: { connectedAt?: number; reused?: boolean }
): Promise<T> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname,
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', ...headers }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					const status = res.statusCode ?? 500;
					if (status < 200 || status > 299) reject(new Error(`${url.pathname}: ${status} ${text}`));
					else resolve(JSON.parse(text) as T);
				});
			}
		);
		// `timing`: when the request had its connection (wall ms), and whether it was kept alive.
		if (timing)
			req.once('socket', (socket) => {
				const at = () => performance.timeOrigin + performance.now();
				timing.reused = !socket.connecting;
				if (socket.connecting) socket.once('connect', () => (timing.connectedAt = at()));
				else timing.connectedAt = at();
			});
		req.on('error', reject);
		req.end(body);
	});
}
