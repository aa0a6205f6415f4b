// The planning's table as one template string, from the same service answer and with the same words,
// cells, classes, links and tooltips as the page's grid (its body is the page's own string): the
// bench's yardstick for what rendering that table can cost at least, beside the page SvelteKit renders.
import { formatDate, formatDayHeader } from '../src/lib/format.ts';
import { messages, type Locale } from '../src/lib/i18n/index.ts';
import { monthMarks } from '../src/lib/components/planning/grid.ts';
import { esc, gridBodyHtml } from '../src/lib/components/planning/grid-html.ts';
import { isWeekend, shiftDate } from '../src/lib/dates.ts';
import type { Planning } from '../src/services/planning.ts';

export function planningTableHtml(planning: Planning, locale: Locale): string {
  const m = messages(locale).planning;
  const n = planning.nights.length;
  const marks = monthMarks(planning.nights, locale);
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
  // The body is the page's own string (src/lib/components/planning/grid-html.ts).
  h += gridBodyHtml(planning, locale);
  return `${h}</table></div>`;
}
