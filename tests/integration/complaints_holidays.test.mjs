// complaints_holidays.test.mjs -- the working clock's holiday calendar
// (/complaints/holidays): admins add, change and delete days, every
// change audited with before and after; bad input is refused with nothing
// stored; managers read only, other roles are refused.  Then, with the
// working-hours clock switched on (config + SIGHUP, restored afterwards):
// a holiday added on the page moves the due times of new cases, and a
// pause moves the due times by the working time it covered only.
//
// Working-clock times are made independent of when the test runs: every
// local day around today is made a working day (make-up rows) except
// today, which is a holiday.  So a case taken in today starts counting
// tomorrow at 09:00 local, and its due times fall at 17:00 local.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { loggedIn, sql, masterPid, workerPids, sleep, INST } from '../lib/http.mjs';

const YEAR = 2099;   // far from any case's due time
const holidayRows = () => sql(`SELECT CONCAT_WS('|', day, kind, IFNULL(name, ''))
  FROM complaint_holidays WHERE YEAR(day) = ${YEAR} ORDER BY day`);
// this run's audit rows for a day, oldest first (the log is append-only:
// a run again on the same database finds the last run's rows too)
const AUDIT_FROM = sql('SELECT COALESCE(MAX(id), 0) FROM audit_log');
const audit = (day) => {
  const out = sql(`SELECT CONCAT_WS('|', action, IFNULL(before_value, ''), IFNULL(after_value, ''), user_login)
    FROM audit_log WHERE object_type = 'holiday' AND object_id = '${day}' AND id > ${AUDIT_FROM} ORDER BY id`);
  return out ? out.split('\n') : [];
};

// a run again on the same database starts from an empty year
before(() => sql(`DELETE FROM complaint_holidays WHERE YEAR(day) = ${YEAR}`));

async function admin() {
  const c = await loggedIn('admin');
  await c.get(`/complaints/holidays?year=${YEAR}`);
  return c;
}

test('admin adds, changes and deletes a day; each change audited with before and after', async () => {
  const c = await admin();
  let page = await c.get(`/complaints/holidays?year=${YEAR}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="holiday-add-form"/);
  assert.match(page.text, /id="holiday-empty"/);

  let r = await c.post('/complaints/holidays', { day: `${YEAR}-10-01`, kind: 'holiday', name: ' 国庆节 ' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/complaints/holidays?year=${YEAR}`);
  assert.equal(holidayRows(), `${YEAR}-10-01|holiday|国庆节`);
  assert.deepEqual(audit(`${YEAR}-10-01`), ['complaint.holiday.add||kind=holiday; name=国庆节|admin']);
  page = await c.get(r.location);
  assert.match(page.text, /<p class="flash" role="status">日历已保存。<\/p>/);
  assert.match(page.text, new RegExp(`<tr data-day="${YEAR}-10-01" data-kind="holiday">\\s*<td>${YEAR}-10-01</td>\\s*<td>星期四</td>`));

  // the same day again changes it (a make-up working day on a Saturday)
  r = await c.post('/complaints/holidays', { day: `${YEAR}-10-03`, kind: 'workday', name: '调休' });
  assert.equal(r.status, 303);
  r = await c.post('/complaints/holidays', { day: `${YEAR}-10-03`, kind: 'holiday', name: '国庆节' });
  assert.equal(r.status, 303);
  assert.equal(holidayRows(), `${YEAR}-10-01|holiday|国庆节\n${YEAR}-10-03|holiday|国庆节`);
  assert.deepEqual(audit(`${YEAR}-10-03`), ['complaint.holiday.add||kind=workday; name=调休|admin',
    'complaint.holiday.change|kind=workday; name=调休|kind=holiday; name=国庆节|admin']);
  // nothing changed: nothing recorded
  assert.equal((await c.post('/complaints/holidays', { day: `${YEAR}-10-03`, kind: 'holiday', name: '国庆节' })).status, 303);
  assert.equal(audit(`${YEAR}-10-03`).length, 2);
  // a name may be left empty
  assert.equal((await c.post('/complaints/holidays', { day: `${YEAR}-10-03`, kind: 'holiday', name: '' })).status, 303);
  assert.equal(sql(`SELECT name IS NULL FROM complaint_holidays WHERE day = '${YEAR}-10-03'`), '1');

  r = await c.post('/complaints/holidays/delete', { day: `${YEAR}-10-03` });
  assert.equal(r.status, 303);
  assert.equal(holidayRows(), `${YEAR}-10-01|holiday|国庆节`);
  assert.equal(audit(`${YEAR}-10-03`).at(-1), 'complaint.holiday.delete|kind=holiday; name=||admin');
  r = await c.post('/complaints/holidays/delete', { day: `${YEAR}-10-03` });
  assert.equal(r.status, 404);
  assert.match(r.text, /data-reason="unknown"/);

  r = await c.post('/complaints/holidays/delete', { day: `${YEAR}-10-01` });
  assert.equal(r.status, 303);
  assert.equal(holidayRows(), '');
});

