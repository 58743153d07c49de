/** A replaced data file kept in the data folder's trash (`<data>/.trash/IWM.csv.<UTC time>`), as listed for restoring. */
import type { CsvSummary } from './conflict';

export interface DataTrashItem {
	/** The trash entry's name, sent back to restore it. */
	entry: string;
	/** The file it was in the data folder (`IWM.csv`), and is restored as. */
	file: string;
	/** When it was replaced (ISO). */
	trashedAt: string;
	/** Rows and date range; absent for a file too large to read for a listing. */
	summary?: CsvSummary;
	bytes: number;
}

export interface RestoredDataFile {
	file: string;
	/** The entry the file that was there went to (so the restore can itself be undone), or null when there was none. */
	kept: string | null;
	/** Absent for a file too large to read for it. */
	summary?: CsvSummary;
}
