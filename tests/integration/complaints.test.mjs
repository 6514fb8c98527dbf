// complaints.test.mjs -- the complaints plugin over HTTP: intake, the
// eight-step process to closed, refusals that change nothing, department
// scoping, and compensation approval by a manager other than the proposer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn, sql } from '../lib/http.mjs';

const INTAKE = {
  customer_no: 'C000001', severity: 'general', cause: 'service', channel: 'onsite',
  behaviour: 'venting', purpose: 'criticism', description: '柜员办理业务时态度冷淡，等候四十分钟。',
  customer_request: '要求道歉',
};

async function intake(c, extra = {}) {
  const r = await c.post('/complaints/new', { ...INTAKE, ...extra });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const m = r.location.match(/^\/complaints\/(TS-\d{4}-\d{6})$/);
  assert.ok(m, r.location);
  return m[1];
}

const stepOf = (ref) => sql(`SELECT step FROM complaints WHERE reference = '${ref}'`);

async function act(c, ref, what, form, status = 303) {
  await c.get(`/complaints/${ref}`);  // a fresh CSRF token from the page
  const r = await c.post(`/complaints/${ref}/${what}`, form);
  assert.equal(r.status, status, `${what} ${JSON.stringify(form)}: ${r.status}`);
  return r;
}

test('intake: gap-free reference, first responder is owner, due times per severity', async () => {
  const c = await loggedIn('employee');
  const a = await intake(c);
  const b = await intake(c, { severity: 'serious' });
  const [ya, na] = a.split('-').slice(1).map(Number);
  const [yb, nb] = b.split('-').slice(1).map(Number);
  assert.equal(ya, yb);
  assert.equal(nb, na + 1);
  const row = sql(`SELECT c.step, f.login, o.login, c.dept_path,
      TIMESTAMPDIFF(HOUR, c.received_at, c.first_contact_due),
      TIMESTAMPDIFF(HOUR, c.received_at, c.resolution_due)
    FROM complaints c JOIN users f ON f.id = c.first_responder_id JOIN users o ON o.id = c.owner_id
    WHERE c.reference = '${b}'`).split('\t');
  assert.deepEqual(row, ['received', 'employee', 'employee', '/1/2/', '2', '48']);
  const page = await c.get(`/complaints/${b}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="case-first">柜员张丽/);
  assert.match(page.text, /id="case-severity">(严重投诉|Serious)</);
  // a missing classification re-shows the form and stores nothing
  const before = sql('SELECT COUNT(*) FROM complaints');
  const bad = await c.post('/complaints/new', { ...INTAKE, severity: 'nonsense' });
  assert.equal(bad.status, 400);
  assert.equal(sql('SELECT COUNT(*) FROM complaints'), before);
});

test('a whole case from intake to closed, with refusals that change nothing', async () => {
  const c = await loggedIn('employee');
  const ref = await intake(c);

  // an illegal transition: 409, nothing changed
  const events = sql(`SELECT COUNT(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
    WHERE c.reference = '${ref}'`);
  const r = await act(c, ref, 'step', { to: 'closed' }, 409);
  assert.match(r.text, /data-reason="illegal"/);
  await act(c, ref, 'step', { to: 'cause_analysed' }, 409);
  assert.equal(stepOf(ref), 'received');
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
    WHERE c.reference = '${ref}'`), events);

  await act(c, ref, 'step', { to: 'recorded', note: '记录完毕' });
  await act(c, ref, 'step', { to: 'cause_analysed' });
  await act(c, ref, 'step', { to: 'dept_decided', handling_dept_id: '2' });
  await act(c, ref, 'step', { to: 'solution_proposed' });
  await act(c, ref, 'step', { to: 'carried_out' });
  await act(c, ref, 'step', { to: 'feedback_collected' }, 409);  // satisfaction needed
  await act(c, ref, 'step', { to: 'feedback_collected', satisfaction: '4' });
  assert.equal(stepOf(ref), 'feedback_collected');

  // closing without a reply: 409, nothing changed
  const closing = { to: 'closed', root_cause: '高峰期窗口不足', improvement: '高峰期增开窗口' };
  const nr = await act(c, ref, 'step', closing, 409);
  assert.match(nr.text, /data-reason="need_reply"/);
  assert.equal(stepOf(ref), 'feedback_collected');
  assert.equal(sql(`SELECT closed_at IS NULL FROM complaints WHERE reference = '${ref}'`), '1');

  await act(c, ref, 'reply', { channel: 'phone', text: '已致电客户致歉并说明改进措施。' });
  const nv = await act(c, ref, 'step', { to: 'closed' }, 409);  // root cause and improvement
  assert.match(nv.text, /data-reason="need_review"/);
  await act(c, ref, 'step', closing);
  assert.equal(stepOf(ref), 'closed');
  const row = sql(`SELECT reply_count, satisfaction, first_contact_at IS NOT NULL, closed_at IS NOT NULL
    FROM complaints WHERE reference = '${ref}'`);
  assert.equal(row, '1\t4\t1\t1');
  // every step is on the timeline and in the audit log
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
    WHERE c.reference = '${ref}' AND e.kind = 'step'`), '7');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'complaint'
    AND object_id = '${ref}' AND action = 'complaint.step'`), '7');

  // closed: no more replies; only a manager reopens, with a reason
  await act(c, ref, 'reply', { channel: 'phone', text: 'x' }, 409);
  await act(c, ref, 'reopen', { reason: 'x' }, 403);
  const m = await loggedIn('manager');
  await act(m, ref, 'reopen', {}, 409);
  await act(m, ref, 'reopen', { reason: '客户再次来电' });
  assert.equal(stepOf(ref), 'recorded');
});

