ALTER TABLE `organisations` ADD `summary_email` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `summary_last_night` text;