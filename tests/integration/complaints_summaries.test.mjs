// complaints_summaries.test.mjs -- complaint_scope and complaint_daily,
// kept by triggers, agree with the cases themselves after everything
// the other tests did (intake, hand-over, replies, merges).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/http.mjs';

test('complaint_scope has one row per case and department above it', () => {
  const expected = sql(`SELECT COUNT(*) FROM complaints c JOIN departments d
    ON c.dept_path LIKE CONCAT(d.path, '%')`);
  assert.equal(sql('SELECT COUNT(*) FROM complaint_scope'), expected);
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_scope s JOIN complaints c ON c.id = s.complaint_id
    WHERE s.received_at <> c.received_at OR s.step <> c.step OR s.severity <> c.severity
      OR s.cause <> c.cause OR s.channel <> c.channel OR s.abnormal <> c.abnormal`), '0');
});

test('complaint_daily sums match the cases per department, day and cause', () => {
  // the rows are stripes (sql/complaints/013_daily_stripes.sql): only sums count
  const sums = `(SELECT dept_id, day, cause, SUM(received) AS received, SUM(replied) AS replied
      FROM complaint_daily GROUP BY dept_id, day, cause)`;
  const diff = sql(`SELECT COUNT(*) FROM (
      SELECT d.id, DATE(c.received_at) AS day, c.cause, COUNT(*) AS n, SUM(c.reply_count > 0) AS r
      FROM complaints c JOIN departments d ON c.dept_path LIKE CONCAT(d.path, '%')
      GROUP BY d.id, DATE(c.received_at), c.cause) x
    LEFT JOIN ${sums} y ON y.dept_id = x.id AND y.day = x.day AND y.cause = x.cause
    WHERE y.received IS NULL OR y.received <> x.n OR y.replied <> x.r`);
  assert.equal(diff, '0');
  // no total left over for a day and cause without cases, none negative
  assert.equal(sql(`SELECT COUNT(*) FROM ${sums} y WHERE y.received < 0 OR y.replied < 0
    OR y.replied > y.received OR (y.received > 0 AND NOT EXISTS (SELECT 1 FROM complaints c
      JOIN departments d ON d.id = y.dept_id AND c.dept_path LIKE CONCAT(d.path, '%')
      WHERE DATE(c.received_at) = y.day AND c.cause = y.cause))`), '0');
});
