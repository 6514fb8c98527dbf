-- Pausing the clock while waiting on the customer: paused_at is set while
-- paused; on resume the paused time is added to paused_seconds and both
-- due times move later by it.  Overdue checks skip paused cases.
ALTER TABLE complaints
  ADD COLUMN paused_at      DATETIME     NULL AFTER closed_at,
  ADD COLUMN paused_seconds INT UNSIGNED NOT NULL DEFAULT 0 AFTER paused_at;
