// How the production server (scripts/serve.js) listens. Kept apart so a spec can check it.

/**
 * Connections the kernel may hold for the server before it accepts them (the listen backlog).
 * Node's default is 511. A class of 2,000 phones answering within a second opens about as many
 * connections (a phone's connection from joining has long been closed as idle), and a server
 * busy with the previous ones accepts them in bursts: past the backlog the kernel drops the
 * phone's SYN and the phone sends it again only after 1 s, then 3 s (seen as the TcpExt
 * ListenOverflows counter, and as answers taking 1–3 s longer than their server work). Linux
 * caps the value at net.core.somaxconn (4096 by default since 5.4).
 */
export const DEFAULT_LISTEN_BACKLOG = 4096;

/**
 * How long an idle connection is kept open (seconds; Node's default is 5). A phone answers a
 * question every half minute or so: kept past that, its next answer rides the connection its
 * last request opened, as a browser does when the server lets it (nginx keeps them 75 s).
 * Measured on a 2,000-phone burst with 5 s: every answer opened a connection, and up to 645 of
 * them waited in one instance's accept queue (`ss -ltn` Recv-Q) for up to 1–2 s.
 */
export const DEFAULT_KEEP_ALIVE_SECONDS = 65;

/**
 * A positive number of `name` in `env`, else `fallback`.
 * @param {Record<string, string | undefined>} env
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
const positive = (env, name, fallback) => {
	const value = Number(env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * The idle and header timeouts (ms) for the http.Server: KEEP_ALIVE_TIMEOUT and HEADERS_TIMEOUT
 * in seconds, as adapter-node reads them (defaults DEFAULT_KEEP_ALIVE_SECONDS, and one second
 * more for the headers: Node advises headersTimeout above keepAliveTimeout).
 * @param {Record<string, string | undefined>} env
 * @returns {{ keepAliveTimeout: number; headersTimeout: number }}
 */
export function timeouts(env) {
	const keepAlive = positive(env, 'KEEP_ALIVE_TIMEOUT', DEFAULT_KEEP_ALIVE_SECONDS);
	const headers = positive(env, 'HEADERS_TIMEOUT', keepAlive + 1);
	return { keepAliveTimeout: keepAlive * 1000, headersTimeout: headers * 1000 };
}

/**
 * The options for `server.listen`: PORT (default 3000), HOST (default 0.0.0.0) and
 * LISTEN_BACKLOG (a positive whole number, default DEFAULT_LISTEN_BACKLOG) from `env`.
 * @param {Record<string, string | undefined>} env
 * @returns {{ port: number; host: string; backlog: number }}
 */
export function listenOptions(env) {
	const backlog = Number(env.LISTEN_BACKLOG);
	return {
		port: Number(env.PORT ?? 3000),
		host: env.HOST ?? '0.0.0.0',
		backlog: Number.isInteger(backlog) && backlog > 0 ? backlog : DEFAULT_LISTEN_BACKLOG
	};
}