test('bad input: 400 with the reason, nothing stored, nothing audited', async () => {
  const c = await admin();
  const auditCount = () => sql("SELECT COUNT(*) FROM audit_log WHERE object_type = 'holiday'");
  const n = auditCount();
  const refuse = async (path, form, reason) => {
    const r = await c.post(path, form);
    assert.equal(r.status, 400, `${JSON.stringify(form)}: ${r.status}`);
    assert.match(r.text, new RegExp(`id="holiday-error" data-reason="${reason}"`), JSON.stringify(form));
  };
  for (const day of [`${YEAR}-02-29`, `${YEAR}-04-31`, `${YEAR}-13-01`, `${YEAR}-00-10`, '1999-12-31', '2101-01-01',
    `${YEAR}-1-1`, `${YEAR}/10/01`, '', `${YEAR}-10-01'--`, 'x'.repeat(5000)])
    await refuse('/complaints/holidays', { day, kind: 'holiday', name: 'x' }, 'day');
  await refuse('/complaints/holidays', { kind: 'holiday' }, 'day');
  await refuse('/complaints/holidays', { day: `${YEAR}-05-01`, kind: 'vacation' }, 'kind');
  await refuse('/complaints/holidays', { day: `${YEAR}-05-01` }, 'kind');
  await refuse('/complaints/holidays', { day: `${YEAR}-05-01`, kind: 'holiday', name: '节'.repeat(65) }, 'name');
  await refuse('/complaints/holidays', { day: `${YEAR}-05-01`, kind: 'holiday', name: '劳动\n节' }, 'name');
  await refuse('/complaints/holidays/delete', { day: `${YEAR}-02-30` }, 'day');
  assert.equal(holidayRows(), '');
  assert.equal(auditCount(), n);
  // 64 characters are fine
  assert.equal((await c.post('/complaints/holidays', { day: `${YEAR}-05-01`, kind: 'holiday', name: '节'.repeat(64) })).status, 303);
  assert.equal(sql(`SELECT CHAR_LENGTH(name) FROM complaint_holidays WHERE day = '${YEAR}-05-01'`), '64');
  assert.equal((await c.post('/complaints/holidays/delete', { day: `${YEAR}-05-01` })).status, 303);

  for (const year of ['1999', '2101', 'abc', '']) {
    const r = await c.get(`/complaints/holidays?year=${year}`);
    assert.equal(r.status, 400, year);
    assert.match(r.text, /data-reason="year"/);
  }
  // without the form's token
  const r = await c.post('/complaints/holidays', { csrf: '', day: `${YEAR}-05-01`, kind: 'holiday' });
  assert.equal(r.status, 403);
  assert.equal(holidayRows(), '');
});

