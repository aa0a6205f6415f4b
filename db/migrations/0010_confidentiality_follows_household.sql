-- A household is confidential for good from the moment it has a stay (whatever its status) under
-- dv_protocol or on a confidential site: the service marks it, and these triggers hold the rule for
-- any write that bypasses the service (a raw INSERT, a stay moved, a site made confidential). Only an
-- admin may lift it, through the service, with a reason; a later stay of that kind marks it again.
-- Each mark made here leaves an audit entry (ids only) before the household changes.
CREATE TRIGGER stays_confidential_household_insert AFTER INSERT ON stays
WHEN NEW.programme = 'dv_protocol'
  OR EXISTS (SELECT 1 FROM units u JOIN sites si ON si.id = u.site_id WHERE u.id = NEW.unit_id AND si.confidential = 1)
BEGIN
  INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail)
  SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, 'household.confidential', 'household', h.id, NULL,
         json_object('cause', CASE WHEN NEW.programme = 'dv_protocol' THEN 'dv_protocol' ELSE 'confidential_site' END, 'stayId', NEW.id, 'by', 'database')
    FROM households h WHERE h.id = NEW.household_id AND h.confidential = 0;
  UPDATE households SET confidential = 1 WHERE id = NEW.household_id AND confidential = 0;
END;
--> statement-breakpoint
CREATE TRIGGER stays_confidential_household_update AFTER UPDATE OF programme, unit_id, household_id ON stays
WHEN NEW.programme = 'dv_protocol'
  OR EXISTS (SELECT 1 FROM units u JOIN sites si ON si.id = u.site_id WHERE u.id = NEW.unit_id AND si.confidential = 1)
BEGIN
  INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail)
  SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, 'household.confidential', 'household', h.id, NULL,
         json_object('cause', CASE WHEN NEW.programme = 'dv_protocol' THEN 'dv_protocol' ELSE 'confidential_site' END, 'stayId', NEW.id, 'by', 'database')
    FROM households h WHERE h.id = NEW.household_id AND h.confidential = 0;
  UPDATE households SET confidential = 1 WHERE id = NEW.household_id AND confidential = 0;
END;
--> statement-breakpoint
CREATE TRIGGER sites_confidential_households AFTER UPDATE OF confidential ON sites
WHEN NEW.confidential = 1
BEGIN
  INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail)
  SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, 'household.confidential', 'household', h.id, NULL,
         json_object('cause', 'confidential_site', 'siteId', NEW.id, 'by', 'database')
    FROM households h
   WHERE h.confidential = 0
     AND h.id IN (SELECT s.household_id FROM stays s JOIN units u ON u.id = s.unit_id WHERE u.site_id = NEW.id);
  UPDATE households SET confidential = 1
   WHERE confidential = 0
     AND id IN (SELECT s.household_id FROM stays s JOIN units u ON u.id = s.unit_id WHERE u.site_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER units_site_confidential_households AFTER UPDATE OF site_id ON units
WHEN EXISTS (SELECT 1 FROM sites WHERE id = NEW.site_id AND confidential = 1)
BEGIN
  INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail)
  SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, 'household.confidential', 'household', h.id, NULL,
         json_object('cause', 'confidential_site', 'siteId', NEW.site_id, 'by', 'database')
    FROM households h
   WHERE h.confidential = 0 AND h.id IN (SELECT household_id FROM stays WHERE unit_id = NEW.id);
  UPDATE households SET confidential = 1
   WHERE confidential = 0 AND id IN (SELECT household_id FROM stays WHERE unit_id = NEW.id);
END;
--> statement-breakpoint
-- The housing mission knows a confidential household by its pseudonym only: an applicant linked to
-- it carries the pseudonym, whenever the household becomes confidential and whatever is written.
CREATE TRIGGER households_confidential_applicants AFTER UPDATE OF confidential, pseudonym ON households
WHEN NEW.confidential = 1
BEGIN
  UPDATE applicants SET label = NEW.pseudonym WHERE household_id = NEW.id AND label <> NEW.pseudonym;
END;
--> statement-breakpoint
CREATE TRIGGER applicants_confidential_label_insert AFTER INSERT ON applicants
WHEN NEW.household_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM households h WHERE h.id = NEW.household_id AND h.confidential = 1 AND h.pseudonym <> NEW.label)
BEGIN
  UPDATE applicants SET label = (SELECT pseudonym FROM households WHERE id = NEW.household_id) WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER applicants_confidential_label_update AFTER UPDATE OF label, household_id ON applicants
WHEN NEW.household_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM households h WHERE h.id = NEW.household_id AND h.confidential = 1 AND h.pseudonym <> NEW.label)
BEGIN
  UPDATE applicants SET label = (SELECT pseudonym FROM households WHERE id = NEW.household_id) WHERE id = NEW.id;
END;
--> statement-breakpoint
-- Households that already have such a stay become confidential now (audited, ids only); their
-- applicants follow through the trigger above.
INSERT INTO audit_entries (at, actor_id, action, entity, entity_id, ip, detail)
SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), NULL, 'household.confidential', 'household', h.id, NULL,
       json_object('cause', 'existing_stay', 'by', 'migration')
  FROM households h
 WHERE h.confidential = 0
   AND h.id IN (SELECT s.household_id FROM stays s JOIN units u ON u.id = s.unit_id JOIN sites si ON si.id = u.site_id
                 WHERE s.programme = 'dv_protocol' OR si.confidential = 1);
--> statement-breakpoint
UPDATE households SET confidential = 1
 WHERE confidential = 0
   AND id IN (SELECT s.household_id FROM stays s JOIN units u ON u.id = s.unit_id JOIN sites si ON si.id = u.site_id
               WHERE s.programme = 'dv_protocol' OR si.confidential = 1);
--> statement-breakpoint
-- Applicants of households confidential before this migration that still carry another label.
UPDATE applicants SET label = (SELECT h.pseudonym FROM households h WHERE h.id = applicants.household_id)
 WHERE household_id IN (SELECT id FROM households WHERE confidential = 1)
   AND label <> (SELECT h.pseudonym FROM households h WHERE h.id = applicants.household_id);
