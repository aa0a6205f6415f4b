// CSV for spreadsheets: UTF-8 with a byte order mark (French Excel reads the accents), `;`
// separators and a decimal comma (the French way: 0,393), CRLF lines, written by csv-stringify.
// A cell that a spreadsheet would run as a formula is neutralised with a leading quote.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/** A text cell a spreadsheet would take for a formula (=, +, @, tab, CR, or - not before a number) gets a leading quote. */
export function formulaSafe(value: string): string {
  return /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d+([.,]\d+)?$/.test(value)) ? `'${value}` : value;
}

/** A number as French spreadsheets read it: no thousands separator, a decimal comma (0,393; -12,5). */
export function csvNumber(n: number): string {
  return String(n).replace('.', ',');
}

/** The rows (the header first) as CSV; numbers with a decimal comma, null and undefined as empty cells. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? csvNumber(c) : formulaSafe(c)))),
    { bom: true, delimiter: ';', record_delimiter: 'windows' }
  );
}
