/** One cell's outputs inside the sandbox: a positioned box the workspace lines up with the cell. */
import { mount, unmount } from 'svelte';
import type { CellState } from '../../runtime/types';
import type { SlotPosition } from '../protocol';
import CellOutputs from './CellOutputs.svelte';

export class OutputArea {
	/** Raw: values are DOM nodes and arquero tables that must not be proxied. */
	state = $state.raw<CellState | undefined>(undefined);
	/** File name stem for charts downloaded from these outputs. */
	fileBase = 'chart';
	readonly element: HTMLDivElement;
	#component: ReturnType<typeof mount>;
	#observer: ResizeObserver;
	#height = -1;

	constructor(parent: HTMLElement, id: string, onResize: (id: string, height: number) => void) {
		this.element = document.createElement('div');
		this.element.className = 'output-area';
		this.element.dataset.cell = id;
		parent.append(this.element);
		const area = this;
		this.#component = mount(CellOutputs, {
			target: this.element,
			props: {
				get state() {
					return area.state;
				},
				get fileBase() {
					return area.fileBase;
				}
			}
		});
		this.#observer = new ResizeObserver(([entry]) => {
			const height = Math.ceil(entry.borderBoxSize[0].blockSize);
			if (height !== this.#height) {
				this.#height = height;
				onResize(id, height);
			}
		});
		this.#observer.observe(this.element);
	}

	place(position: SlotPosition | undefined): void {
		const style = this.element.style;
		if (!position) {
			style.visibility = 'hidden';
			return;
		}
		style.visibility = 'visible';
		style.top = `${position.top}px`;
		style.left = `${position.left}px`;
		style.width = `${position.width}px`;
	}

	destroy(): void {
		this.#observer.disconnect();
		void unmount(this.#component);
		this.element.remove();
	}
}
