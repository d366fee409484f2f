// Replay classroom logs and start idle expiry at boot, so a session interrupted by a server
// restart is back before the first phone reconnects.
export const init = async () => {
	await (await import('$lib/server/classroom/registry')).getRegistry();
};
