CREATE TABLE `legal_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "legal_settings_key" CHECK("legal_settings"."key" IN ('publisherName','publisherAddress','publisherContact','publicationDirector','hostName','hostAddress','hostContact','dpoContact','accessibilityContact','auditRate','auditDate','auditBy'))
);
