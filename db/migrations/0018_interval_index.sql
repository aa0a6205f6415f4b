-- The calendar's interval index: an R*Tree (SQLite's rtree module, 32-bit integer coordinates) over
-- (unit, nights, kind) of every stay that holds or held nights (hold, confirmed, in place, ended)
-- and every block. Finding the stays and blocks of a window costs what it finds, whatever the size
-- of the calendar before or after the window (the (unit_id, end_date) indexes walk every later stay
-- of a unit).
--   unit_lo = unit_hi        the unit's `seq`
--   first_night, last_night  day numbers (days since 1970-01-01, exact in 32 bits) of the first and
--                            the last night: a stay [start, end) is [day(start), day(end) - 1]
--   kind_lo = kind_hi        0 a block, 1 in place, 2 confirmed, 3 a hold, 4 ended: "blocks a night"
--                            is kind <= 3 (a hold only until it lapses), "used a night" kind <= 4
--   ref                      the stay's or the block's id
--   hold_until               a hold's expiry (epoch ms): a hold past it blocks nothing, even before
--                            its row says 'lapsed' (readers compare it with their clock; the overlap
--                            triggers count every row still marked 'hold', as before: the services
--                            mark a unit's expired holds lapsed before they write)
-- The triggers below keep it in step with `stays` and `blocks` inside the writing statement, so in
-- its transaction; the overlap triggers read their conflicts through it.
CREATE VIRTUAL TABLE calendar_index USING rtree_i32(id, unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, +ref, +hold_until);
--> statement-breakpoint
INSERT INTO calendar_index (unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, ref, hold_until)
SELECT u.seq, u.seq, unixepoch(s.start_date) / 86400, unixepoch(s.end_date) / 86400 - 1,
       CASE s.status WHEN 'in_place' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END,
       CASE s.status WHEN 'in_place' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END,
       s.id, CASE WHEN s.status = 'hold' THEN s.hold_expires_at END
  FROM stays s JOIN units u ON u.id = s.unit_id
 WHERE s.status IN ('hold', 'confirmed', 'in_place', 'ended')
 ORDER BY u.seq, s.start_date;
--> statement-breakpoint
INSERT INTO calendar_index (unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, ref, hold_until)
SELECT u.seq, u.seq, unixepoch(b.start_date) / 86400, unixepoch(b.end_date) / 86400 - 1, 0, 0, b.id, NULL
  FROM blocks b JOIN units u ON u.id = b.unit_id;
--> statement-breakpoint
-- The overlap rule (unchanged: two live stays, a live stay and a block, or two blocks never share a
-- night of a unit; ranges half-open, back to back allowed), its look-up now through the index.
DROP TRIGGER stays_no_overlap_insert;
--> statement-breakpoint
DROP TRIGGER stays_no_overlap_update;
--> statement-breakpoint
DROP TRIGGER blocks_no_overlap_insert;
--> statement-breakpoint
DROP TRIGGER blocks_no_overlap_update;
--> statement-breakpoint
CREATE TRIGGER stays_no_overlap_insert BEFORE INSERT ON stays
WHEN NEW.status IN ('hold', 'confirmed', 'in_place')
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM calendar_index c
     WHERE c.unit_lo = (SELECT seq FROM units WHERE id = NEW.unit_id)
       AND c.first_night < unixepoch(NEW.end_date) / 86400 AND c.last_night >= unixepoch(NEW.start_date) / 86400
       AND c.kind_lo <= 3
  );
END;
--> statement-breakpoint
CREATE TRIGGER stays_no_overlap_update BEFORE UPDATE OF unit_id, start_date, end_date, status ON stays
WHEN NEW.status IN ('hold', 'confirmed', 'in_place')
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM calendar_index c
     WHERE c.unit_lo = (SELECT seq FROM units WHERE id = NEW.unit_id)
       AND c.first_night < unixepoch(NEW.end_date) / 86400 AND c.last_night >= unixepoch(NEW.start_date) / 86400
       AND c.kind_lo <= 3 AND (c.kind_lo = 0 OR c.ref <> OLD.id)
  );
END;
--> statement-breakpoint
CREATE TRIGGER blocks_no_overlap_insert BEFORE INSERT ON blocks
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM calendar_index c
     WHERE c.unit_lo = (SELECT seq FROM units WHERE id = NEW.unit_id)
       AND c.first_night < unixepoch(NEW.end_date) / 86400 AND c.last_night >= unixepoch(NEW.start_date) / 86400
       AND c.kind_lo <= 3
  );
END;
--> statement-breakpoint
CREATE TRIGGER blocks_no_overlap_update BEFORE UPDATE OF unit_id, start_date, end_date ON blocks
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM calendar_index c
     WHERE c.unit_lo = (SELECT seq FROM units WHERE id = NEW.unit_id)
       AND c.first_night < unixepoch(NEW.end_date) / 86400 AND c.last_night >= unixepoch(NEW.start_date) / 86400
       AND c.kind_lo <= 3 AND (c.kind_lo > 0 OR c.ref <> OLD.id)
  );
