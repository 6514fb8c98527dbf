-- Complaints (投诉与抱怨): cases, their timeline, the reply ledger (台账),
-- compensation with approval, and the per-year reference counter.
-- Times are UTC.  Lists filter by department subtree (dept_path prefix),
-- owner or due time, then order by received_at: the indexes follow that.

CREATE TABLE complaint_counters (
  year    SMALLINT UNSIGNED NOT NULL PRIMARY KEY,
  last_no INT UNSIGNED      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE complaints (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reference          VARCHAR(16)  NOT NULL,           -- TS-YYYY-NNNNNN, gap-free per year
  customer_id        BIGINT UNSIGNED NOT NULL,
  dept_id            BIGINT UNSIGNED NOT NULL,        -- department that holds the case
  dept_path          VARCHAR(255) NOT NULL,           -- copy of departments.path for scoping
  handling_dept_id   BIGINT UNSIGNED NULL,            -- step 4: 确定投诉处理部门
  severity           ENUM('general','serious') NOT NULL,
  cause              ENUM('product_quality','service','price','integrity','returns','information') NOT NULL,
  channel            ENUM('phone','email','onsite','other') NOT NULL,
  behaviour          ENUM('grumbling','publicity','venting','extreme') NOT NULL,
  purpose            ENUM('suggestion','criticism','accusation') NOT NULL,
  reasonable         TINYINT(1)   NULL,               -- 有理/无理, NULL = not judged
  description        TEXT         NOT NULL,
  customer_request   TEXT         NULL,
  step               ENUM('received','recorded','cause_analysed','dept_decided',
                          'solution_proposed','carried_out','feedback_collected','closed')
                     NOT NULL DEFAULT 'received',
  received_at        DATETIME     NOT NULL,
  first_contact_due  DATETIME     NOT NULL,
  resolution_due     DATETIME     NOT NULL,
  first_contact_at   DATETIME     NULL,               -- first reply recorded
  closed_at          DATETIME     NULL,
  first_responder_id BIGINT UNSIGNED NOT NULL,        -- 首问责任人, never changes
  owner_id           BIGINT UNSIGNED NOT NULL,        -- current owner
  root_cause         TEXT         NULL,
  improvement        TEXT         NULL,
  satisfaction       TINYINT      NULL,               -- 1..5
  abnormal           TINYINT(1)   NOT NULL DEFAULT 0, -- 非正常投诉
  abnormal_signs     VARCHAR(255) NULL,
  reply_count        INT          NOT NULL DEFAULT 0,
  created_at         DATETIME     NOT NULL,
  updated_at         DATETIME     NOT NULL,
  UNIQUE KEY uk_complaint_ref (reference),
  KEY k_complaint_scope (dept_path, step, received_at),
  KEY k_complaint_owner (owner_id, step, received_at),
  KEY k_complaint_due (step, resolution_due),
  KEY k_complaint_received (received_at),
  KEY k_complaint_customer (customer_id),
  CONSTRAINT fk_complaint_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_complaint_dept FOREIGN KEY (dept_id) REFERENCES departments (id),
  CONSTRAINT fk_complaint_hdept FOREIGN KEY (handling_dept_id) REFERENCES departments (id),
  CONSTRAINT fk_complaint_first FOREIGN KEY (first_responder_id) REFERENCES users (id),
  CONSTRAINT fk_complaint_owner FOREIGN KEY (owner_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The timeline: every step, hand-over, reply, compensation, approval,
-- flag and reopen names who did it and when (责任明晰).
CREATE TABLE complaint_events (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  complaint_id   BIGINT UNSIGNED NOT NULL,
  at             DATETIME     NOT NULL,
  user_id        BIGINT UNSIGNED NOT NULL,
  kind           VARCHAR(32)  NOT NULL,  -- received, step, reply, handover, compensation, approve, abnormal, reopen
  from_step      VARCHAR(32)  NULL,
  to_step        VARCHAR(32)  NULL,
  target_user_id BIGINT UNSIGNED NULL,   -- hand-over: the new owner
  note           TEXT         NULL,
  KEY k_cevent_case (complaint_id, at),
  CONSTRAINT fk_cevent_case FOREIGN KEY (complaint_id) REFERENCES complaints (id),
  CONSTRAINT fk_cevent_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The reply ledger (百分百回复台账).
CREATE TABLE complaint_replies (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  complaint_id BIGINT UNSIGNED NOT NULL,
  at           DATETIME     NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  channel      ENUM('phone','email','onsite','other') NOT NULL,
  text         TEXT         NOT NULL,
  KEY k_creply_case (complaint_id, at),
  KEY k_creply_at (at),
  CONSTRAINT fk_creply_case FOREIGN KEY (complaint_id) REFERENCES complaints (id),
  CONSTRAINT fk_creply_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Remedies with amount and approver; above the employee's limit or on an
-- abnormal case they wait for a manager other than the proposer.
CREATE TABLE complaint_compensations (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  complaint_id BIGINT UNSIGNED NOT NULL,
  remedy       ENUM('repair','replacement','refund','discount','voucher','gift','apology') NOT NULL,
  amount       DECIMAL(12,2) NOT NULL DEFAULT 0,
  basis        VARCHAR(255) NULL,        -- the documented standard it rests on
  status       ENUM('pending','approved','rejected') NOT NULL,
  proposed_by  BIGINT UNSIGNED NOT NULL,
  proposed_at  DATETIME     NOT NULL,
  approved_by  BIGINT UNSIGNED NULL,
  approved_at  DATETIME     NULL,
  KEY k_ccomp_case (complaint_id),
  KEY k_ccomp_status (status, proposed_at),
  CONSTRAINT fk_ccomp_case FOREIGN KEY (complaint_id) REFERENCES complaints (id),
  CONSTRAINT fk_ccomp_prop FOREIGN KEY (proposed_by) REFERENCES users (id),
  CONSTRAINT fk_ccomp_appr FOREIGN KEY (approved_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
