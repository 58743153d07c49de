/**
 * Inputs a market researcher reaches for that Observable Inputs lacks: a symbol picker over the
 * data the workspace has, and a date range. Use them with view():
 *   const symbol = view(await symbolPicker({ value: 'IWM' }))
 *   const range = view(dateRange({ start: '2012-11-15', end: '2013-07-31' }))  // { start, end }
 */
import type * as ObservableInputs from '@observablehq/inputs';
import type { SeriesSource } from '../data/index';

export function pickers(Inputs: typeof ObservableInputs, source: SeriesSource) {
	return {
		/**
		 * A select of the symbols the data folder holds, the given value first.
		 * @example
		 * const symbol = view(await symbolPicker({ value: 'QQQ' }))
		 */
		async symbolPicker(options: { value?: string; label?: string; symbols?: string[] } = {}) {
			const { value = 'IWM', label = 'Symbol' } = options;
			const listed = options.symbols ?? (await source.listSymbols?.().catch(() => [])) ?? [];
			// The default leads the list: happy-dom (the CLI's DOM) mis-nests the unclosed <option>s
			// Inputs writes and would select another one than asked, but never misses the first.
			return Inputs.select([value, ...listed.filter((s) => s !== value)], { value, label });
		},
		/**
		 * Two dates as one input whose value is `{ start, end }` (Dates at UTC midnight).
		 * @example
		 * const range = view(dateRange({ start: '2010-08-01', end: '2011-04-30' }))
		 * channel(iwm, range)
		 */
		dateRange(options: { start?: Date | string; end?: Date | string; label?: string } = {}) {
			const { label = 'Dates' } = options;
			return Inputs.form({
				start: Inputs.date({ label: `${label} from`, value: options.start }),
				end: Inputs.date({ label: 'to', value: options.end })
			});
		}
	};
}
