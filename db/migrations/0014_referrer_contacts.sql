CREATE TABLE `referrer_contacts` (
	`account_id` text PRIMARY KEY NOT NULL,
	`contact` text NOT NULL,
	`phone` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
