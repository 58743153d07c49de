/**
 * The frame's Content-Security-Policy takes the network away (connect-src 'none'), but not
 * WebRTC: a peer connection sends STUN/TURN packets to any address it is given, and Chromium
 * ignores CSP's `webrtc 'block'`. So before notebook code runs, the frame removes the peer
 * connection constructors from its window, and refuses nested browsing contexts (iframe, frame,
 * object, embed) and popup handles, whose fresh windows would have them again. CSP already stops
 * such frames from loading anything; this stops their empty about:blank windows from being reached.
 *
 * Best effort by construction: it closes the DOM's insertion paths one by one (listed below), so
 * a path a browser adds later would be open until listed. README "Security" says so.
 */

const PEER_CONNECTION = ['RTCPeerConnection', 'webkitRTCPeerConnection', 'mozRTCPeerConnection'];
const NESTED = 'iframe, frame, object, embed';

export class NestedFrameError extends Error {
	constructor() {
		super('notebooks cannot create frames (iframe, object, embed): they would escape the sandbox’s limits');
		this.name = 'NestedFrameError';
	}
}

export function closeWebRtc(win: Window & typeof globalThis = window): void {
	for (const name of PEER_CONNECTION) {
		if (name in win) Object.defineProperty(win, name, { value: undefined, writable: false, configurable: false });
	}
	guardInsertions(win);
	// A popup (reports may open them) starts as about:blank with this document's origin, so its
	// opener could reach its window and constructors: it opens, without a handle back.
	const open = win.open;
	Object.defineProperty(win, 'open', {
		configurable: false,
		writable: false,
		value: (url?: string | URL, target?: string, features?: string) => {
			open.call(win, url, target, features ? `${features},noopener` : 'noopener');
			return null;
		}
	});
}

/** A node about to be inserted (or its descendants) that would make a browsing context. */
function carriesFrame(node: unknown): boolean {
	if (typeof node !== 'object' || node === null) return false;
	const element = node as Partial<Element & DocumentFragment>;
	return !!(element.matches?.(NESTED) || element.querySelector?.(NESTED));
}

/** After markup was parsed into place: take out any frame before the caller can reach its window. */
function removeFrames(root: ParentNode | null): void {
	const found = root?.querySelectorAll(NESTED) ?? [];
	if (found.length === 0) return;
	for (const frame of found) frame.remove();
	throw new NestedFrameError();
}

function wrapMethod(proto: object | undefined, name: string, check: (self: Node, args: unknown[]) => void, after?: (self: Node, args: unknown[]) => void): void {
	const original = proto && (Object.getOwnPropertyDescriptor(proto, name)?.value as ((...args: unknown[]) => unknown) | undefined);
	if (typeof original !== 'function') return;
	Object.defineProperty(proto, name, {
		configurable: false,
		writable: false,
		value: function (this: Node, ...args: unknown[]) {
			check(this, args);
			const result = original.apply(this, args);
			after?.(this, args);
			return result;
		}
	});
}

function wrapSetter(proto: object | undefined, name: string, scope: (self: Element) => ParentNode | null): void {
	const descriptor = proto && Object.getOwnPropertyDescriptor(proto, name);
	if (!descriptor?.set) return;
	const { get, set } = descriptor;
	Object.defineProperty(proto, name, {
		configurable: false,
		get,
		set(this: Element, value: unknown) {
			// outerHTML replaces the element itself: look at the parent it leaves behind.
			const where = scope(this);
			set.call(this, value);
			removeFrames(where);
		}
	});
}

function guardInsertions(win: Window & typeof globalThis): void {
	// A frame gets a window only in a connected document: building a detached tree (a chart's
	// thousands of appends, which the check would make twice as slow) goes unchecked, and the tree
	// is checked whole when it is attached. Ranges have no isConnected: always checked.
	const live = (self: Node) => (self as Partial<Node>).isConnected !== false;
	const refuseNodes = (self: Node, args: unknown[]) => {
		if (live(self) && args.some(carriesFrame)) throw new NestedFrameError();
	};
	const refuseFirst = (self: Node, args: unknown[]) => {
		if (live(self) && carriesFrame(args[0])) throw new NestedFrameError();
	};
	// insertAdjacentElement(position, element): the element is the second argument.
	const refuseSecond = (self: Node, args: unknown[]) => {
		if (live(self) && carriesFrame(args[1])) throw new NestedFrameError();
	};
	const node = win.Node?.prototype;
	wrapMethod(node, 'appendChild', refuseFirst);
	wrapMethod(node, 'insertBefore', refuseFirst);
	wrapMethod(node, 'replaceChild', refuseFirst);
	for (const proto of [win.Element?.prototype, win.Document?.prototype, win.DocumentFragment?.prototype, win.CharacterData?.prototype, win.DocumentType?.prototype]) {
		for (const name of ['append', 'prepend', 'replaceChildren', 'before', 'after', 'replaceWith', 'moveBefore']) wrapMethod(proto, name, refuseNodes);
	}
	const element = win.Element?.prototype;
	wrapMethod(element, 'insertAdjacentElement', refuseSecond);
	const parentScope = (self: Node) => (self.parentNode ?? self) as ParentNode;
	wrapMethod(element, 'insertAdjacentHTML', () => {}, (self) => removeFrames(parentScope(self)));
	wrapMethod(element, 'setHTMLUnsafe', () => {}, (self) => removeFrames(self as Element));
	wrapMethod(win.ShadowRoot?.prototype, 'setHTMLUnsafe', () => {}, (self) => removeFrames(self as unknown as ParentNode));
	wrapSetter(element, 'innerHTML', (self) => self);
	wrapSetter(element, 'outerHTML', (self) => self.parentNode as ParentNode | null);
	wrapSetter(win.ShadowRoot?.prototype, 'innerHTML', (self) => self as unknown as ParentNode);
	const range = win.Range?.prototype;
	wrapMethod(range, 'insertNode', refuseFirst);
	wrapMethod(range, 'surroundContents', refuseFirst);
	const document = win.Document?.prototype;
	for (const name of ['write', 'writeln', 'execCommand']) wrapMethod(document, name, () => {}, (self) => removeFrames(self as unknown as ParentNode));
}
