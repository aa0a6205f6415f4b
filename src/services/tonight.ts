// Tonight: what the duty officer needs at 23:40 on one screen. For the operational night: the free
// units, each once with the programmes it serves, and until when each stays free; the arrivals and
// departures of the day, one row per household (a household placed together in several units is one
// row with its units); the holds about to lapse. Confidential households appear under their pseudonym only.
import { addDays, countNights, type IsoDate } from '#domain/dates.ts';
import { freeRanges, type BusyInterval } from '#domain/availability.ts';
import { programmesOf, PROGRAMMES, TONIGHT_ROLES, type Programme } from '#domain/programmes.ts';
import type { Db } from '#db/client.ts';
import { listArrivals, listDepartures, listLiveHolds, type BoardStayRow } from '#db/queries/stays.ts';
import { listUnitsWithBusyWindow, type BoardUnitRow } from '#db/queries/units.ts';
import { dataVersion } from '#db/prepared.ts';
import { requireRole, type Actor } from './actor.ts';
import { nowMs, today, tonight } from './clock.ts';
import { writeCount } from './transaction.ts';
import type { StayStatus } from '#domain/stay-lifecycle.ts';

/** How far ahead "until when" is counted: a unit free for longer is "free for 31 nights or more". */
export const TONIGHT_HORIZON_NIGHTS = 31;

export interface TonightFreeUnit {
  unitId: string;
  name: string;
  siteName: string;
  commune: string;
  capacity: number;
  typology: string | null;
  accessible: boolean;
  /** Free nights in a row from tonight, at most TONIGHT_HORIZON_NIGHTS. */
  freeNights: number;
  /** The first night it is no longer free (exclusive end of its free range), or null when free past the horizon. */
  freeUntil: IsoDate | null;
  /** The programmes it serves among those of the reader's role, in the domain's order. */
  programmes: Programme[];
}

export interface TonightProgramme {
  programme: Programme;
  /** Active units that serve the programme, free or not. */
  unitCount: number;
  /** Of which free tonight. */
  freeCount: number;
}

/** One unit of a row of the board, with the stay that occupies it. */
export interface TonightStayUnit {
  stayId: string;
  unitName: string;
  siteName: string;
  commune: string;
}

/**
 * One household's row: a stay, or the stays of a household placed together (same nights, several
 * units), which share their status, dates and programme.
 */
export interface TonightStay {
  /** The first stay of the row (its page links to the others). */
  stayId: string;
  householdId: string;
  programme: Programme;
  start: IsoDate;
  end: IsoDate;
  status: StayStatus;
  /** Epoch ms at which a hold lapses; null for other statuses. */
  holdExpiresAt: number | null;
  /** One unit, or each unit of a placement together, in the units' order. */
  units: TonightStayUnit[];
  household: {
    /** The pseudonym for a confidential household, else its label. */
    name: string;
    /** The real name, never given for a confidential household. */
    label: string | null;
    pseudonym: string;
    confidential: boolean;
    /** The household's persons in this row: summed over the units of a placement together. */
    adults: number;
    children: number;
  };
}

export interface Tonight {
  /** The operational night (NIGHT_ROLLOVER_HOUR, Europe/Paris). */
  night: IsoDate;
  /** The calendar date of Europe/Paris: departures are counted on it. */
  today: IsoDate;
  /** The instant of the answer, epoch ms. */
  now: number;
  horizonNights: number;
  /** The free units, each once, in the units' order. */
  freeUnits: TonightFreeUnit[];
  /** The reader's programmes with their units and free units. */
  programmes: TonightProgramme[];
  arrivals: TonightStay[];
  /** The households arriving tonight: a household placed in several units counts once. */
  arrivingHouseholds: number;
  departures: TonightStay[];
  holds: TonightStay[];
}


function toStay(r: BoardStayRow): TonightStay {
  const confidential = r.confidential === 1;
  return {
    stayId: r.id,
    householdId: r.householdId,
    programme: r.programme,
    start: r.start,
    end: r.end,
    status: r.status,
    holdExpiresAt: r.status === 'hold' ? r.holdExpiresAt : null,
    units: [{ stayId: r.id, unitName: r.unitName, siteName: r.siteName, commune: r.commune }],
    household: {
      name: confidential ? r.pseudonym : r.householdLabel,
      label: confidential ? null : r.householdLabel,
      pseudonym: r.pseudonym,
      confidential,
      adults: r.adults,
      children: r.children
    }
  };
}

/**
 * One row per household: the stays of a placement together (one `together_group`, same status) join
 * the row of its first stay, where the list puts it; other stays keep a row each.
 */
