// The staff reports' page adapter: the period a URL asks for, the report's figures from the
// services, and the tables the page shows and the CSV gives (one builder for both, so a table's CSV
// is the table on the page). Words come from the dictionaries; the figures are the services'.
import { AppError } from '#domain/errors.ts';
import { tonight } from '#services/clock.ts';
import { monthOf } from '#domain/dates.ts';
import { defaultPeriod, lastNightOf, periodOfQuery, quarterOf, type ChosenPeriod, type PeriodError } from '#domain/report-period.ts';
import { canSeeConfidentialAddress, type Programme, type Role } from '#domain/programmes.ts';
import { HOUSING_DESTINATIONS } from '#domain/residence-codes.ts';
import type { Actor } from '#services/actor.ts';
import { activityReport, type ActivityReport } from '#services/reports/activity.ts';
import { reportSections, type ReportSections } from '#services/reports/sections.ts';
import { toCsv } from '#services/csv.ts';
import { pageErrorFrom } from './errors';
import { messages, type Locale } from '$lib/i18n';
import { formatCents, formatCount, formatDay, formatDecimal, formatMonth, formatShortMonth } from '$lib/format';
import { highestIndex, lowestIndex } from '$lib/components/charts/chart';
import type { ReportCell, ReportColumn, ReportRow, ReportSection, ReportTable } from '$lib/report-table';

/** The page's query names for a period: ?mois=YYYY-MM, ?trimestre=YYYY-Tn, ?annee=YYYY, ?du=…&au=… (the last night, included). */
export function periodQueryOf(search: URLSearchParams): Parameters<typeof periodOfQuery>[0] {
	const get = (k: string) => search.get(k) ?? undefined;
	return { month: get('mois'), quarter: get('trimestre'), year: get('annee'), first: get('du'), last: get('au') };
}

/** The query that names a period on the page, so a link or a bookmark gives it back. */
export function queryOfPeriod(period: ChosenPeriod): string {
	switch (period.kind) {
		case 'month':
			return `mois=${monthOf(period.from)}`;
		case 'quarter':
			return `trimestre=${period.from.slice(0, 4)}-T${quarterOf(period.from)}`;
		case 'year':
			return `annee=${period.from.slice(0, 4)}`;
		case 'dates':
			return `du=${period.from}&au=${lastNightOf(period)}`;
	}
}

/** The period in words: « novembre 2026 », « 4e trimestre 2026 », « année 2025 », « du 1 mars 2026 au 31 mars 2026 ». */
export function periodLabel(period: ChosenPeriod, locale: Locale): string {
	const p = messages(locale).reports.period;
	switch (period.kind) {
		case 'month':
			return formatMonth(monthOf(period.from), locale);
		case 'quarter':
			return p.quarterLabel(quarterOf(period.from), period.from.slice(0, 4));
		case 'year':
			return p.yearLabel(period.from.slice(0, 4));
		case 'dates':
			return p.datesLabel(formatDay(period.from, locale), formatDay(lastNightOf(period), locale));
	}
}

export type PeriodProblem = PeriodError | 'too_long';

export interface ReportView {
	period: ChosenPeriod & { last: string; label: string; query: string };
	/** Why the period asked for was not used (the default shows instead), or null. */
	problem: PeriodProblem | null;
	sections: ReportSection[];
}

/**
 * The report for the period the URL asks for, as the caller's role sees it. A period that cannot be
 * read, or that the report refuses (longer than it spans), gives the default period and says why.
 */
export function loadReport(db: App.Locals['db'], actor: Actor, search: URLSearchParams, locale: Locale, today: string): ReportView {
	const asked = periodOfQuery(periodQueryOf(search), today);
	let period = asked.ok ? asked.period : defaultPeriod(today);
	let problem: PeriodProblem | null = asked.ok ? null : asked.error;
	let figures: { activity: ActivityReport; sections: ReportSections };
	const read = (p: ChosenPeriod) => ({ activity: activityReport(db, actor, { from: p.from, to: p.to }), sections: reportSections(db, actor, { from: p.from, to: p.to }) });
	try {
		figures = read(period);
	} catch (e) {
		// The reports' own guard (staff only) stands behind the page guard: its refusal is the 403 page.
		if (e instanceof AppError && e.code === 'forbidden') pageErrorFrom(e, ['forbidden']);
		// The periods the page builds are well formed: what the report refuses is their length.
		if (!(e instanceof AppError) || (e.code !== 'invalid' && e.code !== 'validation')) throw e;
		period = defaultPeriod(today);
		problem = 'too_long';
		figures = read(period);
	}
	return {
		period: { ...period, last: lastNightOf(period), label: periodLabel(period, locale), query: queryOfPeriod(period) },
		problem,
		sections: buildSections(figures.activity, figures.sections, locale)
	};
}

