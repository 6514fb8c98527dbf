-- complaint_scope becomes the department lists' projection: besides
-- "which departments see this case, in received order" it carries what
-- a list row shows and filters on, so the department list reads the
-- scope index alone (and the small users table for the owner's name):
--   * filters (step, severity, cause, channel, abnormal) are tested on
--     the scope row, so cases that do not match are skipped unread --
--     at a million cases a severity+cause filter passes over about eight
--     scope rows per listed case;
--   * the row itself (reference, due times, customer name and phone)
--     needs no lookup in complaints or in the million-row customers
--     table, which was half the list query's database time;
--   * the ledger (台账) of a department and period is one range of the
--     primary key: the case's own department, replies and closing time
--     are here, so its sums read no case rows (at a million cases they
--     read 60,000 case rows, 0.6 s a page).
-- Kept by triggers like the rest of the table: on complaints (any listed
-- column changes) and on customers (name or phone changes).  The ENUMs
-- repeat those of complaints (001_complaints.sql): a migration that adds
-- a value there adds it here too.  Ancestors come from the ids in the
-- case's path, as in 012_dept_move.sql.
-- (Sent to the server as one script: it parses BEGIN ... END itself.)
ALTER TABLE complaint_scope
  ADD COLUMN step ENUM('received','recorded','cause_analysed','dept_decided','solution_proposed',
                       'carried_out','feedback_collected','closed') NOT NULL DEFAULT 'received',
  ADD COLUMN severity ENUM('general','serious') NOT NULL DEFAULT 'general',
  ADD COLUMN cause ENUM('product_quality','service','price','integrity','returns','information')
             NOT NULL DEFAULT 'service',
  ADD COLUMN channel ENUM('phone','email','onsite','other') NOT NULL DEFAULT 'phone',
  ADD COLUMN abnormal TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN reference VARCHAR(16) NOT NULL DEFAULT '',
  ADD COLUMN resolution_due DATETIME NULL,
  ADD COLUMN first_contact_due DATETIME NULL,
  ADD COLUMN first_contact_at DATETIME NULL,
  ADD COLUMN paused_at DATETIME NULL,
  ADD COLUMN owner_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN customer_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN customer_name VARCHAR(128) NOT NULL DEFAULT '',
  ADD COLUMN customer_phone VARCHAR(32) NULL,
  ADD COLUMN case_dept_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN reply_count INT NOT NULL DEFAULT 0,
  ADD COLUMN closed_at DATETIME NULL;

UPDATE complaint_scope s JOIN complaints c ON c.id = s.complaint_id
  JOIN customers cu ON cu.id = c.customer_id
  SET s.step = c.step, s.severity = c.severity, s.cause = c.cause, s.channel = c.channel,
      s.abnormal = c.abnormal, s.reference = c.reference, s.resolution_due = c.resolution_due,
      s.first_contact_due = c.first_contact_due, s.first_contact_at = c.first_contact_at,
      s.paused_at = c.paused_at, s.owner_id = c.owner_id, s.customer_id = c.customer_id,
      s.customer_name = cu.name, s.customer_phone = cu.phone, s.case_dept_id = c.dept_id,
      s.reply_count = c.reply_count, s.closed_at = c.closed_at;

DROP TRIGGER complaint_scope_ins;
DROP TRIGGER complaint_scope_upd;

CREATE TRIGGER complaint_scope_ins AFTER INSERT ON complaints FOR EACH ROW
  INSERT INTO complaint_scope (dept_id, received_at, complaint_id, step, severity, cause, channel,
    abnormal, reference, resolution_due, first_contact_due, first_contact_at, paused_at, owner_id,
    customer_id, customer_name, customer_phone, case_dept_id, reply_count, closed_at)
  SELECT d.id, NEW.received_at, NEW.id, NEW.step, NEW.severity, NEW.cause, NEW.channel,
    NEW.abnormal, NEW.reference, NEW.resolution_due, NEW.first_contact_due, NEW.first_contact_at,
    NEW.paused_at, NEW.owner_id, NEW.customer_id, cu.name, cu.phone, NEW.dept_id, NEW.reply_count,
    NEW.closed_at
  FROM departments d JOIN customers cu ON cu.id = NEW.customer_id
  WHERE LOCATE(CONCAT('/', d.id, '/'), NEW.dept_path) > 0;

CREATE TRIGGER complaint_scope_upd AFTER UPDATE ON complaints FOR EACH ROW
BEGIN
  IF NOT (NEW.dept_path <=> OLD.dept_path) OR NOT (NEW.received_at <=> OLD.received_at) THEN
    DELETE FROM complaint_scope WHERE complaint_id = OLD.id;
    INSERT INTO complaint_scope (dept_id, received_at, complaint_id, step, severity, cause, channel,
      abnormal, reference, resolution_due, first_contact_due, first_contact_at, paused_at, owner_id,
      customer_id, customer_name, customer_phone, case_dept_id, reply_count, closed_at)
    SELECT d.id, NEW.received_at, NEW.id, NEW.step, NEW.severity, NEW.cause, NEW.channel,
      NEW.abnormal, NEW.reference, NEW.resolution_due, NEW.first_contact_due, NEW.first_contact_at,
      NEW.paused_at, NEW.owner_id, NEW.customer_id, cu.name, cu.phone, NEW.dept_id,
      NEW.reply_count, NEW.closed_at
    FROM departments d JOIN customers cu ON cu.id = NEW.customer_id
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
    -- single-table UPDATEs with scalar subqueries: a multi-table UPDATE
    -- would lock the customer's row exclusively, and concurrent intakes
    -- for the same customer (holding shared locks on it from their
    -- foreign-key checks) would deadlock with it
    UPDATE complaint_scope
    SET step = NEW.step, severity = NEW.severity, cause = NEW.cause, channel = NEW.channel,
        abnormal = NEW.abnormal, reference = NEW.reference, resolution_due = NEW.resolution_due,
        first_contact_due = NEW.first_contact_due, first_contact_at = NEW.first_contact_at,
        paused_at = NEW.paused_at, owner_id = NEW.owner_id, customer_id = NEW.customer_id,
        case_dept_id = NEW.dept_id, reply_count = NEW.reply_count, closed_at = NEW.closed_at
    WHERE complaint_id = NEW.id;
    IF NOT (NEW.customer_id <=> OLD.customer_id) THEN
      UPDATE complaint_scope
      SET customer_name = (SELECT name FROM customers WHERE id = NEW.customer_id),
          customer_phone = (SELECT phone FROM customers WHERE id = NEW.customer_id)
      WHERE complaint_id = NEW.id;
    END IF;
  END IF;
END;

CREATE TRIGGER complaint_scope_customer_upd AFTER UPDATE ON customers FOR EACH ROW
BEGIN
  IF NOT (NEW.name <=> OLD.name) OR NOT (NEW.phone <=> OLD.phone) THEN
    UPDATE complaint_scope SET customer_name = NEW.name, customer_phone = NEW.phone
    WHERE complaint_id IN (SELECT id FROM complaints WHERE customer_id = NEW.id);
  END IF;
END;
