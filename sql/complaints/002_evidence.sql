-- Evidence attachments (保留原始证据): photos, documents, audio and video
-- kept with the case.  The bytes live in the database so a backup of the
-- database is a backup of the evidence; the type was checked by magic
-- bytes before the insert, the name cleaned (at most 200 bytes UTF-8).
CREATE TABLE complaint_attachments (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  complaint_id BIGINT UNSIGNED NOT NULL,
  filename     VARCHAR(200) NOT NULL,
  content_type VARCHAR(64)  NOT NULL,
  size         INT UNSIGNED NOT NULL,
  data         LONGBLOB     NOT NULL,
  uploaded_by  BIGINT UNSIGNED NOT NULL,
  uploaded_at  DATETIME     NOT NULL,
  KEY k_cattach_case (complaint_id, id),
  CONSTRAINT fk_cattach_case FOREIGN KEY (complaint_id) REFERENCES complaints (id),
  CONSTRAINT fk_cattach_user FOREIGN KEY (uploaded_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
