import { nearestRow, type Span } from './domain.js';
import { plotArea, xPixel, type PlacedFigure } from './figure.js';
import type { InteractiveSpec } from './spec.js';

/** The crosshair and the readout of every series at the row nearest the pointer. */
export class Crosshair {
	private readonly line: SVGLineElement;

	constructor(
		overlay: SVGSVGElement,
		color: string,
		private readonly readout: HTMLElement,
		private readonly spec: Pick<InteractiveSpec, 'snap' | 'temporal' | 'readout'>,
		private readonly full: Span
	) {
		this.line = overlay.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'line') as SVGLineElement;
		this.line.setAttribute('stroke', color);
		this.line.setAttribute('stroke-dasharray', '3,3');
		this.line.setAttribute('pointer-events', 'none');
		this.line.style.display = 'none';
		overlay.append(this.line);
	}

	/** Follows the pointer at overlay pixel `px`: the line on the nearest row, the readout of its values. */
	pointAt(figure: PlacedFigure, px: number): void {
		let x = this.dataAt(figure, px);
		if (x === undefined) return;
		const snap = this.spec.snap;
		if (snap?.length) x = snap[nearestRow(snap, x)];
		const area = plotArea(figure);
		const at = xPixel(figure, x, this.spec.temporal);
		if (area && at >= area.x[0] - 0.5 && at <= area.x[1] + 0.5) {
			this.line.setAttribute('x1', String(at));
			this.line.setAttribute('x2', String(at));
			this.line.setAttribute('y1', String(area.y[0]));
			this.line.setAttribute('y2', String(figure.overlay.clientHeight || area.y[1]));
			this.line.style.display = '';
		}
		if (this.spec.readout) this.readout.textContent = this.spec.readout(x);
	}

	hide(): void {
		this.line.style.display = 'none';
	}

	/** Until the pointer comes, the readout shows the last row's values. */
	initialReadout(): void {
		if (!this.readout.textContent && this.spec.readout) this.readout.textContent = this.spec.readout(this.full[1]);
	}

	/** Data x at an overlay pixel, within the data. */
	private dataAt({ plot, offset }: PlacedFigure, px: number): number | undefined {
		const scale = plot.scale('x');
		if (!scale?.invert) return undefined;
		const v = +(scale.invert(px - offset.left) as number);
		return Math.min(this.full[1], Math.max(this.full[0], v));
	}
}
