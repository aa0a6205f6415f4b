-- The database itself refuses two live stays, or a live stay and a block, or two blocks, on one
-- unit over any common night. Ranges are half-open [start_date, end_date): back-to-back is allowed.
-- A hold counts as live here until its row says 'lapsed': the service marks expired holds of the
-- unit lapsed inside the same transaction before it writes, so the trigger never refuses a night
-- that a lapsed hold no longer blocks, and never lets a live one be doubled.
CREATE TRIGGER stays_no_overlap_insert BEFORE INSERT ON stays
WHEN NEW.status IN ('hold', 'confirmed', 'in_place')
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM stays s
    WHERE s.unit_id = NEW.unit_id AND s.status IN ('hold', 'confirmed', 'in_place')
      AND s.start_date < NEW.end_date AND NEW.start_date < s.end_date
  ) OR EXISTS (
    SELECT 1 FROM blocks b
    WHERE b.unit_id = NEW.unit_id AND b.start_date < NEW.end_date AND NEW.start_date < b.end_date
  );
END;
--> statement-breakpoint
CREATE TRIGGER stays_no_overlap_update BEFORE UPDATE OF unit_id, start_date, end_date, status ON stays
WHEN NEW.status IN ('hold', 'confirmed', 'in_place')
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM stays s
    WHERE s.unit_id = NEW.unit_id AND s.id <> NEW.id AND s.status IN ('hold', 'confirmed', 'in_place')
      AND s.start_date < NEW.end_date AND NEW.start_date < s.end_date
  ) OR EXISTS (
    SELECT 1 FROM blocks b
    WHERE b.unit_id = NEW.unit_id AND b.start_date < NEW.end_date AND NEW.start_date < b.end_date
  );
END;
--> statement-breakpoint
CREATE TRIGGER blocks_no_overlap_insert BEFORE INSERT ON blocks
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM stays s
    WHERE s.unit_id = NEW.unit_id AND s.status IN ('hold', 'confirmed', 'in_place')
      AND s.start_date < NEW.end_date AND NEW.start_date < s.end_date
  ) OR EXISTS (
    SELECT 1 FROM blocks b
    WHERE b.unit_id = NEW.unit_id AND b.start_date < NEW.end_date AND NEW.start_date < b.end_date
  );
END;
--> statement-breakpoint
CREATE TRIGGER blocks_no_overlap_update BEFORE UPDATE OF unit_id, start_date, end_date ON blocks
BEGIN
  SELECT RAISE(ABORT, 'overlap: a live stay or a block already covers these nights')
  WHERE EXISTS (
    SELECT 1 FROM stays s
    WHERE s.unit_id = NEW.unit_id AND s.status IN ('hold', 'confirmed', 'in_place')
      AND s.start_date < NEW.end_date AND NEW.start_date < s.end_date
  ) OR EXISTS (
    SELECT 1 FROM blocks b
    WHERE b.unit_id = NEW.unit_id AND b.id <> NEW.id AND b.start_date < NEW.end_date AND NEW.start_date < b.end_date
  );
END;
--> statement-breakpoint
-- The audit log is append-only.
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
--> statement-breakpoint
-- The default stay limits (docs/domain.md, "Stay limits"); data: an admin may change them.
INSERT INTO stay_limits (programme, site_kind, max_nights) VALUES
  ('emergency','hotel',3),
  ('emergency','apartment',92),
  ('emergency','residence',92),
  ('emergency','private',92),
  ('dv_protocol','hotel',3),
  ('dv_protocol','apartment',92),
  ('dv_protocol','residence',92),
  ('dv_protocol','private',92),
  ('social_residence','apartment',1096),
  ('social_residence','hotel',1096),
  ('social_residence','residence',1096),
  ('social_residence','private',1096),
  ('housing_mission','apartment',1096),
  ('housing_mission','hotel',1096),
  ('housing_mission','residence',1096),
  ('housing_mission','private',1096);
