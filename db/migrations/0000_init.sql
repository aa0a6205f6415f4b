CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`role` text NOT NULL,
	`organisation_id` text,
	`password_hash` text,
	`disabled_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "accounts_role" CHECK("accounts"."role" IN ('admin','duty_officer','housing_officer','partner')),
	CONSTRAINT "accounts_partner_org" CHECK("accounts"."role" <> 'partner' OR "accounts"."organisation_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_unique` ON `accounts` (`email`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`digest` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_digest_unique` ON `api_tokens` (`digest`);--> statement-breakpoint
CREATE TABLE `audit_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`ip` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_entries` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_entries` (`at`);--> statement-breakpoint
CREATE TABLE `blocks` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`reason` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "blocks_range" CHECK("blocks"."start_date" < "blocks"."end_date")
);
--> statement-breakpoint
CREATE INDEX `blocks_unit_range` ON `blocks` (`unit_id`,`end_date`,`start_date`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`pseudonym` text NOT NULL,
	`adults` integer NOT NULL,
	`children` integer DEFAULT 0 NOT NULL,
	`needs` text DEFAULT '[]' NOT NULL,
	`confidential` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "households_persons" CHECK("households"."adults" >= 0 AND "households"."children" >= 0 AND "households"."adults" + "households"."children" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_pseudonym_unique` ON `households` (`pseudonym`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`account_id` text NOT NULL,
	`key` text NOT NULL,
	`route` text NOT NULL,
	`status_code` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`account_id`, `key`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_unique` ON `organisations` (`name`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`commune` text NOT NULL,
	`address` text NOT NULL,
	`confidential` integer DEFAULT false NOT NULL,
	`kind` text DEFAULT 'apartment' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "sites_kind" CHECK("sites"."kind" IN ('apartment','hotel','residence','private'))
);
--> statement-breakpoint
CREATE TABLE `stay_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stay_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`previous_end_date` text,
	`reason` text,
	`actor_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`stay_id`) REFERENCES `stays`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stay_events_stay` ON `stay_events` (`stay_id`);--> statement-breakpoint
CREATE TABLE `stay_limits` (
	`programme` text NOT NULL,
	`site_kind` text NOT NULL,
	`max_nights` integer NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`programme`, `site_kind`),
	CONSTRAINT "stay_limits_positive" CHECK("stay_limits"."max_nights" >= 1)
);
--> statement-breakpoint
CREATE TABLE `stays` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`household_id` text NOT NULL,
	`programme` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`status` text NOT NULL,
	`hold_expires_at` integer,
	`referral_id` text,
	`note` text,
	`override_reason` text,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stays_range" CHECK("stays"."start_date" < "stays"."end_date"),
	CONSTRAINT "stays_status" CHECK("stays"."status" IN ('hold','confirmed','in_place','ended','cancelled','no_show','lapsed')),
	CONSTRAINT "stays_programme" CHECK("stays"."programme" IN ('emergency','dv_protocol','social_residence','housing_mission'))
);
--> statement-breakpoint
CREATE INDEX `stays_unit_range` ON `stays` (`unit_id`,`end_date`,`start_date`);--> statement-breakpoint
CREATE INDEX `stays_household` ON `stays` (`household_id`);--> statement-breakpoint
CREATE INDEX `stays_status_hold` ON `stays` (`status`,`hold_expires_at`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`capacity` integer NOT NULL,
	`typology` text,
	`accessible` integer DEFAULT false NOT NULL,
	`programmes` text NOT NULL,
	`nightly_cost_cents` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "units_capacity" CHECK("units"."capacity" >= 1),
	CONSTRAINT "units_cost" CHECK("units"."nightly_cost_cents" IS NULL OR "units"."nightly_cost_cents" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_seq_unique` ON `units` (`seq`);--> statement-breakpoint
CREATE INDEX `units_site` ON `units` (`site_id`);--> statement-breakpoint
CREATE TABLE `unmet_demands` (
	`id` text PRIMARY KEY NOT NULL,
	`programme` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`persons` integer NOT NULL,
	`accessible` integer DEFAULT false NOT NULL,
	`reason` text NOT NULL,
	`referral_id` text,
	`created_by` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
