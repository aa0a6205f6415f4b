// The planning's table as one hand-written template string, from the same service answer and with
// the same words, cells, classes, links and tooltips as the page's grid: the bench's yardstick for
// what rendering that table can cost at least, beside the page SvelteKit renders.
import { formatDate, formatDayHeader, formatTime } from '../src/lib/format.ts';
import { messages, type Locale } from '../src/lib/i18n/index.ts';
import { blockReasonText } from '../src/lib/i18n/block-reasons.ts';
import { barDate, monthMarks, nightShades, unitLanes } from '../src/lib/components/planning/grid.ts';
import { isWeekend, shiftDate } from '../src/lib/dates.ts';
import type { Planning, PlanningStay } from '../src/services/planning.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESC[c]);

export function planningTableHtml(planning: Planning, locale: Locale): string {
  const m = messages(locale).planning;
  const common = messages(locale).common;
  const n = planning.nights.length;
  const half = n / 2;
  const shades = nightShades(planning.nights, planning.tonight);
  const marks = monthMarks(planning.nights, locale);
  const dates = new Map<string, string>();
  const d = (iso: string) => {
    let x = dates.get(iso);
    if (x === undefined) dates.set(iso, (x = barDate(iso, locale, planning.tonight)));
    return x;
  };
  const range = (a: string, b: string) => m.barRange(d(a), d(b));
  const stayText = (s: PlanningStay) => {
    if (!s.household || !s.programme) return `${m.status.occupied}, ${range(s.realStart, s.realEnd)}`;
    const parts = [`${s.household.name} — ${common.statuses[s.status as keyof typeof common.statuses] ?? s.status}`];
    if (s.status === 'hold' && s.holdExpiresAt) parts.push(m.holdUntil(formatTime(s.holdExpiresAt, locale)));
    parts.push(range(s.realStart, s.realEnd), common.persons(s.household.persons), common.programmes[s.programme] ?? s.programme);
    return parts.join(', ');
  };
  const edges = (offset: number, a: string, b: string) => `${a < planning.start ? ' cs' : ''}${b > planning.end ? ' ce' : ''}${offset > half ? ' te' : ''}`;
  const span = (k: number) => (k > 1 ? ` colspan="${k}"` : '');
  const units = planning.sites.reduce((k, s) => k + s.units.length, 0);

  let h = `<div class="scroller" role="region" aria-labelledby="planning-caption" tabindex="0"><table style="--nights: ${n}"><caption id="planning-caption">${esc(
    m.caption(formatDate(planning.start, locale), formatDate(shiftDate(planning.end, -1), locale), units)
  )}</caption><thead><tr class="days"><th scope="col" class="unit-head">${esc(m.unitHeader)}</th>`;
  planning.nights.forEach((date, i) => {
    const { day, weekday } = formatDayHeader(date, locale);
    const cls = date === planning.tonight ? 'today' : isWeekend(date) ? 'we' : '';
    const month = marks.get(i);
    h += `<th scope="col"${cls ? ` class="${cls}"` : ''}${cls === 'today' ? ' aria-current="date"' : ''}>${month ? `<i>${esc(month)}</i>` : ''}<b>${day}</b> ${esc(weekday)}${
      cls === 'today' ? `<span class="tonight">${esc(m.tonight)}</span>` : ''
    }</th>`;
  });
  h += '</tr></thead>';
  for (const site of planning.sites) {
    h += `<tbody><tr class="site"><th scope="rowgroup" colspan="${n + 1}"><span>${esc(site.name)} <small>${esc(`— ${site.commune}${site.confidential ? ` · ${m.confidentialSite}` : ''}`)}</small></span></th></tr>`;
    for (const unit of site.units) {
      const lanes = unitLanes(unit, planning.nights, shades);
      const meta = [m.places(unit.capacity), unit.typology, unit.accessible ? m.accessible : null, unit.programmes.map((p) => m.programmesShort[p] ?? p).join(', ')].filter(Boolean).join(' · ');
      const metaLong = [common.persons(unit.capacity), unit.accessible ? m.accessibleLong : null, unit.programmes.map((p) => common.programmes[p] ?? p).join(', ')].filter(Boolean).join(', ');
      lanes.forEach((cells, lane) => {
        h += '<tr>';
        if (lane === 0) h += `<th scope="row"${lanes.length > 1 ? ` rowspan="${lanes.length}"` : ''}>${esc(unit.name)} <small><span aria-hidden="true">${esc(meta)}</span><span class="sr">${esc(metaLong)}</span></small></th>`;
        for (const c of cells) {
          if (c.kind === 'free') h += `<td${span(c.span)}${c.shade ? ` class="${c.shade}"` : ''}>${c.span === n ? esc(m.freeAll) : ''}</td>`;
          else if (c.kind === 'stay' && c.stay.id !== null && c.stay.household) {
            const s = c.stay;
            h += `<td${span(c.span)} class="bar ${s.status}${edges(c.offset, s.realStart, s.realEnd)}"><a href="/sejours/${esc(s.id!)}"><span class="l" aria-hidden="true"><b>${esc(s.household!.name)}</b> <small>${esc(
              m.status[s.status]
            )}</small></span><span class="tip">${esc(stayText(s))}</span></a></td>`;
          } else if (c.kind === 'stay') {
            const t = esc(stayText(c.stay));
            h += `<td${span(c.span)} class="bar occupied${edges(c.offset, c.stay.realStart, c.stay.realEnd)}"><span class="label" tabindex="0" role="img" aria-label="${t}"><span class="l"><small>${esc(m.status.occupied)}</small></span><span class="tip">${t}</span></span></td>`;
          } else {
            const b = c.block;
            const t = esc(
              b.system
                ? b.realStart <= planning.start
                  ? m.outsideOfferBefore(d(b.realEnd))
                  : m.outsideOfferAfter(d(b.realStart))
                : `${m.blockedLong} — ${blockReasonText(b.reason, locale)}, ${range(b.realStart, b.realEnd)}`
            );
            const label = `<span class="l" aria-hidden="true"><small>${esc(b.system ? m.outsideOfferShort : m.blocked)}</small> <b>${b.system ? '' : esc(blockReasonText(b.reason, locale))}</b></span><span class="tip">${t}</span>`;
            h +=
              !b.system && planning.canBlock
                ? `<td${span(c.span)} class="bar block${edges(c.offset, b.realStart, b.realEnd)}"><a href="#lever-${esc(b.id)}">${label}</a></td>`
                : `<td${span(c.span)} class="bar block${b.system ? ' sys' : ''}${edges(c.offset, b.realStart, b.realEnd)}"><span class="label" tabindex="0" role="img" aria-label="${t}">${label}</span></td>`;
          }
        }
        h += '</tr>';
      });
    }
    h += '</tbody>';
  }
  return `${h}</table></div>`;
}
