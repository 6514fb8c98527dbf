-- complaint_daily: cases received and replied to, per department (and
-- every department above it), day and cause.  The dashboard's 30-day
-- chart and reply rate read ~30 rows a cause from here instead of every
-- case of the month.  Kept by triggers, beside complaint_scope's.
CREATE TABLE complaint_daily (
  dept_id  BIGINT UNSIGNED NOT NULL,
  day      DATE            NOT NULL,
  cause    VARCHAR(32)     NOT NULL,
  received INT             NOT NULL DEFAULT 0,
  replied  INT             NOT NULL DEFAULT 0,
  PRIMARY KEY (dept_id, day, cause)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO complaint_daily (dept_id, day, cause, received, replied)
  SELECT d.id, DATE(c.received_at), c.cause, COUNT(*), SUM(c.reply_count > 0)
  FROM complaints c JOIN departments d ON c.dept_path LIKE CONCAT(d.path, '%')
  GROUP BY d.id, DATE(c.received_at), c.cause;

CREATE TRIGGER complaint_daily_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_daily (dept_id, day, cause, received, replied)
  SELECT d.id, DATE(NEW.received_at), NEW.cause, 1, NEW.reply_count > 0 FROM departments d
  WHERE NEW.dept_path LIKE CONCAT(d.path, '%')
  ON DUPLICATE KEY UPDATE received = received + 1, replied = replied + VALUES(replied);

CREATE TRIGGER complaint_daily_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at)
     OR NOT (NEW.cause <=> OLD.cause) OR (NEW.reply_count > 0) <> (OLD.reply_count > 0) THEN
    UPDATE complaint_daily SET received = received - 1, replied = replied - (OLD.reply_count > 0)
    WHERE day = DATE(OLD.received_at) AND cause = OLD.cause AND dept_id IN
      (SELECT d.id FROM departments d WHERE OLD.dept_path LIKE CONCAT(d.path, '%'));
    INSERT INTO complaint_daily (dept_id, day, cause, received, replied)
    SELECT d.id, DATE(NEW.received_at), NEW.cause, 1, NEW.reply_count > 0 FROM departments d
    WHERE NEW.dept_path LIKE CONCAT(d.path, '%')
    ON DUPLICATE KEY UPDATE received = received + 1, replied = replied + VALUES(replied);
  END IF;
END;