/** The table named `id` of a report, as CSV (UTF-8 with a BOM, `;`): its header, then its rows as the page shows them, numbers plain. */
export function tableCsv(table: ReportTable): string {
	return toCsv([table.columns.map((c) => c.label), ...table.rows.map((r) => r.cells)]);
}

/** Every table of the report, in page order. */
export function allTables(view: ReportView): ReportTable[] {
	return view.sections.flatMap((s) => s.tables);
}

/** Links to the shortcuts most asked for: last month, last year, this year. */
export function quickPeriods(today: string, locale: Locale): { label: string; query: string }[] {
	const p = messages(locale).reports.period;
	const year = Number(today.slice(0, 4));
	return [
		{ label: p.lastMonth, query: queryOfPeriod(defaultPeriod(today)) },
		{ label: p.lastYear, query: `annee=${year - 1}` },
		{ label: p.thisYear, query: `annee=${year}` }
	];
}

/** The quarters offered by the period picker: this year's and the five years' before, latest first. */
export function quarterOptions(today: string, locale: Locale): { value: string; label: string }[] {
	const p = messages(locale).reports.period;
	const year = Number(today.slice(0, 4));
	const out: { value: string; label: string }[] = [];
	for (let y = year; y >= year - 5; y--) for (let q = 4; q >= 1; q--) out.push({ value: `${y}-T${q}`, label: p.quarterLabel(q, String(y)) });
	return out;
}

/** Declarations (the SIAO month, the ALT year, the DV protocol's year) for the period's last month and year; admins and duty officers only. */
export function declarationLinks(role: Role, period: ChosenPeriod, locale: Locale): { href: string; label: string }[] | null {
	if (!canSeeConfidentialAddress(role)) return null;
	const d = messages(locale).reports.declarations;
	const month = monthOf(lastNightOf(period));
	const year = month.slice(0, 4);
	const protocolYear = String(Math.min(Number(year), Number(tonight().slice(0, 4)) - 1));
	return [
		{ href: `/rapports/declarations/siao?month=${month}`, label: d.siao(formatMonth(month, locale)) },
		{ href: `/rapports/declarations/alt?year=${year}`, label: d.alt(year) },
		// The protocol's report goes to its partners: for a finished year only.
		{ href: `/rapports/declarations/protocole?year=${protocolYear}`, label: d.protocol(protocolYear) }
	];
}

// ---------------------------------------------------------------------------------------------
// The tables

const percent = (rate: number, locale: Locale) => formatDecimal(rate * 100, locale, 1);
const shareOf = (n: number, total: number, locale: Locale) => (total > 0 ? formatDecimal((100 * n) / total, locale, 1) : null);
const decimal = (n: number | null, locale: Locale) => (n === null ? null : formatDecimal(n, locale, 1));

function column(label: string, numeric: boolean, definition?: string): ReportColumn {
	return definition ? { label, numeric, definition } : { label, numeric };
}

function rows(cells: ReportCell[][]): ReportRow[] {
	return cells.map((c) => ({ cells: c }));
}

