/**
 * Host and projector views as a full view, then patches (issue #11: a room of 2,000 sent the
 * host its whole 2,000-row list, ~240 KB, up to 20 times a second; serialising, sending and
 * parsing it was most of what an answer cost).
 *
 * On the stream (server: live-room.ts):
 * - `event: view` — a whole view, with `rev`: which revision of the room's view it is. Every
 *   stream starts with one (a reconnect with Last-Event-ID too), so a client never needs a
 *   patch it missed.
 * - `event: patch` — the next revision, relative to revision `base`: every field of the view but
 *   `players`, then `rows` (the players' rows that changed since `base`, whole) and, only when
 *   the list of players changed (a join, a leave), `ids` (every player's id, in list order).
 *
 * A patch whose `base` is not the revision the client holds cannot be applied (the server never
 * sends one, but a client must not guess): the client drops the stream and reconnects, which
 * brings a whole view.
 */

/** A row of a host's or projector's player list: keyed by player id. */
export interface PlayerRow {
	playerId: string;
}

/** A view with a player list, as the host and projector get it. */
export interface ListView<R extends PlayerRow = PlayerRow> {
	players: R[];
}

/** What an `event: patch` message carries (see the module comment). */
export type ViewPatch<V extends ListView> = Omit<V, 'players'> & {
	rev: string;
	base: string;
	rows: V['players'];
	ids?: string[];
};

/**
 * The view `patch` makes of `view`, or null when it does not apply: no view yet, a `view`
 * without the patch's base revision (`viewRev`), or an `ids` list naming a player whose row the
 * client has never had. Pure: `view` is left as it was, and rows that did not change are the
 * same objects in the result (a keyed list re-renders only the changed ones).
 */
export function applyViewPatch<V extends ListView>(
	view: V | null,
	viewRev: string | null,
	patch: ViewPatch<V>
): V | null {
	if (!view || viewRev === null || patch.base !== viewRev) return null;
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out of the view
	const { rev, base, rows, ids, ...head } = patch;
	const changed = new Map<string, V['players'][number]>();
	for (const row of rows) changed.set(row.playerId, row);
	let players: V['players'];
	if (ids) {
		const old = new Map<string, V['players'][number]>();
		for (const row of view.players) old.set(row.playerId, row);
		players = [];
		for (const id of ids) {
			const row = changed.get(id) ?? old.get(id);
			if (!row) return null;
			players.push(row);
		}
	} else {
		players = view.players.map((row) => changed.get(row.playerId) ?? row);
	}
	return { ...head, players } as unknown as V;
}

/**
 * One stream's messages turned into views: holds the last view and its revision, and applies
 * the patches that follow it. `accept` returns the view a message makes, `null` for a message
 * that is not a view (none here today), or 'resync' when a patch does not apply (the caller
 * reconnects). A new stream must start with a whole view: call `reset` when reconnecting.
 */
export class ViewAssembler<V extends object> {
	view: V | null = null;
	private rev: string | null = null;

	/** Forgets the revision (a new stream): only a whole view is taken until one came. */
	reset(): void {
		this.rev = null;
	}

	/** Takes one SSE message: its `event:` name and `data:` text (JSON). */
	accept(event: string, data: string): V | 'resync' | null {
		if (event === 'view') {
			const parsed = JSON.parse(data) as V & { rev?: string };
			const { rev, ...view } = parsed;
			this.rev = rev ?? null;
			this.view = view as V;
			return this.view;
		}
		if (event !== 'patch') return null;
		const patch = JSON.parse(data) as ViewPatch<V & ListView>;
		const next = applyViewPatch(this.view as (V & ListView) | null, this.rev, patch);
		if (!next) {
			this.rev = null;
			return 'resync';
		}
		this.rev = patch.rev;
		this.view = next;
		return next;
	}
}
