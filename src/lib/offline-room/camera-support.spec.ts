import { describe, expect, it } from 'vitest';
import { hasCameraApi } from './camera-support';

describe('camera support, known before scanning', () => {
	const withCamera = { mediaDevices: { getUserMedia: () => Promise.resolve() } };
	it('offers the camera where the page may ask for one', () => {
		expect(hasCameraApi(withCamera, true)).toBe(true);
	});
	it('falls back to the typed code in-app, over plain HTTP, or with no camera API', () => {
		// WeChat's in-app browser and old browsers: no mediaDevices at all.
		expect(hasCameraApi({}, true)).toBe(false);
		expect(hasCameraApi({ mediaDevices: {} }, true)).toBe(false);
		// A page served over plain HTTP on the room's LAN: not a secure context.
		expect(hasCameraApi(withCamera, false)).toBe(false);
		// Prerendering: no navigator.
		expect(hasCameraApi(undefined, undefined)).toBe(false);
	});
});
