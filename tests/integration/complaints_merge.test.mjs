// complaints_merge.test.mjs -- merging a duplicate (it closes with a
// pointer, both timelines keep an event) and linking related cases
// (each page shows the other); targets outside the user's scope are
// refused like missing ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn, sql } from '../lib/http.mjs';

const INTAKE = {
  customer_no: 'C000001', severity: 'general', cause: 'integrity', channel: 'phone',
  behaviour: 'publicity', purpose: 'accusation', description: '宣传与实际不符。',
};

async function intake(c) {
  const r = await c.post('/complaints/new', INTAKE);
  assert.equal(r.status, 303, r.text.slice(0, 200));
  return r.location.split('/').pop();
}

async function act(c, ref, what, form, status = 303) {
  await c.get(`/complaints/${ref}`);
  const r = await c.post(`/complaints/${ref}/${what}`, form);
  assert.equal(r.status, status, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
  return r;
}

const kinds = (ref) => sql(`SELECT GROUP_CONCAT(e.kind ORDER BY e.id) FROM complaint_events e
  JOIN complaints c ON c.id = e.complaint_id WHERE c.reference = '${ref}'`);

test('merge: the duplicate closes with a pointer, both timelines keep an event', async () => {
  const c = await loggedIn('employee');
  const a = await intake(c);
  const b = await intake(c);
  await act(c, a, 'merge', { target: a }, 409);
  await act(c, a, 'merge', { target: 'TS-1999-000001' }, 400);
  // a case of another branch is unknown to this user
  const e2 = await loggedIn('employee2');
  await e2.get('/complaints/new');
  const other = (await e2.post('/complaints/new', INTAKE)).location.split('/').pop();
  const r = await act(c, a, 'merge', { target: other }, 400);
  assert.match(r.text, /data-reason="target_unknown"/);
  assert.equal(sql(`SELECT step FROM complaints WHERE reference = '${a}'`), 'received');

  await act(c, a, 'merge', { target: b, note: '同一客户重复来电' });
  assert.equal(sql(`SELECT c.step, m.reference, c.closed_at IS NOT NULL FROM complaints c
    JOIN complaints m ON m.id = c.merged_into WHERE c.reference = '${a}'`), `closed\t${b}\t1`);
  assert.match(kinds(a), /,merge$/);
  assert.match(kinds(b), /,merged_from$/);
  const pa = await c.get(`/complaints/${a}`);
  assert.match(pa.text, new RegExp(`id="case-merged-into"[^]*?/complaints/${b}`));
  const pb = await c.get(`/complaints/${b}`);
  assert.match(pb.text, new RegExp(`data-merged-from="${a}"`));
  // a closed case cannot be merged again, nor into
  await act(c, a, 'merge', { target: b }, 409);
  const d = await intake(c);
  const t = await act(c, d, 'merge', { target: a }, 409);
  assert.match(t.text, /data-reason="target_closed"/);
});

test('link: related cases are shown on each other\'s page', async () => {
  const c = await loggedIn('employee');
  const a = await intake(c);
  const b = await intake(c);
  await act(c, a, 'link', { target: b });
  await act(c, b, 'link', { target: a }, 409);  // already linked, either way round
  assert.match((await c.get(`/complaints/${a}`)).text, new RegExp(`data-related="${b}"`));
  assert.match((await c.get(`/complaints/${b}`)).text, new RegExp(`data-related="${a}"`));
  assert.match(kinds(a), /,link$/);
  assert.match(kinds(b), /,link$/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE object_id = '${a}' AND action = 'complaint.link'`), '1');
});
