// The data a chart draws, and the figures its text summary says. Browser-safe, no formatting:
// the page writes values in its language and passes them in.

/** One bar: its category, its value, the value as the page writes it; marked bars are hatched. */
export interface BarDatum {
	label: string;
	value: number;
	valueLabel: string;
	marked?: boolean;
}

/** One month's column: the month's short label (axis) and its full name (table, summary). */
export interface MonthDatum {
	/** YYYY-MM */
	month: string;
	label: string;
	value: number;
	valueLabel: string;
	/** A second measure drawn as a line over the columns (e.g. the budget consumed so far). */
	line?: number | null;
}

/** The index of the largest value (the first of equals), or -1 when every value is 0 or there is none. */
export function highestIndex(values: readonly number[]): number {
	let best = -1;
	for (let i = 0; i < values.length; i++) if (values[i]! > 0 && (best < 0 || values[i]! > values[best]!)) best = i;
	return best;
}

/** The index of the smallest value (the first of equals), or -1 when there is none. */
export function lowestIndex(values: readonly number[]): number {
	let best = -1;
	for (let i = 0; i < values.length; i++) if (best < 0 || values[i]! < values[best]!) best = i;
	return best;
}