function buildSections(a: ActivityReport, b: ReportSections, locale: Locale): ReportSection[] {
	const all = messages(locale);
	const r = all.reports;
	const col = r.columns;
	const def = r.columnDefinitions;
	const programmeName = (p: Programme) => all.common.programmes[p];
	const sections: ReportSection[] = [];

	// Nights and households -------------------------------------------------------------------
	const t = a.totals;
	const figure = (key: keyof typeof r.figures & keyof typeof r.figureDefinitions, value: ReportCell): ReportRow => ({ cells: [r.figures[key], value], definition: r.figureDefinitions[key] });
	const keyFigures: ReportTable = {
		id: 'chiffres-cles',
		title: r.tables.keyFigures.title,
		definition: r.tables.keyFigures.definition,
		columns: [column(col.figure, false), column(col.value, true)],
		rows: [
			figure('householdNights', t.householdNights),
			figure('personNights', t.personNights),
			figure('households', t.households),
			figure('persons', t.persons),
			figure('adults', t.adults),
			figure('children', t.children),
			figure('staysStarted', t.staysStarted),
			figure('staysEnded', t.staysEnded)
		]
	};
	const byProgramme: ReportTable = {
		id: 'nuitees-par-dispositif',
		title: r.tables.byProgramme.title,
		definition: r.tables.byProgramme.definition,
		columns: [
			column(col.programme, false),
			column(col.householdNights, true, def.householdNights),
			column(col.personNights, true, def.personNights),
			column(col.households, true, def.households),
			column(col.persons, true, def.persons),
			column(col.adults, true),
			column(col.children, true),
			column(col.staysStarted, true, def.staysStarted),
			column(col.staysEnded, true, def.staysEnded)
		],
		rows: rows(a.programmes.map((p) => [programmeName(p.programme), p.householdNights, p.personNights, p.households, p.persons, p.adults, p.children, p.staysStarted, p.staysEnded]))
	};
	const months = a.occupancy.months;
	const monthly = months.map((m) => {
		const ofMonth = a.nightsByMonth.filter((n) => n.month === m);
		return { month: m, householdNights: ofMonth.reduce((s, n) => s + n.householdNights, 0), personNights: ofMonth.reduce((s, n) => s + n.personNights, 0) };
	});
	const busiest = highestIndex(monthly.map((m) => m.householdNights));
	const byMonth: ReportTable = {
		id: 'nuitees-par-mois',
		title: r.tables.byMonth.title,
		definition: r.tables.byMonth.definition,
		columns: [column(col.month, false), column(col.householdNights, true, def.householdNights), column(col.personNights, true, def.personNights)],
		rows: rows(monthly.map((m) => [formatMonth(m.month, locale), m.householdNights, m.personNights])),
		chart: {
			kind: 'months',
			title: r.charts.nightsByMonth,
			summary: busiest < 0 ? r.charts.empty : r.charts.highestMonth(formatMonth(monthly[busiest]!.month, locale), formatCount(monthly[busiest]!.householdNights, locale)),
			columnsLegend: r.charts.nightsByMonthLegend,
			months: monthly.map((m) => ({ month: m.month, label: months.length > 24 ? m.month.slice(0, 4) : formatShortMonth(m.month, locale, months.length > 12), value: m.householdNights, valueLabel: formatCount(m.householdNights, locale) }))
		}
	};
	const bySite: ReportTable = {
		id: 'nuitees-par-site',
		title: r.tables.nightsBySite.title,
		definition: r.tables.nightsBySite.definition,
		columns: [column(col.site, false), column(col.commune, false), column(col.householdNights, true, def.householdNights), column(col.personNights, true, def.personNights)],
		rows: rows(a.sites.map((s) => [s.name, s.commune, s.householdNights, s.personNights]))
	};
	const communes = new Map<string, { householdNights: number; personNights: number }>();
	for (const s of a.sites) {
		const c = communes.get(s.commune) ?? { householdNights: 0, personNights: 0 };
		c.householdNights += s.householdNights;
		c.personNights += s.personNights;
		communes.set(s.commune, c);
	}
	const byCommune: ReportTable = {
		id: 'nuitees-par-commune',
		title: r.tables.nightsByCommune.title,
		definition: r.tables.nightsByCommune.definition,
		columns: [column(col.commune, false), column(col.householdNights, true, def.householdNights), column(col.personNights, true, def.personNights)],
		rows: rows([...communes].sort(([x], [y]) => x.localeCompare(y, 'fr')).map(([name, c]) => [name, c.householdNights, c.personNights]))
	};
	sections.push({ id: 'nuitees', title: r.sections.activity, tables: [keyFigures, byProgramme, byMonth, bySite, byCommune] });

	// Occupancy ----------------------------------------------------------------------------------
	const occupancyColumns = [column(col.openUnitNights, true, def.openUnitNights), column(col.occupiedUnitNights, true, def.occupiedUnitNights), column(col.occupancy, true, def.occupancy)];
	const siteRates = a.occupancy.sites.map((s) => s.occupancy);
	const top = highestIndex(siteRates);
	const bottom = lowestIndex(siteRates);
	const occupancyBySite: ReportTable = {
		id: 'occupation-par-site',
		title: r.tables.bySite.title,
		definition: r.tables.bySite.definition,
		columns: [column(col.site, false), ...occupancyColumns],
		rows: rows(a.occupancy.sites.map((s) => [s.name, s.openUnitNights, s.occupiedUnitNights, percent(s.occupancy, locale)])),
		chart: {
			kind: 'bars',
			title: r.charts.occupancyBySite,
			summary:
				top < 0
					? r.charts.empty
					: r.charts.occupancyHighest(a.occupancy.sites[top]!.name, percent(siteRates[top]!, locale), a.occupancy.sites[bottom]!.name, percent(siteRates[bottom]!, locale)),
			max: 1,
			bars: a.occupancy.sites.map((s) => ({ label: s.name, value: s.occupancy, valueLabel: `${percent(s.occupancy, locale)} %` }))
		}
	};
	const occupancyByProgramme: ReportTable = {
		id: 'occupation-par-dispositif',
		title: r.tables.occupancyByProgramme.title,
		definition: r.tables.occupancyByProgramme.definition,
		note: r.tables.occupancyByProgramme.note,
		columns: [column(col.programme, false), ...occupancyColumns],
		rows: rows(a.occupancy.programmes.map((p) => [programmeName(p.programme), p.openUnitNights, p.occupiedUnitNights, percent(p.occupancy, locale)]))
	};
	const monthTotals = months.map((m, i) => {
		let open = 0;
		let occupied = 0;
		for (const s of a.occupancy.sites) {
			open += s.months[i]?.openUnitNights ?? 0;
			occupied += s.months[i]?.occupiedUnitNights ?? 0;
		}
		return { month: m, open, occupied };
	});
	const occupancyByMonth: ReportTable = {
		id: 'occupation-par-mois',
		title: r.tables.occupancyByMonth.title,
		definition: r.tables.occupancyByMonth.definition,
		columns: [column(col.month, false), ...occupancyColumns],
		rows: rows(monthTotals.map((m) => [formatMonth(m.month, locale), m.open, m.occupied, m.open > 0 ? formatDecimal((100 * m.occupied) / m.open, locale, 1) : percent(0, locale)]))
	};
	const occupancyByUnit: ReportTable = {
		id: 'occupation-par-logement',
		title: r.tables.occupancyByUnit.title,
		definition: r.tables.occupancyByUnit.definition,
		columns: [column(col.site, false), column(col.unit, false), column(col.programme, false), ...occupancyColumns],
		rows: rows(a.occupancy.units.map((u) => [u.siteName, u.name, u.programmes.map(programmeName).join(' · '), u.openUnitNights, u.occupiedUnitNights, percent(u.occupancy, locale)]))
	};
	sections.push({ id: 'occupation', title: r.sections.occupancy, tables: [occupancyBySite, occupancyByProgramme, occupancyByMonth, occupancyByUnit] });

	// Length of stay -----------------------------------------------------------------------------
	const lengths: ReportTable = {
		id: 'duree-des-sejours',
		title: r.tables.lengthOfStay.title,
		definition: r.tables.lengthOfStay.definition,
		columns: [column(col.programme, false), column(col.stays, true), column(col.medianNights, true), column(col.meanNights, true)],
		rows: rows(a.lengthOfStay.map((l) => [programmeName(l.programme), l.stays, decimal(l.medianNights, locale), decimal(l.meanNights, locale)]))
	};
	const buckets = a.lengthOfStay[0]?.buckets.map((b) => b.bucket) ?? [];
	const distribution: ReportTable = {
		id: 'duree-repartition',
		title: r.tables.lengthBuckets.title,
		definition: r.tables.lengthBuckets.definition,
		columns: [column(col.nights, false), ...a.lengthOfStay.map((l) => column(programmeName(l.programme), true))],
		rows: rows(buckets.map((b, i) => [r.bucket(b), ...a.lengthOfStay.map((l) => l.buckets[i]?.count ?? 0)]))
	};
	sections.push({ id: 'duree', title: r.sections.length, tables: [lengths, distribution] });

	// Outcomes ------------------------------------------------------------------------------------
	sections.push({ id: 'sorties', title: r.sections.outcomes, tables: outcomeTables(b, locale) });

	// Unmet demand ---------------------------------------------------------------------------------
	const unmetTotal = a.unmet.reduce((s, u) => s + u.count, 0);
	const first = highestIndex(a.unmet.map((u) => u.count));
	const unmet: ReportTable = {
		id: 'demandes-non-pourvues',
		title: r.tables.unmet.title,
		definition: r.tables.unmet.definition,
		columns: [column(col.reason, false), column(col.count, true), column(col.share, true, def.share)],
		rows: rows(a.unmet.map((u) => [all.place.unmet.reasons[u.reason], u.count, shareOf(u.count, unmetTotal, locale)])),
		chart: {
			kind: 'bars',
			title: r.charts.unmet,
			summary: first < 0 ? r.charts.empty : r.charts.unmetSummary(all.place.unmet.reasons[a.unmet[first]!.reason], formatCount(a.unmet[first]!.count, locale)),
			bars: a.unmet.map((u) => ({ label: all.place.unmet.reasons[u.reason], value: u.count, valueLabel: formatCount(u.count, locale) }))
		}
	};
	const unmetByProgramme: ReportTable = {
		id: 'demandes-non-pourvues-par-dispositif',
		title: r.tables.unmetByProgramme.title,
		definition: r.tables.unmetByProgramme.definition,
		columns: [column(col.programme, false), column(col.reason, false), column(col.count, true)],
		rows: rows(a.unmetByProgramme.filter((u) => u.count > 0).map((u) => [programmeName(u.programme), all.place.unmet.reasons[u.reason], u.count]))
	};
	const unmetShare: ReportTable = {
		id: 'demandes-non-pourvues-part',
		title: r.tables.unmetShare.title,
		definition: r.tables.unmetShare.definition,
		columns: [column(col.programme, false), column(col.unmet, true), column(col.placements, true, r.columnDefinitions.placementsStarted), column(col.unmetShare, true, r.columnDefinitions.unmetShare)],
		rows: rows(a.unmetShare.map((u) => [u.programme === 'all' ? r.total : programmeName(u.programme), u.unmet, u.placements, u.share === null ? null : percent(u.share, locale)]))
	};
	sections.push({ id: 'demande-non-pourvue', title: r.sections.unmet, tables: [unmet, unmetShare, unmetByProgramme] });

	// Referrals ------------------------------------------------------------------------------------
	const referrals: ReportTable = {
		id: 'orientations',
		title: r.tables.referrals.title,
		definition: r.tables.referrals.definition,
		columns: [column(col.figure, false), column(col.value, true)],
		rows: [
			figure('referralsReceived', a.referrals.received),
			figure('medianHoursToDecision', decimal(b.referralsBySource.medianHoursToDecision, locale)),
			figure('p90HoursToDecision', decimal(b.referralsBySource.p90HoursToDecision, locale))
		]
	};
	const referralOutcomes: ReportTable = {
		id: 'orientations-par-issue',
		title: r.tables.referralOutcomes.title,
		definition: r.tables.referralOutcomes.definition,
		columns: [column(col.outcome, false), column(col.count, true)],
		rows: rows(a.referrals.byOutcome.map((o) => [all.referrals.statuses[o.outcome], o.count]))
	};
	const src = b.referralsBySource;
	const outcomeCodes = src.sources[0]?.byOutcome.map((o) => o.outcome) ?? [];
	const bySource: ReportTable = {
		id: 'orientations-par-origine',
		title: r.tables.referralSources.title,
		definition: r.tables.referralSources.definition,
		columns: [
			column(col.source, false),
			column(col.received, true),
			...outcomeCodes.map((o) => column(all.referrals.statuses[o], true)),
			column(col.medianHours, true, r.figureDefinitions.medianHoursToDecision),
			column(col.p90Hours, true, r.figureDefinitions.p90HoursToDecision)
		],
		rows: rows(
			src.sources.map((l) => [
				l.source === 'unknown' ? r.unknownSource : r.sources[l.source],
				l.received,
				...outcomeCodes.map((o) => l.byOutcome.find((x) => x.outcome === o)?.count ?? 0),
				decimal(l.medianHoursToDecision, locale),
				decimal(l.p90HoursToDecision, locale)
			])
		)
	};
	sections.push({ id: 'orientations', title: r.sections.referrals, tables: [referrals, referralOutcomes, bySource] });
	if (b.dvProtocol) sections.push({ id: 'protocole', title: r.sections.protocol, tables: protocolTables(b.dvProtocol, locale) });
	if (b.mission) sections.push({ id: 'mission', title: r.sections.mission, tables: missionTables(b.mission, locale) });
	if (b.residence) sections.push({ id: 'residence', title: r.sections.residence, tables: residenceTables(b.residence, locale) });
	sections.push({ id: 'territoire', title: r.sections.territory, tables: territoryTables(b.territory, locale) });

	return sections;
}