test('an abnormal case is closed only by a manager', async () => {
  const c = await loggedIn('employee');
  const ref = await intake(c);
  await act(c, ref, 'abnormal', { sign_excessive_claim: '1', sign_private_settlement: '1' });
  for (const to of ['recorded', 'cause_analysed']) await act(c, ref, 'step', { to });
  await act(c, ref, 'step', { to: 'dept_decided', handling_dept_id: '2' });
  for (const to of ['solution_proposed', 'carried_out']) await act(c, ref, 'step', { to });
  await act(c, ref, 'step', { to: 'feedback_collected', satisfaction: '2' });
  await act(c, ref, 'reply', { channel: 'email', text: '书面答复' });
  const closing = { to: 'closed', root_cause: '索赔无依据', improvement: '保留证据，引入第三方检测' };
  const r = await act(c, ref, 'step', closing, 409);
  assert.match(r.text, /data-reason="need_manager"/);
  const m = await loggedIn('manager');
  await act(m, ref, 'step', closing);
  assert.equal(stepOf(ref), 'closed');
});

test('employee2 (BR02) gets 404 for a BR01 case and does not see it in any list', async () => {
  const c = await loggedIn('employee');
  const ref = await intake(c);
  const e2 = await loggedIn('employee2');
  const page = await e2.get(`/complaints/${ref}`);
  const missing = await e2.get('/complaints/TS-1999-000001');
  assert.equal(page.status, 404);
  assert.equal(missing.status, 404);
  assert.equal(page.text.replace(/TS-\d{4}-\d{6}/g, ''), missing.text.replace(/TS-\d{4}-\d{6}/g, ''));
  for (const tab of ['mine', 'dept', 'overdue']) {
    const l = await e2.get(`/complaints/?tab=${tab}&q=${ref}`);
    assert.equal(l.status, 200);
    assert.doesNotMatch(l.text, new RegExp(`data-ref="${ref}"|href="/complaints/${ref}"`));
  }
  const all = await e2.get('/complaints/?tab=dept');
  assert.doesNotMatch(all.text, new RegExp(`data-ref="${ref}"|href="/complaints/${ref}"`));
  await e2.get('/');
  assert.equal((await e2.post(`/complaints/${ref}/reply`, { channel: 'phone', text: 'x' })).status, 404);
  // while the BR01 employee finds it
  const mine = await c.get(`/complaints/?tab=dept&q=${ref}`);
  assert.match(mine.text, new RegExp(`data-ref="${ref}"`));
});

