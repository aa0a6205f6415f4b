ALTER TABLE `stays` ADD `together_group` text;--> statement-breakpoint
ALTER TABLE `stays` ADD `adults` integer;--> statement-breakpoint
ALTER TABLE `stays` ADD `children` integer;--> statement-breakpoint
CREATE INDEX `stays_together_group` ON `stays` (`together_group`);--> statement-breakpoint
-- A stay placed together with others of its household (same nights, several units) carries its own
-- share of the household: at least one adult, and children counted, whatever writes it.
CREATE TRIGGER stays_together_share_insert BEFORE INSERT ON stays
WHEN NEW.together_group IS NOT NULL AND (NEW.adults IS NULL OR NEW.adults < 1 OR NEW.children IS NULL OR NEW.children < 0)
BEGIN
  SELECT RAISE(ABORT, 'together_share: a stay placed together carries its own adults (at least one) and children');
END;
--> statement-breakpoint
CREATE TRIGGER stays_together_share_update BEFORE UPDATE OF together_group, adults, children ON stays
WHEN NEW.together_group IS NOT NULL AND (NEW.adults IS NULL OR NEW.adults < 1 OR NEW.children IS NULL OR NEW.children < 0)
BEGIN
  SELECT RAISE(ABORT, 'together_share: a stay placed together carries its own adults (at least one) and children');
END;
