// complaints_panel.test.mjs -- the dashboard panel's bar chart of the last
// 30 days' complaints by cause: server-drawn SVG, integer widths that
// follow the counts in the user's scope, no script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn, sql } from '../lib/http.mjs';

test('panel: cases by cause over 30 days as an SVG bar chart', async () => {
  const m = await loggedIn('manager');
  const dash = await m.get('/');
  assert.equal(dash.status, 200);
  const fig = dash.text.match(/<figure id="cp-causes"[^]*?<\/figure>/);
  assert.ok(fig, 'the chart is on the dashboard');
  assert.ok(!/<script/i.test(fig[0]));
  const bars = [...fig[0].matchAll(/data-cause="(\w+)" data-count="(\d+)"[^]*?<rect[^>]* width="(\d+)"/g)]
    .map(([, cause, count, width]) => ({ cause, count: Number(count), width: Number(width) }));
  assert.equal(bars.length, 6);
  const scope = sql(`SELECT u.dept_id FROM users u WHERE u.login = 'manager'`);
  const path = sql(`SELECT path FROM departments WHERE id = ${scope}`);
  for (const b of bars) {
    const n = sql(`SELECT COUNT(*) FROM complaints WHERE cause = '${b.cause}'
      AND dept_path LIKE '${path}%' AND received_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY`);
    assert.equal(b.count, Number(n), b.cause);
  }
  const max = Math.max(...bars.map((b) => b.count));
  assert.ok(max > 0);
  for (const b of bars) {
    assert.ok(b.width <= 220);
    assert.equal(b.width, Math.ceil(b.count * 220 / max), b.cause);
  }
});

test('panel: a manager sees the department\'s most overdue cases first; an employee does not', async () => {
  const m = await loggedIn('manager');
  const dash = await m.get('/');
  assert.equal(dash.status, 200);
  const box = dash.text.match(/<ol id="cp-overdue-list">[^]*?<\/ol>/);
  assert.ok(box, 'the demo data has overdue cases in BR01');
  const refs = [...box[0].matchAll(/data-ref="([^"]+)"/g)].map((x) => x[1]);
  assert.ok(refs.length >= 1 && refs.length <= 5);
  const path = sql(`SELECT d.path FROM users u JOIN departments d ON d.id = u.dept_id WHERE u.login = 'manager'`);
  const missed = `IF(first_contact_at IS NULL AND first_contact_due < resolution_due, first_contact_due, resolution_due)`;
  const expected = sql(`SELECT GROUP_CONCAT(reference ORDER BY ${missed}, id SEPARATOR ',') FROM (
      SELECT reference, id, first_contact_at, first_contact_due, resolution_due FROM complaints
      WHERE step <> 'closed' AND dept_path LIKE '${path}%' AND paused_at IS NULL
      AND (resolution_due < UTC_TIMESTAMP() OR (first_contact_at IS NULL AND first_contact_due < UTC_TIMESTAMP()))
      ORDER BY ${missed}, id LIMIT 5) x`);
  assert.deepEqual(refs, expected.split(','));
  const e = await loggedIn('employee');
  const edash = await e.get('/');
  assert.equal(edash.status, 200);
  assert.ok(!edash.text.includes('cp-overdue-list'));
});
