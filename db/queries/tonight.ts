// The night's board (the page « Ce soir »): units with their busy intervals over a window from
// tonight, and the stays that arrive, leave or lapse. One query each; reads only.
import type { Programme } from '#domain/programmes.ts';
import type { StayStatus } from '#domain/stay-lifecycle.ts';
import type { DbOrTx } from '../client.ts';
import { prepared } from './prepared.ts';

export interface BoardUnitRow {
  id: string;
  seq: number;
  name: string;
  capacity: number;
  typology: string | null;
  accessible: number;
  /** JSON array of programmes. */
  programmes: string;
  siteName: string;
  commune: string;
  busyStart: string | null;
  busyEnd: string | null;
}

/**
 * Active units with the live stays (holds not yet lapsed) and blocks that touch [from, to): one row
 * per (unit, busy interval), a unit with none has one row with null bounds; ordered by unit.
 */
export function listUnitsWithBusyWindow(db: DbOrTx, q: { from: string; to: string; now: number }): BoardUnitRow[] {
  return prepared(
    db,
    `WITH busy AS (
       SELECT unit_id, start_date, end_date FROM stays
        WHERE status IN ('hold','confirmed','in_place') AND (status <> 'hold' OR hold_expires_at > @now)
          AND start_date < @to AND end_date > @from
       UNION ALL
       SELECT unit_id, start_date, end_date FROM blocks WHERE start_date < @to AND end_date > @from
     )
     SELECT u.id, u.seq, u.name, u.capacity, u.typology, u.accessible, u.programmes, s.name AS siteName, s.commune,
            b.start_date AS busyStart, b.end_date AS busyEnd
       FROM units u
       JOIN sites s ON s.id = u.site_id
       LEFT JOIN busy b ON b.unit_id = u.id
      WHERE u.active = 1
      ORDER BY u.seq, b.start_date`
  ).all({ from: q.from, to: q.to, now: q.now }) as BoardUnitRow[];
}

export interface BoardStayRow {
  id: string;
  programme: Programme;
  start: string;
  end: string;
  status: StayStatus;
  holdExpiresAt: number | null;
  unitName: string;
  siteName: string;
  commune: string;
  householdLabel: string;
  pseudonym: string;
  confidential: number;
  adults: number;
  children: number;
}

const STAY_COLUMNS = `st.id, st.programme, st.start_date AS start, st.end_date AS end, st.status, st.hold_expires_at AS holdExpiresAt,
       u.name AS unitName, s.name AS siteName, s.commune,
       h.label AS householdLabel, h.pseudonym, h.confidential, h.adults, h.children
  FROM stays st
  JOIN units u ON u.id = st.unit_id
  JOIN sites s ON s.id = u.site_id
  JOIN households h ON h.id = st.household_id`;

/** Stays whose first night is `night`, confirmed or on a hold that has not lapsed at `now`. */
export function listArrivals(db: DbOrTx, night: string, now: number): BoardStayRow[] {
  return prepared(
    db,
    `SELECT ${STAY_COLUMNS}
      WHERE st.start_date = ? AND (st.status = 'confirmed' OR (st.status = 'hold' AND st.hold_expires_at > ?))
      ORDER BY u.seq`
  ).all(night, now) as BoardStayRow[];
}

/** Stays in place whose departure date (`end`, not a night of the stay) is `day`. */
export function listDepartures(db: DbOrTx, day: string): BoardStayRow[] {
  return prepared(db, `SELECT ${STAY_COLUMNS} WHERE st.end_date = ? AND st.status = 'in_place' ORDER BY u.seq`).all(day) as BoardStayRow[];
}

/** Holds still live at `now`, the soonest to lapse first. */
export function listLiveHolds(db: DbOrTx, now: number): BoardStayRow[] {
  return prepared(
    db,
    `SELECT ${STAY_COLUMNS} WHERE st.status = 'hold' AND st.hold_expires_at > ? ORDER BY st.hold_expires_at, u.seq`
  ).all(now) as BoardStayRow[];
}
