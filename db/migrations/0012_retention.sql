CREATE TABLE `audit_reasons` (
	`audit_id` integer NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`audit_id`, `key`),
	FOREIGN KEY (`audit_id`) REFERENCES `audit_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `retention_runs` (
	`night` text PRIMARY KEY NOT NULL,
	`ran_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `applicants` ADD `pseudonymised_at` integer;
--> statement-breakpoint
ALTER TABLE `households` ADD `pseudonymised_at` integer;
--> statement-breakpoint
ALTER TABLE `referrals` ADD `erased_at` integer;
--> statement-breakpoint
-- Free text already in the audit log moves to audit_reasons, so that retention can drop it: the
-- entries keep `true` in its place. The log is append-only, so its UPDATE guard is lifted and put
-- back within this migration, which runs in one transaction holding the write lock: no other
-- writer can act between the two, and a failure rolls the guard back with everything else.
DROP TRIGGER audit_entries_no_update;
--> statement-breakpoint
INSERT INTO audit_reasons (audit_id, key, text)
SELECT e.id, j.key, j.value
  FROM audit_entries e, json_each(CASE WHEN json_valid(e.detail) THEN e.detail ELSE '{}' END) j
 WHERE e.detail IS NOT NULL AND j.key IN ('reason', 'overrideReason') AND j.type = 'text';
--> statement-breakpoint
UPDATE audit_entries SET detail = json_set(detail, '$.reason', json('true'))
 WHERE json_valid(detail) AND json_type(detail, '$.reason') = 'text';
--> statement-breakpoint
UPDATE audit_entries SET detail = json_set(detail, '$.overrideReason', json('true'))
 WHERE json_valid(detail) AND json_type(detail, '$.overrideReason') = 'text';
--> statement-breakpoint
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
