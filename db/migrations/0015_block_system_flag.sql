ALTER TABLE `blocks` ADD `system` text;--> statement-breakpoint
-- The blocks the housing mission wrote before this column (a period offer's unit closed outside its
-- offer's period) were known by their reason alone: flag them, on the offers' units only.
UPDATE `blocks` SET `system` = 'outside_offer_period'
 WHERE trim(`reason`) IN ('Hors de la période de l’offre', 'Hors de la période de l''offre', 'Hors de la période de l''offre / outside the offer''s period')
   AND `unit_id` IN (SELECT `unit_id` FROM `offers` WHERE `unit_id` IS NOT NULL);
