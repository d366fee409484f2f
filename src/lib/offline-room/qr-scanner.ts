/**
 * Continuous QR scanning from the camera: `getUserMedia` for the video, then the platform's
 * `BarcodeDetector` (Chrome on Android and macOS, Safari 17+) where it reads QR codes, else
 * jsQR (pure JavaScript, no WebAssembly, nothing fetched at run time), imported only here, when a
 * scan starts, so no other page pays for it.
 *
 * Errors: `start` rejects with a DOMException from getUserMedia (`NotAllowedError` when the
 * user or the browser refuses the camera, `NotFoundError` when there is none) or with
 * `ScannerUnavailableError` where the page has no camera API at all (no HTTPS, old browser).
 */

export class ScannerUnavailableError extends Error {
	override name = 'ScannerUnavailableError';
}

interface DetectedBarcode {
	rawValue: string;
}
interface BarcodeDetectorLike {
	detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
	new (options: { formats: string[] }): BarcodeDetectorLike;
	getSupportedFormats(): Promise<string[]>;
}

type Decode = (video: HTMLVideoElement) => Promise<string[]>;

/** Frames are scaled to at most this width for jsQR: enough for a phone held at arm's length. */
const MAX_WIDTH = 800;
/** Time between decode attempts, ms: about 8 a second leaves the CPU for the page. */
const INTERVAL_MS = 120;

async function platformDecoder(): Promise<Decode | null> {
	const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
	if (!Detector) return null;
	try {
		if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
		const detector = new Detector({ formats: ['qr_code'] });
		return async (video) => (await detector.detect(video)).map((code) => code.rawValue);
	} catch {
		return null;
	}
}

async function jsqrDecoder(): Promise<Decode> {
	const { default: jsQR } = await import('jsqr');
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d', { willReadFrequently: true })!;
	return async (video) => {
		const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
		canvas.width = Math.round(video.videoWidth * scale);
		canvas.height = Math.round(video.videoHeight * scale);
		if (canvas.width === 0 || canvas.height === 0) return [];
		context.drawImage(video, 0, 0, canvas.width, canvas.height);
		const image = context.getImageData(0, 0, canvas.width, canvas.height);
		const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
		return code?.data ? [code.data] : [];
	};
}

export interface Scanner {
	/** Which decoder runs: shown nowhere, but tests and bug reports want it. */
	readonly decoder: 'platform' | 'jsqr';
	stop(): void;
}

/**
 * Streams the back camera into `video` and calls `onCode` with every QR text seen, every frame it
 * is seen (callers de-duplicate). Resolves once the camera runs; `stop()` releases it.
 */
export async function startScanner(
	video: HTMLVideoElement,
	onCode: (text: string) => void
): Promise<Scanner> {
	if (!navigator.mediaDevices?.getUserMedia) throw new ScannerUnavailableError();
	const stream = await navigator.mediaDevices.getUserMedia({
		video: { facingMode: 'environment' },
		audio: false
	});
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const stop = () => {
		stopped = true;
		clearTimeout(timer);
		for (const track of stream.getTracks()) track.stop();
		video.srcObject = null;
	};
	try {
		video.srcObject = stream;
		video.muted = true;
		video.playsInline = true;
		await video.play();
		const platform = await platformDecoder();
		const decode = platform ?? (await jsqrDecoder());
		const tick = async () => {
			if (stopped) return;
			try {
				if (video.readyState >= 2) for (const text of await decode(video)) onCode(text);
			} catch {
				// One bad frame (a resize mid-decode) is no reason to stop scanning.
			}
			if (!stopped) timer = setTimeout(() => void tick(), INTERVAL_MS);
		};
		void tick();
		return { decoder: platform ? 'platform' : 'jsqr', stop };
	} catch (error) {
		stop();
		throw error;
	}
}

/** A short beep (Web Audio), so the instructor hears each result go in without looking. */
export function beep(kind: 'ok' | 'error' = 'ok'): void {
	try {
		const AudioContextClass =
			globalThis.AudioContext ??
			(globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
		if (!AudioContextClass) return;
		const audio = (beepContext ??= new AudioContextClass());
		const oscillator = audio.createOscillator();
		const gain = audio.createGain();
		oscillator.frequency.value = kind === 'ok' ? 880 : 220;
		gain.gain.value = 0.15;
		oscillator.connect(gain).connect(audio.destination);
		oscillator.start();
		oscillator.stop(audio.currentTime + (kind === 'ok' ? 0.12 : 0.3));
	} catch {
		// No sound is not a failure.
	}
}
let beepContext: AudioContext | undefined;