test('compensation above the limit waits for a manager other than the proposer', async () => {
  const c = await loggedIn('employee');
  const ref = await intake(c);
  for (const to of ['recorded', 'cause_analysed']) await act(c, ref, 'step', { to });
  await act(c, ref, 'step', { to: 'dept_decided', handling_dept_id: '2' });
  await act(c, ref, 'step', { to: 'solution_proposed' });
  const comp = (status) => sql(`SELECT p.status FROM complaint_compensations p
    JOIN complaints c ON c.id = p.complaint_id WHERE c.reference = '${ref}' ORDER BY p.id`);

  await act(c, ref, 'compensation', { remedy: 'voucher', amount: '100' });  // within the limit
  await act(c, ref, 'compensation', { remedy: 'refund', amount: '800', basis: '收费标准第 3 条' });
  assert.equal(comp(), 'approved\npending');
  const pending = sql(`SELECT p.id FROM complaint_compensations p JOIN complaints c ON c.id = p.complaint_id
    WHERE c.reference = '${ref}' AND p.status = 'pending'`);
  // not carried out while it waits; the employee cannot approve
  await act(c, ref, 'step', { to: 'carried_out' }, 409);
  await act(c, ref, 'approve', { comp_id: pending }, 403);

  // a manager's own proposal above the limit: not by himself
  const m = await loggedIn('manager');
  await act(m, ref, 'compensation', { remedy: 'gift', amount: '900' });
  const own = sql(`SELECT p.id FROM complaint_compensations p JOIN complaints c ON c.id = p.complaint_id
    WHERE c.reference = '${ref}' AND p.status = 'pending' AND p.amount = 900`);
  const r = await act(m, ref, 'approve', { comp_id: own }, 409);
  assert.match(r.text, /data-reason="own_proposal"/);
  assert.equal(comp(), 'approved\npending\npending');
  await act(m, ref, 'approve', { comp_id: own, decision: 'reject' });

  // the employee's proposal: the manager approves it
  await act(m, ref, 'approve', { comp_id: pending });
  assert.equal(comp(), 'approved\napproved\nrejected');
  assert.equal(sql(`SELECT u.login FROM complaint_compensations p JOIN users u ON u.id = p.approved_by
    WHERE p.id = ${pending}`), 'manager');
  await act(c, ref, 'step', { to: 'carried_out' });
});

test('hand-over keeps the first responder; the panel, lists and ledger answer', async () => {
  const c = await loggedIn('employee');
  const ref = await intake(c);
  const mgr = sql("SELECT id FROM users WHERE login = 'manager'");
  await act(c, ref, 'handover', { to_user: mgr, note: '转交负责人' });
  const page = await c.get(`/complaints/${ref}`);
  assert.match(page.text, /id="case-first">柜员张丽/);
  assert.match(page.text, /id="case-owner">网点负责人李强/);
  await act(c, ref, 'reply', { channel: 'phone', text: 'x' }, 403);  // no longer the owner
  const e2 = sql("SELECT id FROM users WHERE login = 'employee2'");
  const m = await loggedIn('manager');
  await act(m, ref, 'handover', { to_user: e2 }, 400);  // BR02 is outside BR01's scope
  const dash = await c.get('/');
  assert.match(dash.text, /id="cp-open">\d+</);
  for (const p of ['/complaints/', '/complaints/?tab=overdue', '/complaints/?tab=dept&step=open&severity=serious&abnormal=1&page=2',
    '/complaints/ledger', '/complaints/ledger?from=2020-01-01&to=2030-12-31']) {
    assert.equal((await c.get(p)).status, 200, p);
  }
  const led = await m.get('/complaints/ledger?from=2020-01-01&to=2030-12-31');
  assert.match(led.text, /id="ledger-reply-rate">[\d.]+</);
  const au = await loggedIn('auditor');
  assert.equal((await au.get(`/complaints/${ref}`)).status, 200);
  assert.equal((await au.post(`/complaints/${ref}/reply`, { channel: 'phone', text: 'x' })).status, 403);
});

test('concurrent intake: unique, gap-free references', async () => {
  const clients = await Promise.all(['employee', 'employee2', 'manager', 'employee'].map(loggedIn));
  const refs = await Promise.all(Array.from({ length: 24 }, (_, i) => intake(clients[i % 4])));
  const nums = refs.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
  assert.equal(new Set(refs).size, refs.length, 'unique');
  assert.equal(nums[nums.length - 1] - nums[0] + 1, refs.length, 'no gaps');
  const year = refs[0].split('-')[1];
  assert.equal(sql(`SELECT last_no FROM complaint_counters WHERE year = ${year}`), String(nums[nums.length - 1]));
});
