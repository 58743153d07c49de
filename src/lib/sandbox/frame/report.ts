/**
 * The frame's report and slides modes: a whole document showing one notebook read-only. The page
 * embeds the notebook and its data as JSON (served reports and exports alike: neither may fetch);
 * the runtime runs here as in the editor.
 */
import { mount } from 'svelte';
import { parseNotebook } from '../../notebook/index';
import { csvDateSpan, isDataFrom, type DataFrom } from '../../data/index';
import { DATA_ELEMENT_ID, DATA_FROM_ELEMENT_ID, NOTEBOOK_ELEMENT_ID, SQL_ELEMENT_ID, TABLES_ELEMENT_ID, type EmbeddedNotebook, type EmbeddedSqlResult } from '../../present/embedded';
import { embeddedSql } from './embedded-sql';
import type { PresentMode } from '../../present/document';
import { downloadBlob, svgToPng } from '../../present/chart-file';
import { setChartSaver } from './chart-saver';
import { embeddedSource } from './embedded-source';
import Report from './Report.svelte';

export function startPresentation(root: HTMLElement, mode: PresentMode): void {
	const embedded = readJson<EmbeddedNotebook>(NOTEBOOK_ELEMENT_ID);
	if (!embedded) {
		root.textContent = 'This page carries no notebook.';
		return;
	}
	let notebook;
	try {
		notebook = parseNotebook(embedded.text, embedded.name);
	} catch (e) {
		root.textContent = (e as Error).message;
		return;
	}
	const data = readJson<Record<string, string>>(DATA_ELEMENT_ID) ?? {};
	const tables = readJson<Record<string, string>>(TABLES_ELEMENT_ID) ?? {};
	const source = embeddedSource(data, tables);
	// The Data line: every embedded series with where it came from and the dates its file covers.
	const from = readJson<Record<string, unknown>>(DATA_FROM_ELEMENT_ID) ?? {};
	const dataSources = {
		from: Object.fromEntries(Object.keys(data).map((symbol): [string, DataFrom | undefined] => [symbol, isDataFrom(from[symbol]) ? from[symbol] : undefined])),
		spans: Object.fromEntries(Object.entries(data).map(([symbol, csv]) => [symbol, csvDateSpan(csv)]))
	};
	const sql = embeddedSql(readJson<Record<string, EmbeddedSqlResult>>(SQL_ELEMENT_ID) ?? {}, Number(document.body.dataset.sqlLeftOut ?? 0));
	// An exported file saves charts itself; a served report's sandbox allows no downloads.
	if (document.body.dataset.downloads === 'direct') {
		setChartSaver(async (format, { svg, background }, fileBase) => {
			const blob = format === 'svg' ? new Blob([svg.text], { type: 'image/svg+xml' }) : await svgToPng(svg, background);
			downloadBlob(blob, `${fileBase}.${format}`);
		});
	}
	mount(Report, { target: root, props: { notebook, name: embedded.name, mode, source, sql, dataSources } });
}

function readJson<T>(id: string): T | undefined {
	const text = document.getElementById(id)?.textContent;
	return text ? (JSON.parse(text) as T) : undefined;
}
