/**
 * How long the view must rest before the settled (all-SVG) render: no input, and no frame drawn,
 * for this long (measured from the end of the last frame, so slow frames never count as rest).
 */
const SETTLE_MS = 180;

/**
 * When a chart re-renders: one render per frame while the view moves (`live`: marks may go on a
 * canvas), then a settled one once it really rests. The settle timer re-arms until SETTLE_MS have
 * passed since the last input or frame, and while a drag is held, so the slow all-SVG render never
 * lands between the frames of a gesture.
 */
export class RenderSchedule {
	/** the view is moving: the renders until the settled one are frames */
	live = false;
	/** a drag pan is under way: the view is not at rest even while the pointer pauses */
	dragging = false;
	private frame = 0;
	private settleTimer: ReturnType<typeof setTimeout> | undefined;
	/** when the view last moved or a frame last finished (performance.now()); the settled render waits SETTLE_MS past it */
	private lastActivity = 0;

	constructor(
		private readonly doc: Document,
		private readonly draw: () => void
	) {}

	/** The view moved: render on the next frame (at once without frames, e.g. in Node). */
	request(): void {
		const win = this.doc.defaultView;
		if (!win?.requestAnimationFrame) return this.draw();
		this.live = true;
		this.lastActivity = now();
		this.armSettle(SETTLE_MS);
		if (this.frame) return;
		this.frame = win.requestAnimationFrame(() => {
			this.frame = 0;
			if (!this.live) return;
			this.draw();
			this.lastActivity = now();
		});
	}

	private armSettle(ms: number): void {
		clearTimeout(this.settleTimer);
		this.settleTimer = setTimeout(() => {
			const waited = now() - this.lastActivity;
			// An input already queued (Chromium can tell) would wait behind the slow render: let it go first.
			const pending = (globalThis.navigator as { scheduling?: { isInputPending?(o?: object): boolean } } | undefined)?.scheduling?.isInputPending?.({ includeContinuous: true });
			if (this.frame || this.dragging || pending || waited < SETTLE_MS) return this.armSettle(this.dragging || pending ? SETTLE_MS : Math.max(1, SETTLE_MS - waited));
			this.live = false;
			this.draw();
		}, ms);
	}
}

function now(): number {
	return globalThis.performance?.now() ?? Date.now();
}
