/**
 * Why a scanned or typed code was refused. Every decoder in this folder throws only this, so a
 * screen maps `reason` to a message in the user's language and nothing already collected changes.
 */
export type CodeProblem =
	/** Not one of our codes at all (another app's QR, a URL, random text). */
	| 'not-a-code'
	/** One of ours, but the other kind: a result shown to the join screen or a session to the collector. */
	| 'wrong-kind'
	/** Made by a newer version of the app: update this device. */
	| 'newer-version'
	/** Ends too early: a partly typed code or a cut-off scan. */
	| 'truncated'
	/** The bytes do not fit the layout or fail their check: a typo or damage. */
	| 'corrupt'
	/** A result from another session (the session tag differs). */
	| 'other-session'
	/** The right session, but the check value does not match: the result was altered. */
	| 'tampered'
	/** The typed code needs the same question bank; this device's bank differs. */
	| 'bank-mismatch'
	/** Questions the code refers to are missing from this device's bank. */
	| 'unknown-items';

export class CodeError extends Error {
	constructor(
		readonly problem: CodeProblem,
		message: string = problem
	) {
		super(message);
		this.name = 'CodeError';
	}
}
