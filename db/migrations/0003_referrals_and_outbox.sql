CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`referral_id` text,
	`recipients` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text,
	`programme` text NOT NULL,
	`urgency` text NOT NULL,
	`requested_start` text NOT NULL,
	`nights` integer NOT NULL,
	`adults` integer NOT NULL,
	`children` integer NOT NULL,
	`needs` text DEFAULT '[]' NOT NULL,
	`referrer_organisation` text NOT NULL,
	`referrer_contact` text NOT NULL,
	`referrer_phone` text NOT NULL,
	`referrer_email` text,
	`notes` text,
	`status` text NOT NULL,
	`received_at` integer NOT NULL,
	`decided_at` integer,
	`decision_reason` text,
	`decided_by` text,
	`placed_at` integer,
	`stay_id` text,
	`created_by` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "referrals_status" CHECK("referrals"."status" IN ('received','accepted','declined','redirected','withdrawn','placed')),
	CONSTRAINT "referrals_persons" CHECK("referrals"."adults" >= 0 AND "referrals"."children" >= 0 AND "referrals"."adults" + "referrals"."children" >= 1),
	CONSTRAINT "referrals_nights" CHECK("referrals"."nights" >= 1)
);
--> statement-breakpoint
CREATE INDEX `referrals_status_received` ON `referrals` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `referrals_organisation` ON `referrals` (`organisation_id`);