/**
 * The frame's Content-Security-Policy takes the network away (connect-src 'none'), but not
 * WebRTC: a peer connection sends STUN/TURN packets to any address it is given, and Chromium
 * ignores CSP's `webrtc 'block'`. So before notebook code runs, the frame removes the peer
 * connection constructors from its window.
 *
 * Other windows cannot hand them back: a frame, a popup or a shadow-tree frame that notebook code
 * creates inherits the sandbox, so each gets an opaque origin of its own and its constructors are
 * cross-origin (SecurityError). The reliability suite's hostile notebook tries each of those ways.
 */

const PEER_CONNECTION = ['RTCPeerConnection', 'webkitRTCPeerConnection', 'mozRTCPeerConnection'];

export function closeWebRtc(win: Window & typeof globalThis = window): void {
	for (const name of PEER_CONNECTION) {
		if (name in win) Object.defineProperty(win, name, { value: undefined, writable: false, configurable: false });
	}
}
