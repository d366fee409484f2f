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
