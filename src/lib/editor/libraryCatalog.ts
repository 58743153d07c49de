/**
 * Every cell global of the research library, the charts and the data layer as reference entries
 * (libraryReference.ts), from their sources. Imported lazily: only when the reader opens the
 * reference.
 */
import * as plots from '$lib/plots';
import * as research from '$lib/research';
import { referenceEntry, type ReferenceEntry } from './libraryReference';

const sources = Object.values({
	...import.meta.glob('/src/lib/research/**/*.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/src/lib/plots/**/*.ts', { eager: true, query: '?raw', import: 'default' }),
	...import.meta.glob('/src/lib/data/**/*.ts', { eager: true, query: '?raw', import: 'default' })
}) as string[];

/** Charts before research: a new user looks for the picture first ("plot IWM vs QQQ rebased" is comparisonChart). */
export const libraryCatalog: ReferenceEntry[] = [
	referenceEntry(sources, 'loadSeries', 'Data', 'LoadSeries'),
	referenceEntry(sources, 'loadTable', 'Data', 'LoadTable'),
	...['resample', 'toWide'].map((name) => referenceEntry(sources, name, 'Data')),
	...Object.keys(plots)
		.filter((name) => typeof (plots as Record<string, unknown>)[name] === 'function')
		.map((name) => referenceEntry(sources, name, 'Charts')),
	...Object.keys(research).map((name) => referenceEntry(sources, name, 'Research'))
];