function toRows(rows: readonly BoardStayRow[]): TonightStay[] {
  const out: TonightStay[] = [];
  const groups = new Map<string, TonightStay>();
  for (const r of rows) {
    const key = r.togetherGroup === null ? null : `${r.togetherGroup}\u0000${r.status}`;
    const row = key === null ? undefined : groups.get(key);
    if (row) {
      row.units.push({ stayId: r.id, unitName: r.unitName, siteName: r.siteName, commune: r.commune });
      row.household.adults += r.adults;
      row.household.children += r.children;
      continue;
    }
    const stay = toStay(r);
    if (key !== null) groups.set(key, stay);
    out.push(stay);
  }
  return out;
}

interface UnitCalendar {
  row: BoardUnitRow;
  programmes: string[];
  /** The unit's first free range from tonight within the horizon, if any. */
  firstFree: { start: IsoDate; end: IsoDate } | undefined;
}

function calendarsOf(rows: readonly BoardUnitRow[], night: IsoDate, horizonEnd: IsoDate): { calendars: UnitCalendar[]; validUntil: number } {
  const out: UnitCalendar[] = [];
  let validUntil = Number.POSITIVE_INFINITY;
  let i = 0;
  while (i < rows.length) {
    const row = rows[i];
    const busy: BusyInterval[] = [];
    for (; i < rows.length && rows[i].id === row.id; i++) {
      const r = rows[i];
      if (r.busyStart !== null && r.busyEnd !== null) busy.push({ start: r.busyStart, end: r.busyEnd });
      if (r.busyUntil !== null && r.busyUntil < validUntil) validUntil = r.busyUntil;
    }
    out.push({ row, programmes: JSON.parse(row.programmes) as string[], firstFree: freeRanges(busy, night, horizonEnd)[0] });
  }
  return { calendars: out, validUntil };
}

interface KeptCalendars {
  calendars: UnitCalendar[];
  night: IsoDate;
  writes: number;
  dataVersion: number;
  /** A hold of the window lapsing frees its unit: the calendars are valid until the first one does. */
  validUntil: number;
}

const kept = new WeakMap<object, KeptCalendars>();

/**
 * The active units with their first free range from tonight. Every board asks for the same night:
 * the answer is kept per connection until something could change it (a write on this connection, a
 * commit by another process, a hold of the window lapsing, the night turning), like the planning's.
 */
function unitCalendars(db: Db, night: IsoDate, horizonEnd: IsoDate, now: number): UnitCalendar[] {
  const writes = writeCount(db);
  const version = dataVersion(db);
  const hit = kept.get(db.$client);
  if (hit && hit.night === night && hit.writes === writes && hit.dataVersion === version && now < hit.validUntil) return hit.calendars;
  const { calendars, validUntil } = calendarsOf(listUnitsWithBusyWindow(db, { from: night, to: horizonEnd, now }), night, horizonEnd);
  kept.set(db.$client, { calendars, night, writes, dataVersion: version, validUntil });
  return calendars;
}

/** The board of the operational night, for an admin or a duty officer. */
export function getTonight(db: Db, actor: Actor): Tonight {
  requireRole(actor, TONIGHT_ROLES, 'tonight’s board is for admins and duty officers');
  const now = nowMs();
  const night = tonight();
  const day = today();
  const horizonEnd = addDays(night, TONIGHT_HORIZON_NIGHTS);
  const allowed = new Set<string>(programmesOf(actor.role));

  const calendars = unitCalendars(db, night, horizonEnd, now);
  const mine = PROGRAMMES.filter((p) => allowed.has(p));
  const programmes: TonightProgramme[] = mine.map((p) => ({ programme: p, unitCount: 0, freeCount: 0 }));
  const freeUnits: TonightFreeUnit[] = [];
  for (const c of calendars) {
    const served = programmes.filter((p) => c.programmes.includes(p.programme));
    if (served.length === 0) continue;
    for (const p of served) p.unitCount++;
    const first = c.firstFree;
    if (!first || first.start !== night) continue;
    for (const p of served) p.freeCount++;
    const beyond = first.end >= horizonEnd;
    freeUnits.push({
      unitId: c.row.id,
      name: c.row.name,
      siteName: c.row.siteName,
      commune: c.row.commune,
      capacity: c.row.capacity,
      typology: c.row.typology,
      accessible: c.row.accessible === 1,
      freeNights: beyond ? TONIGHT_HORIZON_NIGHTS : countNights(night, first.end),
      freeUntil: beyond ? null : first.end,
      programmes: served.map((p) => p.programme)
    });
  }

  const inScope = (r: BoardStayRow) => allowed.has(r.programme);
  const arrivals = toRows(listArrivals(db, night, now).filter(inScope));
  return {
    night,
    today: day,
    now,
    horizonNights: TONIGHT_HORIZON_NIGHTS,
    freeUnits,
    programmes,
    arrivals,
    arrivingHouseholds: new Set(arrivals.map((a) => a.householdId)).size,
    departures: toRows(listDepartures(db, day).filter(inScope)),
    holds: toRows(listLiveHolds(db, now).filter(inScope))
  };
}
