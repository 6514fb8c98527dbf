-- complaint_scope carries the list filters (step, severity, cause,
-- channel, abnormal): a filtered department list then skips the cases
-- that do not match while it walks the scope index, instead of reading
-- each case row first.  At a million cases a filter on severity and
-- cause reads about eight scope rows per listed case; reading eight case
-- rows each was most of the page's cost.
-- The ENUMs repeat those of complaints (001_complaints.sql): a migration
-- that adds a value there adds it here too.  Ancestors come from the ids
-- in the case's path, as in 012_dept_move.sql.
ALTER TABLE complaint_scope
  ADD COLUMN step ENUM('received','recorded','cause_analysed','dept_decided','solution_proposed',
                       'carried_out','feedback_collected','closed') NOT NULL DEFAULT 'received',
  ADD COLUMN severity ENUM('general','serious') NOT NULL DEFAULT 'general',
  ADD COLUMN cause ENUM('product_quality','service','price','integrity','returns','information')
             NOT NULL DEFAULT 'service',
  ADD COLUMN channel ENUM('phone','email','onsite','other') NOT NULL DEFAULT 'phone',
  ADD COLUMN abnormal TINYINT(1) NOT NULL DEFAULT 0;

UPDATE complaint_scope s JOIN complaints c ON c.id = s.complaint_id
  SET s.step = c.step, s.severity = c.severity, s.cause = c.cause, s.channel = c.channel,
      s.abnormal = c.abnormal;

DROP TRIGGER complaint_scope_ins;
DROP TRIGGER complaint_scope_upd;

CREATE TRIGGER complaint_scope_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_scope (dept_id, received_at, complaint_id, step, severity, cause, channel, abnormal)
  SELECT d.id, NEW.received_at, NEW.id, NEW.step, NEW.severity, NEW.cause, NEW.channel, NEW.abnormal
  FROM departments d
  WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0;

CREATE TRIGGER complaint_scope_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at) THEN
    DELETE FROM complaint_scope WHERE complaint_id = OLD.id;
    INSERT INTO complaint_scope (dept_id, received_at, complaint_id, step, severity, cause, channel, abnormal)
    SELECT d.id, NEW.received_at, NEW.id, NEW.step, NEW.severity, NEW.cause, NEW.channel, NEW.abnormal
    FROM departments d
    WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0;
  ELSEIF NOT (NEW.step <=> OLD.step) OR NOT (NEW.severity <=> OLD.severity)
      OR NOT (NEW.cause <=> OLD.cause) OR NOT (NEW.channel <=> OLD.channel)
      OR NOT (NEW.abnormal <=> OLD.abnormal) THEN
    UPDATE complaint_scope SET step = NEW.step, severity = NEW.severity, cause = NEW.cause,
      channel = NEW.channel, abnormal = NEW.abnormal
    WHERE complaint_id = NEW.id;
  END IF;
END;
