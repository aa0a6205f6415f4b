CREATE TABLE `residence_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_id` text NOT NULL,
	`from_date` text NOT NULL,
	`rent_cents` integer,
	`charges_cents` integer,
	`apl_cents` integer,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `residence_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residence_amendments_amounts" CHECK(("residence_amendments"."rent_cents" IS NULL OR "residence_amendments"."rent_cents" >= 0) AND ("residence_amendments"."charges_cents" IS NULL OR "residence_amendments"."charges_cents" >= 0) AND ("residence_amendments"."apl_cents" IS NULL OR "residence_amendments"."apl_cents" >= 0))
);
--> statement-breakpoint
CREATE INDEX `residence_amendments_contract` ON `residence_amendments` (`contract_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `residence_application_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`committee_id` text,
	`urgent` integer DEFAULT false NOT NULL,
	`at` integer NOT NULL,
	`account_id` text,
	FOREIGN KEY (`application_id`) REFERENCES `residence_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`committee_id`) REFERENCES `residence_committees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `residence_application_events_application` ON `residence_application_events` (`application_id`,`at`);--> statement-breakpoint
CREATE INDEX `residence_application_events_committee` ON `residence_application_events` (`committee_id`);--> statement-breakpoint
CREATE TABLE `residence_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`organisation_id` text,
	`filed_by` text NOT NULL,
	`typology` text,
	`accessible` integer DEFAULT false NOT NULL,
	`monthly_income_cents` integer NOT NULL,
	`public` text NOT NULL,
	`situation` text,
	`referrer_organisation` text NOT NULL,
	`referrer_contact` text NOT NULL,
	`referrer_phone` text NOT NULL,
	`referrer_email` text,
	`status` text DEFAULT 'received' NOT NULL,
	`reason` text,
	`committee_id` text,
	`urgent` integer DEFAULT false NOT NULL,
	`received_at` integer NOT NULL,
	`decided_at` integer,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`pseudonymised_at` integer,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`committee_id`) REFERENCES `residence_committees`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residence_applications_status" CHECK("residence_applications"."status" IN ('received','admitted','waiting_list','refused','redirected','withdrawn','housed')),
	CONSTRAINT "residence_applications_public" CHECK("residence_applications"."public" IN ('young_worker','dv','other')),
	CONSTRAINT "residence_applications_income" CHECK("residence_applications"."monthly_income_cents" >= 0),
	CONSTRAINT "residence_applications_reason" CHECK("residence_applications"."status" NOT IN ('refused','redirected') OR "residence_applications"."reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `residence_applications_status` ON `residence_applications` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `residence_applications_household` ON `residence_applications` (`household_id`);--> statement-breakpoint
CREATE INDEX `residence_applications_organisation` ON `residence_applications` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `residence_committees` (
	`id` text PRIMARY KEY NOT NULL,
	`meets_on` text NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `residence_committees_meets_on` ON `residence_committees` (`meets_on`);--> statement-breakpoint
CREATE TABLE `residence_contracts` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`household_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`stay_id` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`rent_cents` integer NOT NULL,
	`charges_cents` integer NOT NULL,
	`apl_cents` integer DEFAULT 0 NOT NULL,
	`deposit_cents` integer DEFAULT 0 NOT NULL,
	`referent` text,
	`review_every_months` integer DEFAULT 6 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `residence_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stay_id`) REFERENCES `stays`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residence_contracts_status" CHECK("residence_contracts"."status" IN ('active','ended')),
	CONSTRAINT "residence_contracts_amounts" CHECK("residence_contracts"."rent_cents" >= 0 AND "residence_contracts"."charges_cents" >= 0 AND "residence_contracts"."apl_cents" >= 0 AND "residence_contracts"."deposit_cents" >= 0),
	CONSTRAINT "residence_contracts_end" CHECK("residence_contracts"."end_date" IS NULL OR "residence_contracts"."end_date" > "residence_contracts"."start_date"),
	CONSTRAINT "residence_contracts_review" CHECK("residence_contracts"."review_every_months" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `residence_contracts_application_id_unique` ON `residence_contracts` (`application_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `residence_contracts_stay_id_unique` ON `residence_contracts` (`stay_id`);--> statement-breakpoint
CREATE INDEX `residence_contracts_household` ON `residence_contracts` (`household_id`);--> statement-breakpoint
CREATE INDEX `residence_contracts_unit` ON `residence_contracts` (`unit_id`);--> statement-breakpoint
CREATE INDEX `residence_contracts_status` ON `residence_contracts` (`status`);--> statement-breakpoint
CREATE TABLE `residence_departures` (
	`contract_id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`destination` text NOT NULL,
	`notice_given_on` text,
	`by` text,
	`reason` text,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `residence_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residence_departures_destination" CHECK("residence_departures"."destination" IN ('private_rental','social_housing','family_or_friends','other_structure','hospital_or_care','street','unknown')),
	CONSTRAINT "residence_departures_by" CHECK("residence_departures"."by" IS NULL OR "residence_departures"."by" IN ('resident','residence')),
	CONSTRAINT "residence_departures_reason" CHECK("residence_departures"."by" IS NULL OR "residence_departures"."by" <> 'residence' OR "residence_departures"."reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `residence_departures_date` ON `residence_departures` (`date`);--> statement-breakpoint
CREATE TABLE `residence_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`contract_id` text NOT NULL,
	`date` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`means` text NOT NULL,
	`reason` text,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`contract_id`) REFERENCES `residence_contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residence_payments_means" CHECK("residence_payments"."means" IN ('transfer','cheque','cash','card','other')),
	CONSTRAINT "residence_payments_amount" CHECK("residence_payments"."amount_cents" <> 0),
	CONSTRAINT "residence_payments_reversal" CHECK("residence_payments"."amount_cents" > 0 OR "residence_payments"."reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `residence_payments_contract` ON `residence_payments` (`contract_id`,`date`);--> statement-breakpoint
-- The accounts table is rebuilt to admit the residence_officer role. The migrator turns foreign
-- keys off around the migrations and checks them after (db/client.ts): these pragmas are no-ops
-- inside its transaction.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`role` text NOT NULL,
	`organisation_id` text,
	`password_hash` text,
	`disabled_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "accounts_role" CHECK("__new_accounts"."role" IN ('admin','duty_officer','housing_officer','residence_officer','partner')),
	CONSTRAINT "accounts_partner_org" CHECK("__new_accounts"."role" <> 'partner' OR "__new_accounts"."organisation_id" IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_accounts`("id", "name", "email", "role", "organisation_id", "password_hash", "disabled_at", "created_at") SELECT "id", "name", "email", "role", "organisation_id", "password_hash", "disabled_at", "created_at" FROM `accounts`;--> statement-breakpoint
DROP TABLE `accounts`;--> statement-breakpoint
ALTER TABLE `__new_accounts` RENAME TO `accounts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_unique` ON `accounts` (`email`);--> statement-breakpoint
ALTER TABLE `stays` ADD `destination` text CHECK (`destination` IS NULL OR `destination` IN ('private_rental','social_housing','family_or_friends','other_structure','hospital_or_care','street','unknown'));--> statement-breakpoint
ALTER TABLE `units` ADD `reserved_for` text CHECK (`reserved_for` IS NULL OR `reserved_for` IN ('young_worker'));