const euros = (cents: number, locale: Locale) => formatDecimal(cents / 100, locale, 2);

function outcomeTables(b: ReportSections, locale: Locale): ReportTable[] {
	const all = messages(locale);
	const r = all.reports;
	const col = r.columns;
	const o = b.outcomes;
	const figure = (key: keyof typeof r.figures & keyof typeof r.figureDefinitions, value: ReportCell): ReportRow => ({ cells: [r.figures[key], value], definition: r.figureDefinitions[key] });
	const figures: ReportRow[] = [
		figure('departures', o.departuresTotal),
		figure('exits', o.exits),
		figure('exitsToHousing', o.exitsToHousing),
		figure('shareToHousing', o.shareToHousing === null ? null : percent(o.shareToHousing, locale))
	];
	if (o.leasesSigned !== null) figures.push(figure('leasesSigned', o.leasesSigned));
	if (o.timeToHousing) figures.push(figure('housedHouseholds', o.timeToHousing.households), figure('medianDaysToHousing', decimal(o.timeToHousing.medianDays, locale)));
	if (o.returns) figures.push(figure('returnsFollowed', o.returns.housed), figure('returned', o.returns.returned), figure('returnShare', o.returns.share === null ? null : percent(o.returns.share, locale)));
	const keyFigures: ReportTable = {
		id: 'sorties-chiffres-cles',
		title: r.tables.outcomeFigures.title,
		definition: r.tables.outcomeFigures.definition,
		note: o.returns && !o.returns.complete ? r.tables.outcomeFigures.incomplete : undefined,
		columns: [column(col.figure, false), column(col.value, true)],
		rows: figures
	};
	const toHousing = o.departures.filter((d) => HOUSING_DESTINATIONS.includes(d.destination)).reduce((s, d) => s + d.count, 0);
	const exits: ReportTable = {
		id: 'sorties-par-destination',
		title: r.tables.exits.title,
		definition: r.tables.exits.definition,
		columns: [column(col.destination, false), column(col.count, true), column(col.share, true, r.columnDefinitions.share)],
		rows: rows(o.departures.map((d) => [all.residence.destinations[d.destination], d.count, shareOf(d.count, o.departuresTotal, locale)])),
		chart: {
			kind: 'bars',
			title: r.charts.exits,
			summary: o.departuresTotal === 0 ? r.charts.empty : r.charts.exitsSummary(formatCount(toHousing, locale), shareOf(toHousing, o.departuresTotal, locale) ?? '0'),
			markedLegend: r.charts.exitsLegend,
			bars: o.departures.map((d) => ({ label: all.residence.destinations[d.destination], value: d.count, valueLabel: formatCount(d.count, locale), marked: HOUSING_DESTINATIONS.includes(d.destination) }))
		}
	};
	return [keyFigures, exits];
}

