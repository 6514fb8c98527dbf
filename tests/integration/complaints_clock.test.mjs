// complaints_clock.test.mjs -- pausing the clock while waiting on the
// customer: reason required, on the timeline with who and why, paused
// time accumulates and pushes the due times later, and a paused case is
// not overdue anywhere.  (Calendar clock; the working-hours clock's
// pauses are tested in complaints_holidays.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn, sql } from '../lib/http.mjs';

const INTAKE = {
  customer_no: 'C000001', severity: 'general', cause: 'price', channel: 'phone',
  behaviour: 'grumbling', purpose: 'suggestion', description: '收费标准不清楚。',
};

async function act(c, ref, what, form, status = 303) {
  await c.get(`/complaints/${ref}`);
  const r = await c.post(`/complaints/${ref}/${what}`, form);
  assert.equal(r.status, status, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
  return r;
}

const col = (ref, expr) => sql(`SELECT ${expr} FROM complaints WHERE reference = '${ref}'`);

test('pause and resume: reason, timeline, accumulated time pushes the due times', async () => {
  const c = await loggedIn('employee');
  const r = await c.post('/complaints/new', INTAKE);
  assert.equal(r.status, 303);
  const ref = r.location.split('/').pop();
  const due0 = col(ref, 'UNIX_TIMESTAMP(resolution_due)');
  const fc0 = col(ref, 'UNIX_TIMESTAMP(first_contact_due)');

  const nr = await act(c, ref, 'pause', {}, 409);
  assert.match(nr.text, /data-reason="need_reason"/);
  await act(c, ref, 'resume', {}, 409);
  await act(c, ref, 'pause', { reason: '等待客户提供购买凭证' });
  assert.equal(col(ref, 'paused_at IS NOT NULL'), '1');
  await act(c, ref, 'pause', { reason: 'again' }, 409);
  let page = await c.get(`/complaints/${ref}`);
  assert.match(page.text, /id="case-paused"/);
  assert.match(page.text, /id="form-resume"/);

  // two hours waiting on the customer
  sql(`UPDATE complaints SET paused_at = paused_at - INTERVAL 2 HOUR WHERE reference = '${ref}'`);
  page = await c.get(`/complaints/${ref}`);
  assert.match(page.text, /id="case-paused-total" data-minutes="12\d"/);
  await act(c, ref, 'resume', { note: '客户已提供凭证' });
  const paused = Number(col(ref, 'paused_seconds'));
  assert.ok(paused >= 7200 && paused < 7260, String(paused));
  assert.equal(Number(col(ref, 'UNIX_TIMESTAMP(resolution_due)')) - Number(due0), paused);
  assert.equal(Number(col(ref, 'UNIX_TIMESTAMP(first_contact_due)')) - Number(fc0), paused);
  assert.equal(col(ref, 'paused_at IS NULL'), '1');

  page = await c.get(`/complaints/${ref}`);
  assert.match(page.text, /id="case-paused-total" data-minutes="12\d">2:0\d/);
  assert.doesNotMatch(page.text, /id="case-paused"/);
  const ev = sql(`SELECT e.kind, u.login, e.note FROM complaint_events e JOIN users u ON u.id = e.user_id
    JOIN complaints c ON c.id = e.complaint_id WHERE c.reference = '${ref}' AND e.kind IN ('pause', 'resume')
    ORDER BY e.id`);
  assert.equal(ev, 'pause\temployee\t等待客户提供购买凭证\nresume\temployee\t客户已提供凭证');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE object_id = '${ref}'
    AND action IN ('complaint.pause', 'complaint.resume')`), '2');

  // someone else's case in another branch: 404
  const e2 = await loggedIn('employee2');
  await e2.get('/');
  assert.equal((await e2.post(`/complaints/${ref}/pause`, { reason: 'x' })).status, 404);
});

test('a paused case is not overdue while paused', async () => {
  const c = await loggedIn('employee');
  const r = await c.post('/complaints/new', INTAKE);
  const ref = r.location.split('/').pop();
  sql(`UPDATE complaints SET resolution_due = UTC_TIMESTAMP() - INTERVAL 1 HOUR,
    first_contact_due = UTC_TIMESTAMP() - INTERVAL 1 HOUR WHERE reference = '${ref}'`);
  let page = await c.get(`/complaints/${ref}`);
  assert.match(page.text, /id="case-overdue"/);
  let list = await c.get('/complaints/?tab=overdue&q=' + ref);
  assert.ok(list.text.includes(`/complaints/${ref}"`), "in the overdue list");

  await act(c, ref, 'pause', { reason: '客户出差，下周回复' });
  page = await c.get(`/complaints/${ref}`);
  assert.doesNotMatch(page.text, /id="case-overdue"/);
  list = await c.get('/complaints/?tab=overdue&q=' + ref);
  assert.ok(!list.text.includes(`/complaints/${ref}"`), 'not in the overdue list');
  await act(c, ref, 'resume', {});
  // resumed at once: the due times moved by (almost) nothing, overdue again
  page = await c.get(`/complaints/${ref}`);
  assert.match(page.text, /id="case-overdue"/);
});
