-- Department moves.  A case keeps a copy of its department's path
-- (complaints.dept_path) and, through the triggers of 010/011, rows in
-- complaint_scope and complaint_daily for every department above it.
-- The core's move (cgi-bin/admin_depts.c, op=move) rewrites
-- departments.path for the whole subtree and knows nothing of plugin
-- tables, so the plugin follows the move with a trigger of its own.
-- (Sent to the server as one script: it parses BEGIN ... END itself.)
--
-- The move is one UPDATE of the subtree, and MariaDB updates its rows in
-- an order of its choosing: while one department's trigger runs, its
-- parent may still carry the old path.  010/011 found "the departments
-- above a path" as those whose path is a prefix of it, which in that
-- moment misses the moved parent (a case below it loses the parent's
-- scope row) and, on the way out, misses the parent's old counts (they
-- are never taken off: counted twice).  But a path names its ancestors:
-- "/1/3/2/4/" lies below 1, 3, 2 and 4, whatever state the other rows are
-- in.  So the complaints triggers are re-created here to take the
-- ancestors from the ids in the path (the same rows whenever the tree is
-- consistent, and it always is once the statement ends), and the
-- departments trigger only rewrites dept_path of the department's own
-- cases.  Each case then moves once: its scope rows are rebuilt, its
-- daily counts go -1 on the old ancestry and +1 on the new, nothing is
-- counted twice and no case is rewritten by more than one department.
--
-- MariaDB refuses a trigger that changes the table whose statement fired
-- it (ER_CANT_UPDATE_USED_TABLE_IN_SF_OR_TRG): the departments trigger
-- changes complaints only, and the complaints triggers below change
-- complaint_scope and complaint_daily and only read departments.
-- A move of a department with many cases rewrites them all in the
-- admin's transaction: at a million cases, a large subtree takes a while.

DROP TRIGGER complaint_scope_ins;
DROP TRIGGER complaint_scope_upd;
DROP TRIGGER complaint_daily_ins;
DROP TRIGGER complaint_daily_upd;

CREATE TRIGGER complaint_scope_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_scope (dept_id, received_at, complaint_id)
  SELECT d.id, NEW.received_at, NEW.id FROM departments d
  WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0;

CREATE TRIGGER complaint_scope_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at) THEN
    DELETE FROM complaint_scope WHERE complaint_id = OLD.id;
    INSERT INTO complaint_scope (dept_id, received_at, complaint_id)
    SELECT d.id, NEW.received_at, NEW.id FROM departments d
    WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0;
  END IF;
END;

CREATE TRIGGER complaint_daily_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_daily (dept_id, day, cause, received, replied)
  SELECT d.id, DATE(NEW.received_at), NEW.cause, 1, NEW.reply_count > 0 FROM departments d
  WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0
  ON DUPLICATE KEY UPDATE received = received + 1, replied = replied + VALUES(replied);

CREATE TRIGGER complaint_daily_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at)
     OR NOT (NEW.cause <=> OLD.cause) OR (NEW.reply_count > 0) <> (OLD.reply_count > 0) THEN
    UPDATE complaint_daily SET received = received - 1, replied = replied - (OLD.reply_count > 0)
    WHERE day = DATE(OLD.received_at) AND cause = OLD.cause AND dept_id IN
      (SELECT d.id FROM departments d WHERE LOCATE(CONCAT('/', d.id, '/'), OLD.dept_path) > 0);
    INSERT INTO complaint_daily (dept_id, day, cause, received, replied)
    SELECT d.id, DATE(NEW.received_at), NEW.cause, 1, NEW.reply_count > 0 FROM departments d
    WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0
    ON DUPLICATE KEY UPDATE received = received + 1, replied = replied + VALUES(replied);
  END IF;
END;

CREATE TRIGGER complaint_dept_path_upd AFTER UPDATE ON departments FOR EACH ROW
BEGIN
  IF NOT (NEW.path <=> OLD.path) THEN
    UPDATE complaints SET dept_path = NEW.path WHERE dept_id = NEW.id AND dept_path <> NEW.path;
  END IF;
END;

-- Cases of departments moved before this trigger existed still carry the
-- old path, and their summary rows the old ancestry (the ids in that
-- path): bring them in line through the triggers above, exactly as a
-- move now does.
UPDATE complaints c JOIN departments d ON d.id = c.dept_id
SET c.dept_path = d.path WHERE c.dept_path <> d.path;
