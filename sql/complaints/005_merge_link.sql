-- Merging a duplicate into another case (the merged one closes with a
-- pointer) and linking related cases (shown on each other's page).
ALTER TABLE complaints
  ADD COLUMN merged_into BIGINT UNSIGNED NULL AFTER paused_seconds,
  ADD CONSTRAINT fk_complaint_merged FOREIGN KEY (merged_into) REFERENCES complaints (id);

-- one row per pair, the smaller id first
CREATE TABLE complaint_links (
  a_id       BIGINT UNSIGNED NOT NULL,
  b_id       BIGINT UNSIGNED NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (a_id, b_id),
  KEY k_clink_b (b_id),
  CONSTRAINT fk_clink_a FOREIGN KEY (a_id) REFERENCES complaints (id),
  CONSTRAINT fk_clink_b FOREIGN KEY (b_id) REFERENCES complaints (id),
  CONSTRAINT fk_clink_user FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
