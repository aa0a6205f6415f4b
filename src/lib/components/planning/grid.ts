// Lays a unit's stays and blocks out as table cells: one cell spanning each run of free nights of the
// same shade (tonight or not), one cell spanning the nights of each bar. A few cells a row
// rather than one a night keeps a month of a hundred units light. Runs in the browser too: its calendar arithmetic comes from $lib/dates (no luxon).
import { dayIndex } from '$lib/dates';
import type { Locale } from '$lib/i18n';
import type { ConflictRange } from '#domain/errors.ts';
import type { PlanningBlock, PlanningStay, PlanningUnit } from '#services/planning.ts';

/** How a run of free nights is shaded: tonight's night, or plain. (Weekends are shaded in the header
 * only: shading them in every row would cut each row's free runs in three times as many cells.) */
export type Shade = 't' | undefined;

/** A run of the row: free nights, or a bar; `offset` is its first night's index in the window. */
export type Cell =
	| { kind: 'free'; offset: number; span: number; date: string; shade: Shade }
	| { kind: 'stay'; offset: number; span: number; date: string; stay: PlanningStay }
	| { kind: 'block'; offset: number; span: number; date: string; block: PlanningBlock };

/** The shade of each night of the window (computed once a render, for every row). */
export function nightShades(nights: readonly string[], tonight: string): Shade[] {
	return nights.map((n) => (n === tonight ? 't' : undefined));
}

type Bar = { start: string; end: string } & ({ kind: 'stay'; stay: PlanningStay } | { kind: 'block'; block: PlanningBlock });

/**
 * The rows (lanes) of one unit over the window's nights. Live stays and blocks never overlap on a
 * unit, but an ended stay may share a night with a later one (a departure before noon): such a bar
 * goes to a second lane rather than being hidden.
 */
export function unitLanes(unit: PlanningUnit, nights: readonly string[], shades: readonly Shade[]): Cell[][] {
	const shadeOf = (i: number): Shade => shades[i];
	/** Free nights [a, b) as cells, a new cell wherever the shade changes. */
	const free = (cells: Cell[], a: number, b: number) => {
		for (let i = a; i < b; ) {
			const shade = shadeOf(i);
			let j = i + 1;
			while (j < b && shadeOf(j) === shade) j++;
			cells.push({ kind: 'free', offset: i, span: j - i, date: nights[i], shade });
			i = j;
		}
	};
	const bars: Bar[] = [
		...unit.stays.map((stay): Bar => ({ kind: 'stay', start: stay.start, end: stay.end, stay })),
		...unit.blocks.map((block): Bar => ({ kind: 'block', start: block.start, end: block.end, block }))
	];
	if (!bars.length) {
		const cells: Cell[] = [];
		free(cells, 0, nights.length);
		return [cells];
	}
	bars.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
	const lanes: { end: string; bars: Bar[] }[] = [];
	for (const bar of bars) {
		const lane = lanes.find((l) => l.end <= bar.start);
		if (lane) {
			lane.bars.push(bar);
			lane.end = bar.end;
		} else lanes.push({ end: bar.end, bars: [bar] });
	}
	const first = dayIndex(nights[0]);
	return lanes.map((lane) => {
		const cells: Cell[] = [];
		let i = 0;
		for (const bar of lane.bars) {
			const a = Math.max(0, dayIndex(bar.start) - first);
			const b = Math.min(nights.length, dayIndex(bar.end) - first);
			if (a > i) free(cells, i, a);
			if (b > a) {
				cells.push(bar.kind === 'stay' ? { kind: 'stay', offset: a, span: b - a, date: nights[a], stay: bar.stay } : { kind: 'block', offset: a, span: b - a, date: nights[a], block: bar.block });
				i = b;
			}
		}
		if (i < nights.length) free(cells, i, nights.length);
		return cells;
	});
}

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();
const barFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A bar's date, short: « sam. 5 déc. », with its year when it is not tonight's (« sam. 2 janv. 2027 »).
 * A tooltip shows two on each of hundreds of bars: the page stays light.
 */
export function barDate(iso: string, locale: Locale, tonight: string): string {
	const year = iso.slice(0, 4) !== tonight.slice(0, 4);
	const key = `${locale}|${year}`;
	let f = barFormats.get(key);
	if (!f) barFormats.set(key, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'short', day: 'numeric', month: 'short', year: year ? 'numeric' : undefined, timeZone: 'UTC' })));
	return f.format(new Date(`${iso}T12:00:00Z`));
}

/**
 * Where the window's months begin, as column index → short month name (« déc. »): its first night
 * and each 1st. The date header shows them above the day, in one header row.
 */
export function monthMarks(nights: readonly string[], locale: Locale): Map<number, string> {
	let f = monthFormats.get(locale);
	if (!f) monthFormats.set(locale, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { month: 'short', timeZone: 'UTC' })));
	const marks = new Map<number, string>();
	nights.forEach((n, i) => {
		if (i === 0 || n.endsWith('-01')) marks.set(i, f.format(new Date(`${n}T12:00:00Z`)));
	});
	return marks;
}

export interface PlanningLink {
	debut?: string | null;
	nuits?: number | null;
	site?: string | null;
	programme?: string | null;
}

/** A planning URL; the default window (31 nights from tonight) and empty filters are left out. */
export function planningHref(q: PlanningLink): string {
	const p = new URLSearchParams();
	if (q.debut) p.set('debut', q.debut);
	if (q.nuits && q.nuits !== 31) p.set('nuits', String(q.nuits));
	if (q.site) p.set('site', q.site);
	if (q.programme) p.set('programme', q.programme);
	const s = p.toString();
	return s ? `/planning?${s}` : '/planning';
}

/** What the block form shows after a post: the values kept and the errors, or the block made. */
export interface BlockFormState {
	values?: { unitId: string; start: string; end: string; reason: string };
	/** Keys of the page's dictionary (planning.block.errors) by field. */
	errors?: Partial<Record<'unitId' | 'start' | 'end' | 'reason', string>>;
	error?: string | null;
	conflicts?: ConflictRange[];
	done?: { id: string; unitId: string; start: string; end: string };
}

/** What the lift list shows after a post: the block lifted, or why it was not. */
export interface LiftFormState {
	blockId: string;
	done?: { deleted: boolean; end: string | null; unitId: string };
	/** A key of the page's dictionary (planning.lift.errors). */
	error?: string;
}
