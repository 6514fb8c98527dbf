-- complaint_daily, striped: each (department, day, cause) total is the
-- sum of up to 16 rows, one per stripe, and a trigger adds to the stripe
-- of its own database connection (CONNECTION_ID() MOD 16).  Every intake
-- adds to the row of its department *and of every department above it*,
-- so with one row per total, two intakes of the same cause anywhere in
-- the organisation queued on HQ's row until the first committed.  With
-- stripes, each worker (one connection each) has rows of its own.
-- A stripe may hold a negative delta (a case moved away through another
-- connection); only the sums mean anything, and only sums are read.
-- Ancestors come from the ids in the case's path, as in 012_dept_move.sql.
ALTER TABLE complaint_daily
  ADD COLUMN stripe TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER cause,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (dept_id, day, cause, stripe);

DROP TRIGGER complaint_daily_ins;
DROP TRIGGER complaint_daily_upd;

CREATE TRIGGER complaint_daily_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_daily (dept_id, day, cause, stripe, received, replied)
  SELECT d.id, DATE(NEW.received_at), NEW.cause, CONNECTION_ID() MOD 16, 1, NEW.reply_count > 0
  FROM departments d
  WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0
  ON DUPLICATE KEY UPDATE received = received + 1, replied = replied + VALUES(replied);

CREATE TRIGGER complaint_daily_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at)
     OR NOT (NEW.cause <=> OLD.cause) OR (NEW.reply_count > 0) <> (OLD.reply_count > 0) THEN
    INSERT INTO complaint_daily (dept_id, day, cause, stripe, received, replied)
    SELECT d.id, DATE(OLD.received_at), OLD.cause, CONNECTION_ID() MOD 16, -1, -(OLD.reply_count > 0)
    FROM departments d
    WHERE LOCATE(CONCAT('/', d.id, '/'), OLD.dept_path) > 0
    ON DUPLICATE KEY UPDATE received = received + VALUES(received),
                            replied = replied + VALUES(replied);
    INSERT INTO complaint_daily (dept_id, day, cause, stripe, received, replied)
    SELECT d.id, DATE(NEW.received_at), NEW.cause, CONNECTION_ID() MOD 16, 1, NEW.reply_count > 0
    FROM departments d
    WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0
    ON DUPLICATE KEY UPDATE received = received + VALUES(received),
                            replied = replied + VALUES(replied);
  END IF;
END;
