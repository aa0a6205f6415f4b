import { openDatabase } from '#db/client.ts';
import { findConflicts } from '#db/queries/stays.ts';
import { CALENDAR_SIZES, WINDOW } from './config.ts';
const LIVE = `status IN ('hold', 'confirmed', 'in_place')`;
const SQL = `
SELECT start_date AS start, end_date AS end, 'stay' AS kind FROM stays
 WHERE unit_id = @unitId AND end_date > @start AND end_date <= @end AND ${LIVE} AND (status <> 'hold' OR hold_expires_at > @now) AND (@exclude IS NULL OR id <> @exclude)
UNION ALL
SELECT start, end, kind FROM (
  SELECT start_date AS start, end_date AS end, 'stay' AS kind, status, hold_expires_at FROM stays
   WHERE unit_id = @unitId AND end_date > @end AND ${LIVE} AND (@exclude IS NULL OR id <> @exclude)
   ORDER BY end_date LIMIT 1)
 WHERE start < @end AND (status <> 'hold' OR hold_expires_at > @now)
UNION ALL
SELECT start_date, end_date, 'block' FROM blocks WHERE unit_id = @unitId AND end_date > @start AND end_date <= @end
UNION ALL
SELECT start, end, kind FROM (SELECT start_date AS start, end_date AS end, 'block' AS kind FROM blocks WHERE unit_id = @unitId AND end_date > @end ORDER BY end_date LIMIT 1) WHERE start < @end
ORDER BY start`;
for (const size of CALENDAR_SIZES) {
  const db = openDatabase(size.file);
  const c = db.$client;
  const st = c.prepare(SQL);
  const unitIds = c.prepare('SELECT id FROM units ORDER BY seq').pluck().all() as string[];
  const now = Date.now();
  // correctness over every unit, windows around WINDOW
  let mismatch = 0, rows = 0;
  const d0 = Date.parse(WINDOW.from);
  for (const u of unitIds) for (const [a, b] of [[0, 14], [-30, 1], [5, 6], [-400, 400]]) {
    const s = new Date(d0 + a * 864e5).toISOString().slice(0, 10), e = new Date(d0 + b * 864e5).toISOString().slice(0, 10);
    for (const t of [now, 0]) {
      const x = JSON.stringify(findConflicts(db, u, s, e, t).map((r) => [r.start, r.end, r.kind]));
      const yRows = st.all({ unitId: u, start: s, end: e, now: t, exclude: null }) as { start: string; end: string; kind: string }[];
      const y = JSON.stringify(yRows.map((r) => [r.start, r.end, r.kind]));
      rows += yRows.length;
      if (x !== y) { if (mismatch++ < 3) console.log('MISMATCH', u, s, e, t, x, y); }
    }
  }
  const ts: number[] = [];
  for (let i = 0; i < 20000; i++) { const t0 = process.hrtime.bigint(); st.all({ unitId: unitIds[(i * 7919) % unitIds.length], start: WINDOW.from, end: WINDOW.to, now, exclude: null }); if (i > 2000) ts.push(Number(process.hrtime.bigint() - t0) / 1000); }
  ts.sort((a, b) => a - b);
  const ts2: number[] = [];
  for (let i = 0; i < 20000; i++) { const t0 = process.hrtime.bigint(); findConflicts(db, unitIds[(i * 7919) % unitIds.length], WINDOW.from, WINDOW.to, now); if (i > 2000) ts2.push(Number(process.hrtime.bigint() - t0) / 1000); }
  ts2.sort((a, b) => a - b);
  console.log(size.file.split('/').pop(), 'mismatches', mismatch, 'rows', rows, 'btree median', ts[ts.length >> 1].toFixed(1), 'rtree findConflicts median', ts2[ts2.length >> 1].toFixed(1));
  c.close();
}