function protocolTables(p: NonNullable<ReportSections['dvProtocol']>, locale: Locale): ReportTable[] {
	const r = messages(locale).reports;
	const col = r.columns;
	const figure = (key: keyof typeof r.figures & keyof typeof r.figureDefinitions, value: ReportCell): ReportRow => ({ cells: [r.figures[key], value], definition: r.figureDefinitions[key] });
	const keyFigures: ReportTable = {
		id: 'protocole-chiffres-cles',
		title: r.tables.protocolFigures.title,
		definition: r.tables.protocolFigures.definition,
		columns: [column(col.figure, false), column(col.value, true)],
		rows: [figure('hotelNights', p.hotelNights), figure('hotelCost', euros(p.hotelCostCents, locale)), figure('apartmentNights', p.apartmentNights)]
	};
	const oneYear = p.years.length === 1 ? p.years[0]! : null;
	const costliest = highestIndex(p.months.map((m) => m.costCents));
	const byMonth: ReportTable = {
		id: 'protocole-par-mois',
		title: r.tables.protocolMonths.title,
		definition: r.tables.protocolMonths.definition,
		columns: [
			column(col.month, false),
			column(col.hotelNights, true),
			column(col.hotelCost, true),
			column(col.apartmentNights, true),
			column(col.cumulativeCost, true, r.columnDefinitions.cumulativeCost),
			column(col.budgetUsed, true, r.columnDefinitions.budgetUsed)
		],
		rows: rows(p.months.map((m) => [formatMonth(m.month, locale), m.hotelNights, euros(m.costCents, locale), m.apartmentNights, euros(m.cumulativeCostCents, locale), m.budgetUsed === null ? null : percent(m.budgetUsed, locale)])),
		chart: {
			kind: 'months',
			title: r.charts.protocol,
			summary:
				costliest < 0
					? r.charts.empty
					: r.charts.protocolSummary(formatMonth(p.months[costliest]!.month, locale), formatCents(p.months[costliest]!.costCents, locale), oneYear && oneYear.budgetUsed !== null ? percent(oneYear.budgetUsed, locale) : null),
			columnsLegend: r.charts.protocolColumns,
			lineLegend: r.charts.protocolLine,
			reference: oneYear ? { value: oneYear.budgetCents / 100, legend: r.charts.protocolBudget(formatCents(oneYear.budgetCents, locale)) } : undefined,
			months: p.months.map((m) => ({
				month: m.month,
				label: p.months.length > 24 ? m.month.slice(0, 4) : formatShortMonth(m.month, locale, p.months.length > 12),
				value: m.costCents / 100,
				valueLabel: formatCents(m.costCents, locale),
				line: m.cumulativeCostCents / 100
			}))
		}
	};
	const budget: ReportTable = {
		id: 'protocole-budget',
		title: r.tables.protocolBudget.title,
		definition: r.tables.protocolBudget.definition,
		columns: [column(col.year, false), column(col.budget, true), column(col.hotelCost, true), column(col.budgetUsed, true, r.columnDefinitions.budgetUsed)],
		rows: rows(p.years.map((y) => [String(y.year), euros(y.budgetCents, locale), euros(y.costCents, locale), y.budgetUsed === null ? null : percent(y.budgetUsed, locale)]))
	};
	return [keyFigures, byMonth, budget];
}

