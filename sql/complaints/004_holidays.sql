-- The working-hours clock (Plugins.complaints.Clock = working): days that
-- differ from Monday-Friday in local time -- public holidays, and the
-- make-up working days (调休) that fall on a weekend.
CREATE TABLE complaint_holidays (
  day  DATE NOT NULL PRIMARY KEY,
  kind ENUM('holiday','workday') NOT NULL,
  name VARCHAR(64) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
