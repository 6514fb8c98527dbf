-- complaint_scope carries the owner's name, as it carries the customer's
-- (014), so the department list reads complaint_scope alone.  Joining
-- users for the name cost the filtered list ≈25 µs of MariaDB's ≈210 at
-- a million cases: a second table opened and locked for every statement,
-- and a lookup for every row.
-- Kept by the triggers on complaints (an intake names its owner, a
-- hand-over changes owner_id) and by a new one on users: a renamed
-- user's cases, found by their index (k_complaint_owner), get the new name
-- in their scope rows, by theirs (k_scope_complaint), as 017 does for a
-- customer.  Such a rename rewrites as many scope rows as the user has
-- cases in scope (≈15 ms per 800): names change rarely, lists are read
-- all day.  The other columns are kept exactly as in 014.
-- (Sent to the server as one script: it parses BEGIN ... END itself.)
ALTER TABLE complaint_scope ADD COLUMN owner_name VARCHAR(128) NOT NULL DEFAULT '';

UPDATE complaint_scope s JOIN users u ON u.id = s.owner_id SET s.owner_name = u.display_name;

DROP TRIGGER complaint_scope_ins;
DROP TRIGGER complaint_scope_upd;

CREATE TRIGGER complaint_scope_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_scope (dept_id, received_at, complaint_id, step, severity, cause, channel,
    abnormal, reference, resolution_due, first_contact_due, first_contact_at, paused_at, owner_id,
    owner_name, customer_id, customer_name, customer_phone, case_dept_id, reply_count, closed_at)
  SELECT d.id, NEW.received_at, NEW.id, NEW.step, NEW.severity, NEW.cause, NEW.channel,
    NEW.abnormal, NEW.reference, NEW.resolution_due, NEW.first_contact_due, NEW.first_contact_at,
    NEW.paused_at, NEW.owner_id, o.display_name, NEW.customer_id, cu.name, cu.phone, NEW.dept_id,
    NEW.reply_count, NEW.closed_at
  FROM departments d JOIN customers cu ON cu.id = NEW.customer_id JOIN users o ON o.id = NEW.owner_id
  WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0;

CREATE TRIGGER complaint_scope_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at) THEN
    DELETE FROM complaint_scope WHERE complaint_id = OLD.id;
    INSERT INTO complaint_scope (dept_id, received_at, complaint_id, step, severity, cause, channel,
      abnormal, reference, resolution_due, first_contact_due, first_contact_at, paused_at, owner_id,
      owner_name, customer_id, customer_name, customer_phone, case_dept_id, reply_count, closed_at)
    SELECT d.id, NEW.received_at, NEW.id, NEW.step, NEW.severity, NEW.cause, NEW.channel,
      NEW.abnormal, NEW.reference, NEW.resolution_due, NEW.first_contact_due, NEW.first_contact_at,
      NEW.paused_at, NEW.owner_id, o.display_name, NEW.customer_id, cu.name, cu.phone, NEW.dept_id,
      NEW.reply_count, NEW.closed_at
    FROM departments d JOIN customers cu ON cu.id = NEW.customer_id JOIN users o ON o.id = NEW.owner_id
    WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0;
  ELSEIF NOT (NEW.step <=> OLD.step) OR NOT (NEW.severity <=> OLD.severity)
      OR NOT (NEW.cause <=> OLD.cause) OR NOT (NEW.channel <=> OLD.channel)
      OR NOT (NEW.abnormal <=> OLD.abnormal) OR NOT (NEW.reference <=> OLD.reference)
      OR NOT (NEW.resolution_due <=> OLD.resolution_due)
      OR NOT (NEW.first_contact_due <=> OLD.first_contact_due)
      OR NOT (NEW.first_contact_at <=> OLD.first_contact_at)
      OR NOT (NEW.paused_at <=> OLD.paused_at) OR NOT (NEW.owner_id <=> OLD.owner_id)
      OR NOT (NEW.customer_id <=> OLD.customer_id) OR NOT (NEW.dept_id <=> OLD.dept_id)
      OR NOT (NEW.reply_count <=> OLD.reply_count) OR NOT (NEW.closed_at <=> OLD.closed_at) THEN
    -- single-table UPDATEs with scalar subqueries (see 014 on why)
    UPDATE complaint_scope
    SET step = NEW.step, severity = NEW.severity, cause = NEW.cause, channel = NEW.channel,
        abnormal = NEW.abnormal, reference = NEW.reference, resolution_due = NEW.resolution_due,
        first_contact_due = NEW.first_contact_due, first_contact_at = NEW.first_contact_at,
        paused_at = NEW.paused_at, owner_id = NEW.owner_id, customer_id = NEW.customer_id,
        case_dept_id = NEW.dept_id, reply_count = NEW.reply_count, closed_at = NEW.closed_at
    WHERE complaint_id = NEW.id;
    IF NOT (NEW.owner_id <=> OLD.owner_id) THEN
      UPDATE complaint_scope
      SET owner_name = (SELECT display_name FROM users WHERE id = NEW.owner_id)
      WHERE complaint_id = NEW.id;
    END IF;
    IF NOT (NEW.customer_id <=> OLD.customer_id) THEN
      UPDATE complaint_scope
      SET customer_name = (SELECT name FROM customers WHERE id = NEW.customer_id),
          customer_phone = (SELECT phone FROM customers WHERE id = NEW.customer_id)
      WHERE complaint_id = NEW.id;
    END IF;
  END IF;
END;

CREATE TRIGGER complaint_scope_owner_upd AFTER UPDATE ON users FOR EACH ROW
BEGIN
  IF NOT (NEW.display_name <=> OLD.display_name) THEN
    FOR c IN (SELECT id FROM complaints WHERE owner_id = NEW.id) DO
      UPDATE complaint_scope SET owner_name = NEW.display_name WHERE complaint_id = c.id;
    END FOR;
  END IF;
END;