test('managers read the calendar only; employees and auditors are refused', async () => {
  const adm = await admin();
  assert.equal((await adm.post('/complaints/holidays', { day: `${YEAR}-01-01`, kind: 'holiday', name: '元旦' })).status, 303);
  // the admin reaches it from the navigation
  assert.match((await adm.get('/')).text, /<a href="\/complaints\/holidays" data-plugin="complaints">/);

  const m = await loggedIn('manager');
  assert.match((await m.get('/complaints/')).text, /id="holidays-link"/);
  const page = await m.get(`/complaints/holidays?year=${YEAR}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`data-day="${YEAR}-01-01" data-kind="holiday"`));
  assert.match(page.text, /元旦/);
  assert.doesNotMatch(page.text, /id="holiday-add-form"|data-op="(change|delete)"/);
  assert.equal((await m.post('/complaints/holidays', { day: `${YEAR}-02-01`, kind: 'holiday' })).status, 403);
  assert.equal((await m.post('/complaints/holidays/delete', { day: `${YEAR}-01-01` })).status, 403);

  for (const login of ['employee', 'auditor']) {
    const c = await loggedIn(login);
    assert.equal((await c.get('/complaints/holidays')).status, 403, login);
    assert.equal((await c.post('/complaints/holidays', { day: `${YEAR}-02-01`, kind: 'holiday' })).status, 403, login);
    assert.doesNotMatch((await c.get('/complaints/')).text, /id="holidays-link"/);
  }
  assert.equal(holidayRows(), `${YEAR}-01-01|holiday|元旦`);
  assert.equal((await adm.post('/complaints/holidays/delete', { day: `${YEAR}-01-01` })).status, 303);
});

// ---- the working-hours clock ----

async function waitFor(cond, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(100);
  }
  return false;
}

// SIGHUP and wait until every worker is of the new generation
async function reload() {
  const old = workerPids();
  process.kill(masterPid(), 'SIGHUP');
  assert.ok(await waitFor(() => {
    const now = workerPids();
    return now.length === old.length && now.every((p) => !old.includes(p));
  }), 'a new generation of workers');
}

const INTAKE = {
  customer_no: 'C000001', severity: 'general', cause: 'price', channel: 'phone',
  behaviour: 'grumbling', purpose: 'suggestion', description: '工作日计时测试。',
};
// local (UTC+8) day n days from today, and its local midnight in UTC
const TODAY = 'DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)';
const localDay = (n) => sql(`SELECT ${TODAY} + INTERVAL ${n} DAY`);
const midnightUtc = (n) => `(${TODAY} + INTERVAL ${n} DAY - INTERVAL 8 HOUR)`;
const col = (ref, expr) => sql(`SELECT ${expr} FROM complaints WHERE reference = '${ref}'`);

async function intake(c) {
  await c.get('/complaints/new');
  const r = await c.post('/complaints/new', INTAKE);
  assert.equal(r.status, 303, r.text.slice(0, 200));
  return r.location.split('/').pop();
}

async function act(c, ref, what, form) {
  await c.get(`/complaints/${ref}`);
  const r = await c.post(`/complaints/${ref}/${what}`, form);
  assert.equal(r.status, 303, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
}

describe('with the working-hours clock', () => {
  const conf = `${INST}/kefu.hdf`;
  let original;

  before(async () => {
    original = readFileSync(conf, 'utf8');
    writeFileSync(conf, `${original}\nPlugins.complaints.Clock = working\n`);
    await reload();
    sql(`INSERT INTO complaint_holidays (day, kind, name)
      WITH RECURSIVE n(i) AS (SELECT -3 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
      SELECT ${TODAY} + INTERVAL i DAY, IF(i = 0, 'holiday', 'workday'), 'test' FROM n`);
  });

  after(async () => {
    sql(`DELETE FROM complaint_holidays WHERE day BETWEEN ${TODAY} - INTERVAL 3 DAY AND ${TODAY} + INTERVAL 40 DAY`);
    writeFileSync(conf, original);
    await reload();
  });

  test('the page says the calendar is in force; a holiday added there moves new due times', async () => {
    const adm = await admin();
    assert.match((await adm.get('/complaints/holidays')).text, /data-clock="working"/);
    const e = await loggedIn('employee');
    const a = await intake(e);
    // today is a holiday: one working day is tomorrow 09:00-17:00 local
    assert.equal(col(a, 'first_contact_due + INTERVAL 8 HOUR'), `${localDay(1)} 17:00:00`);
    assert.equal(col(a, 'resolution_due + INTERVAL 8 HOUR'), `${localDay(5)} 17:00:00`);

    const r = await adm.post('/complaints/holidays', { day: localDay(1), kind: 'holiday', name: '临时假日' });
    assert.equal(r.status, 303);
    assert.equal(audit(localDay(1)).at(-1), 'complaint.holiday.change|kind=workday; name=test|kind=holiday; name=临时假日|admin');
    const b = await intake(e);
    assert.equal(col(b, 'first_contact_due + INTERVAL 8 HOUR'), `${localDay(2)} 17:00:00`);
    assert.equal(col(b, 'resolution_due + INTERVAL 8 HOUR'), `${localDay(6)} 17:00:00`);
    // due times already set stay
    assert.equal(col(a, 'resolution_due + INTERVAL 8 HOUR'), `${localDay(5)} 17:00:00`);
    sql(`UPDATE complaint_holidays SET kind = 'workday', name = 'test' WHERE day = '${localDay(1)}'`);
  });

  test('a pause moves the due times by the working time it covered only', async () => {
    const e = await loggedIn('employee');
    const ref = await intake(e);
    const fc0 = Number(col(ref, 'UNIX_TIMESTAMP(first_contact_due)'));
    const res0 = Number(col(ref, 'UNIX_TIMESTAMP(resolution_due)'));

    // paused since local midnight: all of it on today's holiday
    await act(e, ref, 'pause', { reason: '等待客户回电' });
    sql(`UPDATE complaints SET paused_at = ${midnightUtc(0)} WHERE reference = '${ref}'`);
    let page = await e.get(`/complaints/${ref}`);
    assert.match(page.text, /累计暂停工作时长/);
    assert.match(page.text, /id="case-paused-total" data-minutes="0">0:00/);
    await act(e, ref, 'resume', {});
    assert.equal(col(ref, 'paused_seconds'), '0');
    assert.equal(Number(col(ref, 'UNIX_TIMESTAMP(first_contact_due)')), fc0);
    assert.equal(Number(col(ref, 'UNIX_TIMESTAMP(resolution_due)')), res0);

    // paused since the day before yesterday's midnight: two working days
    await act(e, ref, 'pause', { reason: '等待客户提供凭证' });
    sql(`UPDATE complaints SET paused_at = ${midnightUtc(-2)} WHERE reference = '${ref}'`);
    page = await e.get(`/complaints/${ref}`);
    assert.match(page.text, /id="case-paused-total" data-minutes="960">16:00/);
    await act(e, ref, 'resume', { note: '凭证已收到' });
    assert.equal(col(ref, 'paused_seconds'), String(16 * 3600));
    // 16 working hours after 17:00 is 17:00 two working days later
    assert.equal(Number(col(ref, 'UNIX_TIMESTAMP(first_contact_due)')) - fc0, 2 * 86400);
    assert.equal(Number(col(ref, 'UNIX_TIMESTAMP(resolution_due)')) - res0, 2 * 86400);
    page = await e.get(`/complaints/${ref}`);
    assert.match(page.text, /id="case-paused-total" data-minutes="960">16:00/);
    assert.match(sql(`SELECT after_value FROM audit_log WHERE object_id = '${ref}' AND action = 'complaint.resume'
      ORDER BY id DESC LIMIT 1`), /^paused=0; paused_seconds\+=57600 \(working\); /);

    // closing while paused counts the pause the same way
    await act(e, ref, 'pause', { reason: '客户出差' });
    sql(`UPDATE complaints SET paused_at = ${midnightUtc(-1)} WHERE reference = '${ref}'`);
    const m = await loggedIn('manager');
    await act(m, ref, 'merge', { target: await intake(e) });
    assert.equal(col(ref, 'paused_seconds'), String(24 * 3600));
    assert.equal(col(ref, 'paused_at IS NULL'), '1');
  });
});
