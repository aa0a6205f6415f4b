// The planning grid's body (a <tbody> a site, a row a unit lane) written as one string, which the
// grid component places with {@html}. A month of a hundred units is some three thousand cells: as
// Svelte markup each cell cost its own block, hydration markers and escapes, and the page's server
// time went there; as a string the same cells cost a fraction. Every text taken from the data goes
// through esc(): household names and block reasons are typed by people.
import { formatTime } from '$lib/format';
import { entry, messages, type Locale } from '$lib/i18n';
import { blockReasonText } from '$lib/i18n/block-reasons';
import type { Planning, PlanningBlock, PlanningStay, PlanningUnit } from '#services/planning.ts';
import { oneByteString } from '$lib/one-byte';
import { barDate, nightShades, unitLanes } from './grid';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/**
 * Text made safe for an element's content or a double-quoted attribute. A character beyond Latin-1
 * (’ — or a name in another script) is written as a character reference: the browser shows the same
 * text, and the string stays one byte a character in V8, which keeps the whole page out of V8's
 * large-object space (src/lib/server/deferred-html.ts says why that matters).
 */
export function esc(s: string): string {
	return s.replace(/[&<>"']|[^\x00-\xff]/gu, (c) => ESC[c] ?? `&#${c.codePointAt(0)};`);
}

/** How many nights a bar's tooltip (22rem wide, PlanningGrid.svelte) covers at the narrowest nights (1.9rem). */
const TIP_NIGHTS = 12;

/** The grid's tbody elements, one a site: the site's heading row, then each unit's lanes. */
export function gridBodyHtml(planning: Planning, locale: Locale): string {
	const m = messages(locale).planning;
	const common = messages(locale).common;
	const n = planning.nights.length;
	const half = n / 2;
	const shades = nightShades(planning.nights, planning.tonight);
	// Many bars share their dates: each is written out once.
	const dates = new Map<string, string>();
	const longDate = (iso: string) => {
		let d = dates.get(iso);
		if (d === undefined) dates.set(iso, (d = barDate(iso, locale, planning.tonight)));
		return d;
	};
	const range = (a: string, b: string) => m.barRange(longDate(a), longDate(b));
	/** A bar's whole text: what its tooltip shows, what a screen reader hears, what a phone lists. */
	const stayText = (s: PlanningStay) => {
		if (!s.household || !s.programme) return `${m.status.occupied}, ${range(s.realStart, s.realEnd)}`;
		const parts = [`${s.household.name} — ${entry(common.statuses, s.status) ?? s.status}`];
		if (s.status === 'hold' && s.holdExpiresAt) parts.push(m.holdUntil(formatTime(s.holdExpiresAt, locale)));
		parts.push(range(s.realStart, s.realEnd), common.persons(s.household.persons), common.programmes[s.programme] ?? s.programme);
		return parts.join(', ');
	};
	const blockText = (b: PlanningBlock) =>
		// The mission's unit closed outside its offer's period: said so, with the offer's edge, never as a block of thousands of nights.
		b.system
			? b.realStart <= planning.start
				? m.outsideOfferBefore(longDate(b.realEnd))
				: m.outsideOfferAfter(longDate(b.realStart))
			: `${m.blockedLong} — ${blockReasonText(b.reason, locale)}, ${range(b.realStart, b.realEnd)}`;
	// A bar's tooltip opens rightwards from its start while it fits before the window's end (22rem is
	// 12 nights at a laptop's 1.9rem a night), else leftwards from its end: it stays over the grid, where
	// scrolling reaches it. A window too short for either opens by halves.
	const rightwardsUpTo = n >= 2 * TIP_NIGHTS ? n - TIP_NIGHTS : half;
	/** A bar's classes for its edges: cut at the window's start or end; a tooltip opening leftwards. */
	const edges = (offset: number, a: string, b: string) => `${a < planning.start ? ' cs' : ''}${b > planning.end ? ' ce' : ''}${offset > rightwardsUpTo ? ' te' : ''}`;
	// A cell over several nights (a unit over several lanes) says how many; one over one says nothing.
	const span = (k: number) => (k >= 2 ? ` colspan="${k}"` : '');
	const unitMeta = (u: PlanningUnit) =>
		[m.places(u.capacity), u.typology, u.accessible ? m.accessible : null, u.programmes.map((p) => m.programmesShort[p] ?? p).join(', ')].filter(Boolean).join(' · ');
	const unitMetaLong = (u: PlanningUnit) =>
		[common.persons(u.capacity), u.accessible ? m.accessibleLong : null, u.programmes.map((p) => common.programmes[p] ?? p).join(', ')].filter(Boolean).join(', ');
	const freeAll = esc(m.freeAll);
	const occupied = esc(m.status.occupied);
	const blocked = esc(m.blocked);
	const outsideShort = esc(m.outsideOfferShort);

	// The pieces are joined once at the end, into one flat string held one byte a character (every
	// character beyond Latin-1 went through esc): each page copies it whole, and concatenated with `+=`
	// it would be a tree of some ten thousand pieces that every page walks again.
	const h: string[] = [];
	for (const site of planning.sites) {
		h.push(`<tbody><tr class="site"><th scope="rowgroup" colspan="${n + 1}"><span>${esc(site.name)} <small>${esc(`— ${site.commune}${site.confidential ? ` · ${m.confidentialSite}` : ''}`)}</small></span></th></tr>`);
		for (const unit of site.units) {
			const lanes = unitLanes(unit, planning.nights, shades);
			lanes.forEach((cells, lane) => {
				h.push('<tr>');
				if (lane === 0) {
					h.push(`<th scope="row"${lanes.length >= 2 ? ` rowspan="${lanes.length}"` : ''}>${esc(unit.name)} <small><span aria-hidden="true">${esc(unitMeta(unit))}</span><span class="sr">${esc(unitMetaLong(unit))}</span></small></th>`);
				}
				for (const c of cells) {
					if (c.kind === 'free') {
						h.push(`<td${span(c.span)}${c.shade ? ` class="${c.shade}"` : ''}>${c.span === n ? freeAll : ''}</td>`);
					} else if (c.kind === 'stay' && c.stay.id !== null && c.stay.household) {
						const s = c.stay;
						h.push(`<td${span(c.span)} class="bar ${s.status}${edges(c.offset, s.realStart, s.realEnd)}"><a href="/sejours/${esc(s.id!)}"><span class="l" aria-hidden="true"><b>${esc(s.household!.name)}</b> <small>${esc(m.status[s.status])}</small></span><span class="tip">${esc(stayText(s))}</span></a></td>`);
					} else if (c.kind === 'stay') {
						// A stay of a programme this role does not handle: occupied, and nothing more (no household, no link).
						const t = esc(stayText(c.stay));
						h.push(`<td${span(c.span)} class="bar occupied${edges(c.offset, c.stay.realStart, c.stay.realEnd)}"><span class="label" tabindex="0" role="img" aria-label="${t}"><span class="l"><small>${occupied}</small></span><span class="tip">${t}</span></span></td>`);
					} else if (!c.block.system && planning.canBlock) {
						// A block a person wrote leads to its "lift" button, below the grid.
						const b = c.block;
						h.push(`<td${span(c.span)} class="bar block${edges(c.offset, b.realStart, b.realEnd)}"><a href="#lever-${esc(b.id)}"><span class="l" aria-hidden="true"><small>${blocked}</small> <b>${esc(blockReasonText(b.reason, locale))}</b></span><span class="tip">${esc(blockText(b))}</span></a></td>`);
					} else {
						const b = c.block;
						const t = esc(blockText(b));
						h.push(`<td${span(c.span)} class="bar block${b.system ? ' sys' : ''}${edges(c.offset, b.realStart, b.realEnd)}"><span class="label" tabindex="0" role="img" aria-label="${t}"><span class="l"><small>${b.system ? outsideShort : blocked}</small> <b>${b.system ? '' : esc(blockReasonText(b.reason, locale))}</b></span><span class="tip">${t}</span></span></td>`);
					}
				}
				h.push('</tr>');
			});
		}
		h.push('</tbody>');
	}
	return oneByteString(h.join(''));
}

const kept = new WeakMap<object, Map<string, string>>();

/**
 * The grid's body for an answer the planning service keeps (the same `sites` while nothing changed
 * for it: the service makes a new answer after any write, a commit elsewhere, a hold lapsing or the
 * night turning): written once per answer, locale and right to block, then reused by each page that
 * shows that answer, as the answer itself is. Never keyed on the reader: the text is what every
 * reader of that answer, locale and right sees.
 */
export function keptGridBodyHtml(planning: Planning, locale: Locale): string {
	let byKey = kept.get(planning.sites);
	if (!byKey) kept.set(planning.sites, (byKey = new Map()));
	const key = `${locale}|${planning.canBlock}`;
	let html = byKey.get(key);
	if (html === undefined) byKey.set(key, (html = gridBodyHtml(planning, locale)));
	return html;
}
