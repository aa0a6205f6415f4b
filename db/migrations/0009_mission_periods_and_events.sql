CREATE TABLE `mission_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` text NOT NULL,
	`proposal_id` text,
	`status` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL,
	`account_id` text,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mission_events_offer` ON `mission_events` (`offer_id`,`at`);--> statement-breakpoint
CREATE INDEX `mission_events_proposal` ON `mission_events` (`proposal_id`,`at`);--> statement-breakpoint
ALTER TABLE `applicants` ADD `housed_at` integer;--> statement-breakpoint
ALTER TABLE `offers` ADD `unit_id` text REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `offers` ADD `photo_url` text;