-- A customer's new name or phone reaches the scope rows of that customer's
-- cases only.  014's trigger said "complaint_id IN (SELECT ... customer_id
-- = NEW.id)", which MariaDB 10.11 runs as a scan of all of complaint_scope:
-- at a million cases one rename read 2.3 million rows for 11 s and, being
-- an UPDATE, locked every one of them, stopping every intake and every
-- step meanwhile.  The loop finds the customer's cases by their index and
-- updates each case's scope rows by theirs (k_scope_complaint), locking
-- those rows alone; still single-table UPDATEs (see 014 on why).
DROP TRIGGER complaint_scope_customer_upd;

CREATE TRIGGER complaint_scope_customer_upd AFTER UPDATE ON customers FOR EACH ROW
BEGIN
  IF NOT (NEW.name <=> OLD.name) OR NOT (NEW.phone <=> OLD.phone) THEN
    FOR c IN (SELECT id FROM complaints WHERE customer_id = NEW.id) DO
      UPDATE complaint_scope SET customer_name = NEW.name, customer_phone = NEW.phone
      WHERE complaint_id = c.id;
    END FOR;
  END IF;
END;