END;
--> statement-breakpoint
-- Keeping the index in step. A row leaves the index by its box and its id (the index's own ids are
-- stable: a VACUUM may renumber the tables' rowids, never the R*Tree's), and comes back as it now is.
CREATE TRIGGER stays_calendar_insert AFTER INSERT ON stays
WHEN NEW.status IN ('hold', 'confirmed', 'in_place', 'ended')
BEGIN
  INSERT INTO calendar_index (unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, ref, hold_until)
  SELECT u.seq, u.seq, unixepoch(NEW.start_date) / 86400, unixepoch(NEW.end_date) / 86400 - 1,
         CASE NEW.status WHEN 'in_place' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END, CASE NEW.status WHEN 'in_place' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END,
         NEW.id, CASE WHEN NEW.status = 'hold' THEN NEW.hold_expires_at END
    FROM units u WHERE u.id = NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER stays_calendar_update AFTER UPDATE OF id, unit_id, start_date, end_date, status, hold_expires_at ON stays
WHEN (OLD.status IN ('hold', 'confirmed', 'in_place', 'ended') OR NEW.status IN ('hold', 'confirmed', 'in_place', 'ended'))
  AND (OLD.id IS NOT NEW.id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date
       OR OLD.status IS NOT NEW.status OR OLD.hold_expires_at IS NOT NEW.hold_expires_at)
BEGIN
  DELETE FROM calendar_index
   WHERE unit_lo = (SELECT seq FROM units WHERE id = OLD.unit_id)
     AND first_night = unixepoch(OLD.start_date) / 86400 AND last_night = unixepoch(OLD.end_date) / 86400 - 1
     AND kind_lo >= 1 AND ref = OLD.id;
  INSERT INTO calendar_index (unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, ref, hold_until)
  SELECT u.seq, u.seq, unixepoch(NEW.start_date) / 86400, unixepoch(NEW.end_date) / 86400 - 1,
         CASE NEW.status WHEN 'in_place' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END, CASE NEW.status WHEN 'in_place' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'hold' THEN 3 ELSE 4 END,
         NEW.id, CASE WHEN NEW.status = 'hold' THEN NEW.hold_expires_at END
    FROM units u WHERE u.id = NEW.unit_id AND NEW.status IN ('hold', 'confirmed', 'in_place', 'ended');
END;
--> statement-breakpoint
CREATE TRIGGER stays_calendar_delete AFTER DELETE ON stays
WHEN OLD.status IN ('hold', 'confirmed', 'in_place', 'ended')
BEGIN
  DELETE FROM calendar_index
   WHERE unit_lo = (SELECT seq FROM units WHERE id = OLD.unit_id)
     AND first_night = unixepoch(OLD.start_date) / 86400 AND last_night = unixepoch(OLD.end_date) / 86400 - 1
     AND kind_lo >= 1 AND ref = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER blocks_calendar_insert AFTER INSERT ON blocks
BEGIN
  INSERT INTO calendar_index (unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, ref, hold_until)
  SELECT u.seq, u.seq, unixepoch(NEW.start_date) / 86400, unixepoch(NEW.end_date) / 86400 - 1, 0, 0, NEW.id, NULL
    FROM units u WHERE u.id = NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER blocks_calendar_update AFTER UPDATE OF id, unit_id, start_date, end_date ON blocks
WHEN OLD.id IS NOT NEW.id OR OLD.unit_id IS NOT NEW.unit_id OR OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date
BEGIN
  DELETE FROM calendar_index
   WHERE unit_lo = (SELECT seq FROM units WHERE id = OLD.unit_id)
     AND first_night = unixepoch(OLD.start_date) / 86400 AND last_night = unixepoch(OLD.end_date) / 86400 - 1
     AND kind_lo = 0 AND ref = OLD.id;
  INSERT INTO calendar_index (unit_lo, unit_hi, first_night, last_night, kind_lo, kind_hi, ref, hold_until)
  SELECT u.seq, u.seq, unixepoch(NEW.start_date) / 86400, unixepoch(NEW.end_date) / 86400 - 1, 0, 0, NEW.id, NULL
    FROM units u WHERE u.id = NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER blocks_calendar_delete AFTER DELETE ON blocks
BEGIN
  DELETE FROM calendar_index
   WHERE unit_lo = (SELECT seq FROM units WHERE id = OLD.unit_id)
     AND first_night = unixepoch(OLD.start_date) / 86400 AND last_night = unixepoch(OLD.end_date) / 86400 - 1
     AND kind_lo = 0 AND ref = OLD.id;
END;
--> statement-breakpoint
-- A unit renumbered keeps its rows in the index.
CREATE TRIGGER units_calendar_seq AFTER UPDATE OF seq ON units
WHEN OLD.seq IS NOT NEW.seq
BEGIN
  UPDATE calendar_index SET unit_lo = NEW.seq, unit_hi = NEW.seq WHERE unit_lo = OLD.seq;
END;
