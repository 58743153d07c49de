/**
 * What every cell looks like from outside the runtime, and who is told when that changes. States
 * are replaced on each change, never edited in place, so a listener may keep the one it was given.
 */
import type { CompiledCell } from './compile';
import type { CellState } from './types';

export class CellStates {
	#states = new Map<string, CellState>();
	#listeners = new Set<(state: CellState) => void>();

	get(id: string): CellState | undefined {
		return this.#states.get(id);
	}

	/** A cell the runtime has not seen before starts idle, without telling anyone: nothing ran. */
	add(cell: CompiledCell): void {
		this.#states.set(cell.id, { id: cell.id, status: 'idle', defines: cell.defines, refs: cell.refs, displays: [], runs: 0 });
	}

	delete(id: string): void {
		this.#states.delete(id);
	}

	emit(id: string, patch: Partial<CellState>): void {
		const previous = this.#states.get(id);
		if (!previous) return;
		const next = patched(previous, patch);
		this.#states.set(id, next);
		for (const listener of this.#listeners) listener(next);
	}

	subscribe(listener: (state: CellState) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	unsubscribeAll(): void {
		this.#listeners.clear();
	}
}

/**
 * A new state with the patch applied, spelled out field by field: a fixed object shape keeps
 * this hot path (three states per cell per run) several times faster than object spread.
 */
function patched(p: CellState, patch: Partial<CellState>): CellState {
	return {
		id: p.id,
		status: patch.status ?? p.status,
		defines: patch.defines ?? p.defines,
		refs: patch.refs ?? p.refs,
		value: 'value' in patch ? patch.value : p.value,
		displays: patch.displays ?? p.displays,
		warnings: patch.warnings ?? p.warnings,
		error: 'error' in patch ? patch.error : p.error,
		startedAt: patch.startedAt ?? p.startedAt,
		duration: 'duration' in patch ? patch.duration : p.duration,
		runs: patch.runs ?? p.runs
	};
}