function missionTables(m: NonNullable<ReportSections['mission']>, locale: Locale): ReportTable[] {
	const all = messages(locale);
	const r = all.reports;
	const col = r.columns;
	const figure = (key: keyof typeof r.figures & keyof typeof r.figureDefinitions, value: ReportCell): ReportRow => ({ cells: [r.figures[key], value], definition: r.figureDefinitions[key] });
	const keyFigures: ReportTable = {
		id: 'mission-chiffres-cles',
		title: r.tables.missionFigures.title,
		definition: r.tables.missionFigures.definition,
		columns: [column(col.figure, false), column(col.value, true)],
		rows: [figure('offers', m.offersTotal), figure('leasesSigned', m.leasesSigned), figure('medianDaysOfferToLease', decimal(m.medianDaysOfferToLease, locale)), figure('refusals', m.refusalsTotal)]
	};
	const statuses = m.offers[0]?.byStatus.map((s) => s.status) ?? [];
	const offers: ReportTable = {
		id: 'mission-offres',
		title: r.tables.missionOffers.title,
		definition: r.tables.missionOffers.definition,
		columns: [column(col.scheme, false), ...statuses.map((s) => column(all.missionPeople.offerStatuses[s], true)), column(r.total, true)],
		rows: rows(m.offers.map((o) => [all.missionPeople.schemes[o.scheme], ...statuses.map((s) => o.byStatus.find((x) => x.status === s)?.count ?? 0), o.total]))
	};
	const refusals: ReportTable = {
		id: 'mission-refus',
		title: r.tables.missionRefusals.title,
		definition: r.tables.missionRefusals.definition,
		columns: [column(col.refusedBy, false), column(col.reason, false), column(col.count, true)],
		rows: rows(m.refusals.map((x) => [all.missionPeople.proposalStatuses[x.status], x.reason || r.noReason, x.count]))
	};
	return [keyFigures, offers, refusals];
}

