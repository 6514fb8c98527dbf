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
    WHERE s.received_at <> c.received_at`), '0');
});

test('complaint_daily sums match the cases per department, day and cause', () => {
  const diff = sql(`SELECT COUNT(*) FROM (
      SELECT d.id, DATE(c.received_at) AS day, c.cause, COUNT(*) AS n, SUM(c.reply_count > 0) AS r
      FROM complaints c JOIN departments d ON c.dept_path LIKE CONCAT(d.path, '%')
      GROUP BY d.id, DATE(c.received_at), c.cause) x
    LEFT JOIN complaint_daily y ON y.dept_id = x.id AND y.day = x.day AND y.cause = x.cause
    WHERE y.received IS NULL OR y.received <> x.n OR y.replied <> x.r`);
  assert.equal(diff, '0');
  assert.equal(sql('SELECT COUNT(*) FROM complaint_daily WHERE received < 0 OR replied < 0 OR replied > received'), '0');
});
