CREATE TABLE `applicants` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text,
	`label` text NOT NULL,
	`persons` integer NOT NULL,
	`accessible_needed` integer DEFAULT false NOT NULL,
	`max_rent_cents` integer NOT NULL,
	`yearly_income_cents` integer NOT NULL,
	`communes` text DEFAULT '[]' NOT NULL,
	`needed_from` text NOT NULL,
	`waiting_since` text NOT NULL,
	`situation` text NOT NULL,
	`emergency_stay_end` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "applicants_persons" CHECK("applicants"."persons" >= 1)
);
--> statement-breakpoint
CREATE TABLE `landlords` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`notes` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`landlord_id` text NOT NULL,
	`commune` text NOT NULL,
	`address` text NOT NULL,
	`typology` text NOT NULL,
	`surface_m2` integer NOT NULL,
	`capacity` integer NOT NULL,
	`accessible` integer DEFAULT false NOT NULL,
	`rent_cents` integer NOT NULL,
	`charges_cents` integer DEFAULT 0 NOT NULL,
	`available_from` text NOT NULL,
	`available_until` text,
	`scheme` text NOT NULL,
	`loc_avantages_level` text,
	`rent_cap_cents` integer,
	`income_ceiling_cents` integer,
	`energy_rating` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`status_reason` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`landlord_id`) REFERENCES `landlords`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "offers_status" CHECK("offers"."status" IN ('draft','open','let','withdrawn')),
	CONSTRAINT "offers_capacity" CHECK("offers"."capacity" >= 1),
	CONSTRAINT "offers_dates" CHECK("offers"."available_until" IS NULL OR "offers"."available_from" < "offers"."available_until")
);
--> statement-breakpoint
CREATE INDEX `offers_status` ON `offers` (`status`);--> statement-breakpoint
CREATE INDEX `offers_landlord` ON `offers` (`landlord_id`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`offer_id` text NOT NULL,
	`applicant_id` text NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`reason` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_id`) REFERENCES `applicants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "proposals_status" CHECK("proposals"."status" IN ('proposed','visit','accepted','lease_signed','refused_by_household','refused_by_landlord','closed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_one_lease_per_offer` ON `proposals` (`offer_id`) WHERE status = 'lease_signed';--> statement-breakpoint
CREATE INDEX `proposals_offer` ON `proposals` (`offer_id`);--> statement-breakpoint
CREATE INDEX `proposals_applicant` ON `proposals` (`applicant_id`);