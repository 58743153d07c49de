/**
 * What the server answers when a data file being added (an import) differs from the file of that
 * name already in the data folder: enough for a person to choose between the two.
 */

/** What a CSV holds, for showing two versions side by side. */
export interface CsvSummary {
	/** Lines after the header, blank ones left out. */
	rows: number;
	/** First field of the first and last data rows: the date range of a price series. */
	first?: string;
	last?: string;
	bytes: number;
}

export interface DataConflictInfo {
	/** The file name in the data folder (`IWM.csv`). */
	file: string;
	/** Revision of the file on disk: sent back as `replaces` to replace exactly that file. */
	revision: string;
	existing: CsvSummary;
	incoming: CsvSummary;
	/** The first line (1-based) where the two differ, with both versions of it (absent past a file's end). */
	firstDifference: { line: number; existing?: string; incoming?: string };
}
