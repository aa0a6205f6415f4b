-- A unit's holds, for lapsing a unit's expired holds before a write on it: the (status,
-- hold_expires_at) index read every expired hold of the territory and kept those of the unit.
CREATE INDEX `stays_unit_holds` ON `stays` (`unit_id`,`hold_expires_at`) WHERE status = 'hold';
