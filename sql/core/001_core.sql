-- Core schema: departments, users, sessions, plugin settings, customers,
-- and the append-only audit log.  Every table is InnoDB and utf8mb4.

CREATE TABLE departments (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code      VARCHAR(32)  NOT NULL,
  name_zh   VARCHAR(128) NOT NULL,
  name_en   VARCHAR(128) NOT NULL,
  parent_id BIGINT UNSIGNED NULL,
  -- materialised path "/1/4/": a subtree is a prefix match
  path      VARCHAR(255) NOT NULL DEFAULT '',
  active    TINYINT(1)   NOT NULL DEFAULT 1,
  UNIQUE KEY uk_dept_code (code),
  KEY k_dept_path (path),
  CONSTRAINT fk_dept_parent FOREIGN KEY (parent_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login         VARCHAR(64)  NOT NULL,
  display_name  VARCHAR(128) NOT NULL,
  dept_id       BIGINT UNSIGNED NOT NULL,
  role          ENUM('employee','manager','auditor','admin') NOT NULL,
  password_hash VARCHAR(255) NULL,
  active        TINYINT(1)   NOT NULL DEFAULT 1,
  lang          VARCHAR(8)   NULL,
  failed_logins INT          NOT NULL DEFAULT 0,
  locked_until  DATETIME     NULL,
  last_login    DATETIME     NULL,
  UNIQUE KEY uk_user_login (login),
  CONSTRAINT fk_user_dept FOREIGN KEY (dept_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id_hash    BINARY(32)   NOT NULL PRIMARY KEY,
  user_id    BIGINT UNSIGNED NOT NULL,
  csrf       CHAR(64)     NOT NULL,
  created_at DATETIME     NOT NULL,
  last_seen  DATETIME     NOT NULL,
  addr       VARCHAR(64)  NULL,
  KEY k_sess_user (user_id),
  CONSTRAINT fk_sess_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE plugin_settings (
  plugin  VARCHAR(32) NOT NULL,
  dept_id BIGINT UNSIGNED NOT NULL,
  enabled TINYINT(1)  NOT NULL,
  PRIMARY KEY (plugin, dept_id),
  CONSTRAINT fk_ps_dept FOREIGN KEY (dept_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Customers belong to the core: complaints, surveys and churn all refer
-- to the same customer.
CREATE TABLE customers (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_no     VARCHAR(32)  NOT NULL,
  name            VARCHAR(128) NOT NULL,
  phone           VARCHAR(32)  NULL,
  email           VARCHAR(128) NULL,
  address         VARCHAR(255) NULL,
  dept_id         BIGINT UNSIGNED NOT NULL,
  purchase_total  DECIMAL(14,2) NOT NULL DEFAULT 0,
  created_at      DATETIME     NOT NULL,
  UNIQUE KEY uk_cust_no (customer_no),
  KEY k_cust_name (name),
  KEY k_cust_phone (phone),
  CONSTRAINT fk_cust_dept FOREIGN KEY (dept_id) REFERENCES departments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at           DATETIME(6)  NOT NULL,
  user_id      BIGINT UNSIGNED NULL,
  user_login   VARCHAR(64)  NULL,
  addr         VARCHAR(64)  NULL,
  dept_id      BIGINT UNSIGNED NULL,
  action       VARCHAR(64)  NOT NULL,
  object_type  VARCHAR(32)  NULL,
  object_id    VARCHAR(64)  NULL,
  before_value TEXT         NULL,
  after_value  TEXT         NULL,
  KEY k_audit_at (at),
  KEY k_audit_action (action),
  KEY k_audit_object (object_type, object_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only for everyone, root included; the application user is also
-- granted only SELECT and INSERT on it (kefuctl migrate).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