function residenceTables(x: NonNullable<ReportSections['residence']>, locale: Locale): ReportTable[] {
	const r = messages(locale).reports;
	const col = r.columns;
	const figure = (key: keyof typeof r.figures & keyof typeof r.figureDefinitions, value: ReportCell): ReportRow => ({ cells: [r.figures[key], value], definition: r.figureDefinitions[key] });
	return [
		{
			id: 'residence-chiffres-cles',
			title: r.tables.residenceFigures.title,
			definition: r.tables.residenceFigures.definition,
			columns: [column(col.figure, false), column(col.value, true)],
			rows: [
				figure('residenceUnits', x.units),
				figure('residenceOccupancy', percent(x.occupancy, locale)),
				figure('admissions', x.admissions),
				figure('medianDaysToAdmission', decimal(x.medianDaysToAdmission, locale)),
				figure('moveIns', x.moveIns),
				{ cells: [r.figures.waitingList, x.waitingList.count], definition: r.waitingListAsOf(formatDay(x.waitingList.asOf, locale)) },
				figure('medianDaysWaited', decimal(x.waitingList.medianDaysWaited, locale)),
				{ cells: [r.figures.arrearsContracts, x.arrears.contracts], definition: r.arrearsAsOf(formatMonth(x.arrears.month, locale)) },
				{ cells: [r.figures.arrearsTotal, euros(x.arrears.totalCents, locale)], definition: r.arrearsAsOf(formatMonth(x.arrears.month, locale)) }
			]
		}
	];
}

