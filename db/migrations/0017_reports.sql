CREATE TABLE `communes` (
	`insee` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`population` integer,
	`population_year` integer,
	`population_source` text,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "communes_population" CHECK("communes"."population" IS NULL OR "communes"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE `protocol_budgets` (
	`year` integer PRIMARY KEY NOT NULL,
	`budget_cents` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "protocol_budgets_positive" CHECK("protocol_budgets"."budget_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE `unit_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text NOT NULL,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unit_periods_kind" CHECK("unit_periods"."kind" IN ('active','alt')),
	CONSTRAINT "unit_periods_range" CHECK("unit_periods"."end_date" IS NULL OR "unit_periods"."start_date" < "unit_periods"."end_date")
);
--> statement-breakpoint
CREATE INDEX `unit_periods_unit` ON `unit_periods` (`unit_id`,`kind`,`start_date`);--> statement-breakpoint
ALTER TABLE `households` ADD `origin_commune` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `kind` text DEFAULT 'other' NOT NULL CHECK (`kind` IN ('siao_115','police','hospital','mission_locale','ccas','association','other'));--> statement-breakpoint
ALTER TABLE `referrals` ADD `origin_commune` text;--> statement-breakpoint
ALTER TABLE `residence_applications` ADD `origin_commune` text;--> statement-breakpoint
ALTER TABLE `stays` ADD `nightly_cost_cents` integer;--> statement-breakpoint
ALTER TABLE `units` ADD `alt` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Every unit was in service from the start of its records; a unit out of service today is
-- taken to have closed on the day of this migration (when it closed before is not known).
INSERT INTO `unit_periods` (`unit_id`, `kind`, `start_date`, `end_date`)
SELECT `id`, 'active', '2000-01-01', CASE WHEN `active` = 1 THEN NULL ELSE date('now') END FROM `units`;--> statement-breakpoint
-- A hotel night's cost is frozen on each stay from now on; the stays placed before take their unit's price.
UPDATE `stays` SET `nightly_cost_cents` = (SELECT `nightly_cost_cents` FROM `units` WHERE `units`.`id` = `stays`.`unit_id`);--> statement-breakpoint
-- The 14 communes of the Pays de Lunel and their legal population (src/domain/territory.ts).
INSERT INTO `communes` (`insee`, `name`, `population`, `population_year`, `population_source`) VALUES
('34033','Boisseron',2178,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34048','Campagne',311,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34246','Entre-Vignes',2186,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34110','Galargues',755,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34112','Garrigues',232,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34145','Lunel',26380,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34146','Lunel-Viel',4497,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34151','Marsillargues',6787,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34272','Saint-Just',3290,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34280','Saint-Nazaire-de-Pézan',620,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34288','Saint-Sériès',972,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34294','Saturargues',1021,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34296','Saussines',992,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale'),
('34340','Villetelle',1698,2022,'INSEE, populations légales 2022 (en vigueur au 1er janvier 2025), population municipale');