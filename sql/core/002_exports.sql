-- The export register: one row per report export (xmlexport), append-only
-- like audit_log, and hash-chained: digest = SHA-256 over the row's fields
-- and prev_digest, the digest of the row before (64 zeros for the first).
-- kefuctl export verify walks the chain.  Personal API tokens (profile
-- page) are kept as SHA-256 of the token only.

CREATE TABLE export_register (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME     NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  user_login  VARCHAR(64)  NOT NULL,
  report      VARCHAR(64)  NOT NULL,
  dept_code   VARCHAR(32)  NOT NULL,
  period_from DATE         NOT NULL,
  period_to   DATE         NOT NULL,
  records     BIGINT       NOT NULL,
  completed   TINYINT(1)   NOT NULL,
  sha256      CHAR(64)     NOT NULL,   -- of the bytes sent
  prev_digest CHAR(64)     NOT NULL,
  digest      CHAR(64)     NOT NULL,
  KEY k_export_at (at),
  KEY k_export_sha (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER export_register_no_update BEFORE UPDATE ON export_register FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'export_register is append-only';
CREATE TRIGGER export_register_no_delete BEFORE DELETE ON export_register FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'export_register is append-only';

CREATE TABLE api_tokens (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id      BIGINT UNSIGNED NOT NULL,
  name         VARCHAR(64)  NOT NULL,
  token_hash   BINARY(32)   NOT NULL,
  created_at   DATETIME     NOT NULL,
  expires_at   DATETIME     NOT NULL,
  revoked_at   DATETIME     NULL,
  last_used_at DATETIME     NULL,
  UNIQUE KEY uk_token_hash (token_hash),
  KEY k_token_user (user_id),
  CONSTRAINT fk_token_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