function territoryTables(t: ReportSections['territory'], locale: Locale): ReportTable[] {
	const r = messages(locale).reports;
	const col = r.columns;
	const name = (l: (typeof t.lines)[number]) => (l.origin === 'outside' ? r.outside : l.origin === 'unknown' ? r.unknownOrigin : (l.name ?? l.origin));
	const communes = t.lines.filter((l) => l.population !== null);
	const rate = (n: number | null) => (n === null ? null : formatDecimal(n, locale, 2));
	const lowest = lowestIndex(communes.map((l) => l.placementsPer1000 ?? 0));
	const highest = highestIndex(communes.map((l) => l.placementsPer1000 ?? 0));
	return [
		{
			id: 'territoire',
			title: r.tables.territory.title,
			definition: r.tables.territory.definition,
			note: t.populationYear === null ? undefined : r.tables.territory.note(String(t.populationYear)),
			columns: [
				column(col.origin, false),
				column(col.population, true),
				column(col.demands, true, r.columnDefinitions.demands),
				column(col.placements, true, r.columnDefinitions.placements),
				column(col.demandsPer1000, true, r.columnDefinitions.per1000),
				column(col.placementsPer1000, true, r.columnDefinitions.per1000)
			],
			rows: rows(t.lines.map((l) => [name(l), l.population, l.demands, l.placements, rate(l.demandsPer1000), rate(l.placementsPer1000)])),
			chart: {
				kind: 'bars',
				title: r.charts.territory,
				summary: highest < 0 ? r.charts.empty : r.charts.territorySummary(name(communes[highest]!), rate(communes[highest]!.placementsPer1000) ?? '0', name(communes[lowest]!), rate(communes[lowest]!.placementsPer1000) ?? '0'),
				bars: communes.map((l) => ({ label: name(l), value: l.placementsPer1000 ?? 0, valueLabel: rate(l.placementsPer1000) ?? '—' }))
			}
		}
	];
}
