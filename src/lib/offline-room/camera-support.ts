/**
 * Whether this page can ask for a camera at all, known before anyone taps "scan": WeChat's and
 * other in-app browsers, pages served over plain HTTP on a LAN (getUserMedia needs a secure
 * context) and old browsers have no `navigator.mediaDevices.getUserMedia`. There the scan button
 * is not offered and the typed code is the way in, said up front rather than after a failed tap.
 * A camera that exists but is refused or busy is only known on trying (see `qr-scanner.ts`).
 */
export function hasCameraApi(
	nav: { mediaDevices?: { getUserMedia?: unknown } } | undefined = globalThis.navigator,
	secure: boolean | undefined = globalThis.isSecureContext
): boolean {
	return secure !== false && typeof nav?.mediaDevices?.getUserMedia === 'function';
}
