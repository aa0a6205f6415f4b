// The shape of a report as the pages show it and the CSV gives it: sections of tables, each table
// with its title, the definition of its figures, its columns and rows; a chart draws a table's rows.
// One builder (src/lib/server/reports.ts) makes the tables, so a table's CSV is the table on the page.
import type { BarDatum, MonthDatum } from './components/charts/chart';

/** A cell: a whole number (written with the language's grouping on the page, plain in the CSV), a text, or empty. */
export type ReportCell = string | number | null;

export interface ReportColumn {
	label: string;
	numeric: boolean;
	/** What the column counts, listed under the table's "definitions". */
	definition?: string;
}

export interface ReportRow {
	cells: ReportCell[];
	/** A key figure's own definition, one tap away beside its label. */
	definition?: string;
}

export type ReportChart =
	| { kind: 'bars'; title: string; summary: string; bars: BarDatum[]; max?: number; markedLegend?: string }
	| { kind: 'months'; title: string; summary: string; months: MonthDatum[]; columnsLegend: string; lineLegend?: string; reference?: { value: number; legend: string } };

export interface ReportTable {
	/** The table's name in its CSV address (/rapports/<id>.csv): lowercase letters, digits and dashes. */
	id: string;
	title: string;
	definition: string;
	columns: ReportColumn[];
	rows: ReportRow[];
	/** A sentence said beside the table (such as how a unit serving two programmes is counted). */
	note?: string;
	chart?: ReportChart;
}

export interface ReportSection {
	id: string;
	title: string;
	tables: ReportTable[];
}
