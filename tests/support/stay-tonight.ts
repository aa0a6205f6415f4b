// A confirmed stay whose first night is tonight, on a free emergency unit of the demo: one a duty
// officer may record as a no-show.
import type { Db } from '../../db/client.ts';
import { addDays } from '../../src/domain/dates.ts';
import { tonight } from '../../src/services/clock.ts';
import { placeStay } from '../../src/services/stays.ts';

export function confirmedStayTonight(db: Db, label: string): string {
  const t = tonight();
  const next = addDays(t, 1);
  const unit = db.$client
    .prepare(
      `SELECT id FROM units WHERE active = 1 AND programmes LIKE '%"emergency"%'
         AND id NOT IN (SELECT unit_id FROM stays WHERE status IN ('hold', 'confirmed', 'in_place') AND start_date < ? AND end_date > ?)
         AND id NOT IN (SELECT unit_id FROM blocks WHERE start_date < ? AND end_date > ?)
       ORDER BY capacity DESC LIMIT 1`
    )
    .get(next, t, next, t) as { id: string };
  const admin = db.$client.prepare(`SELECT id FROM accounts WHERE role = 'admin' ORDER BY created_at LIMIT 1`).get() as { id: string };
  return placeStay(db, { accountId: admin.id, role: 'admin', organisationId: null }, { unitId: unit.id, start: t, end: next, programme: 'emergency', status: 'confirmed', household: { label, adults: 1, children: 0 } }).value.id;
}
