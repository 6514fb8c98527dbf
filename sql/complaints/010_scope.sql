-- complaint_scope: one row per complaint and per department above it
-- (its own included), so "the cases of department X and everything
-- below, newest first" is an ordered range scan of one index however
-- many cases there are, instead of a sort of the whole subtree.
-- (Sent to the server as one script: it parses BEGIN ... END itself.)
-- Triggers keep it in step with complaints on every path that writes
-- them (intake, hand-over to another department, merges, bulk loads).
CREATE TABLE complaint_scope (
  dept_id      BIGINT UNSIGNED NOT NULL,
  received_at  DATETIME        NOT NULL,
  complaint_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (dept_id, received_at, complaint_id),
  KEY k_scope_complaint (complaint_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO complaint_scope (dept_id, received_at, complaint_id)
  SELECT d.id, c.received_at, c.id FROM complaints c
  JOIN departments d ON c.dept_path LIKE CONCAT(d.path, '%');

CREATE TRIGGER complaint_scope_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_scope (dept_id, received_at, complaint_id)
  SELECT d.id, NEW.received_at, NEW.id FROM departments d
  WHERE NEW.dept_path LIKE CONCAT(d.path, '%');

CREATE TRIGGER complaint_scope_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at) THEN
    DELETE FROM complaint_scope WHERE complaint_id = OLD.id;
    INSERT INTO complaint_scope (dept_id, received_at, complaint_id)
    SELECT d.id, NEW.received_at, NEW.id FROM departments d
    WHERE NEW.dept_path LIKE CONCAT(d.path, '%');
  END IF;
END;

CREATE TRIGGER complaint_scope_del AFTER DELETE ON complaints FOR EACH ROW
  DELETE FROM complaint_scope WHERE complaint_id = OLD.id;

-- "my cases, newest first" as an ordered scan too
CREATE INDEX k_complaint_owner_recent ON complaints (owner_id, received_at);
