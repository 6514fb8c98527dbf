// complaints_summaries.test.mjs -- complaint_scope and complaint_daily,
// kept by triggers, agree with the cases themselves after everything
// the other tests did (intake, hand-over, replies, merges), and after a
// department with cases moves under another parent
// (sql/complaints/012_dept_move.sql).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn, sql, sqlSession, sleep, PASSWORD } from '../lib/http.mjs';

const SFX = Date.now().toString(36).slice(-5);
const code = (c) => `MV${c}${SFX}`.toUpperCase();

function scopeConsistent() {
  const expected = sql(`SELECT COUNT(*) FROM complaints c JOIN departments d
    ON c.dept_path LIKE CONCAT(d.path, '%')`);
  assert.equal(sql('SELECT COUNT(*) FROM complaint_scope'), expected);
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_scope s JOIN complaints c ON c.id = s.complaint_id
    JOIN customers cu ON cu.id = c.customer_id JOIN users o ON o.id = c.owner_id
    WHERE s.received_at <> c.received_at OR s.step <> c.step OR s.severity <> c.severity
      OR s.cause <> c.cause OR s.channel <> c.channel OR s.abnormal <> c.abnormal
      OR s.reference <> c.reference OR NOT (s.resolution_due <=> c.resolution_due)
      OR NOT (s.first_contact_due <=> c.first_contact_due)
      OR NOT (s.first_contact_at <=> c.first_contact_at) OR NOT (s.paused_at <=> c.paused_at)
      OR s.owner_id <> c.owner_id OR s.customer_id <> c.customer_id
      OR s.customer_name <> cu.name OR NOT (s.customer_phone <=> cu.phone)
      OR s.owner_name <> o.display_name`), '0');
  // and each row names a department above its case: none left behind by a move
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_scope s JOIN complaints c ON c.id = s.complaint_id
    JOIN departments d ON d.id = s.dept_id WHERE c.dept_path NOT LIKE CONCAT(d.path, '%')`), '0');
}

// complaint_daily rows are stripes (sql/complaints/013_daily_stripes.sql):
// only their sums per department, day and cause mean anything
const DAILY_SUMS = `(SELECT dept_id, day, cause, SUM(received) AS received, SUM(replied) AS replied
    FROM complaint_daily GROUP BY dept_id, day, cause)`;

function dailyConsistent() {
  const diff = sql(`SELECT COUNT(*) FROM (
      SELECT d.id, DATE(c.received_at) AS day, c.cause, COUNT(*) AS n, SUM(c.reply_count > 0) AS r
      FROM complaints c JOIN departments d ON c.dept_path LIKE CONCAT(d.path, '%')
      GROUP BY d.id, DATE(c.received_at), c.cause) x
    LEFT JOIN ${DAILY_SUMS} y ON y.dept_id = x.id AND y.day = x.day AND y.cause = x.cause
    WHERE y.received IS NULL OR y.received <> x.n OR y.replied <> x.r`);
  assert.equal(diff, '0');
  assert.equal(sql(`SELECT COUNT(*) FROM ${DAILY_SUMS} y
    WHERE received < 0 OR replied < 0 OR replied > received`), '0');
  // counts left over where no case is any more must have gone to zero
  assert.equal(sql(`SELECT COUNT(*) FROM ${DAILY_SUMS} y WHERE y.received > 0 AND NOT EXISTS (
      SELECT 1 FROM complaints c JOIN departments d ON d.id = y.dept_id
      WHERE c.dept_path LIKE CONCAT(d.path, '%') AND DATE(c.received_at) = y.day AND c.cause = y.cause)`), '0');
}

const INTAKE = {
  customer_no: 'C000002', severity: 'general', cause: 'service', channel: 'onsite',
  behaviour: 'grumbling', purpose: 'criticism', description: '网点搬迁后客户找不到办理窗口。',
};

async function intake(c) {
  await c.get('/complaints/new');
  const r = await c.post('/complaints/new', INTAKE);
  assert.equal(r.status, 303, r.text.slice(0, 200));
  return r.location.split('/').pop();
}

const deptList = async (c) => (await c.get('/complaints/?tab=dept')).text;

test('a department moved under another parent takes its cases along', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/departments');
  // old parent A and new parent B, the moved branch C with a sub-branch D
  const [A, B, C, D] = ['A', 'B', 'C', 'D'].map(code);
  for (const [c, parent] of [[A, 'HQ'], [B, 'HQ'], [C, A], [D, C]])
    assert.equal((await adm.post('/admin/departments', { op: 'add', code: c, name_zh: c, name_en: c, parent })).status, 303);
  await adm.get('/admin/users');
  const users = { [`mva${SFX}`]: [A, 'manager'], [`mvb${SFX}`]: [B, 'manager'],
    [`mvc${SFX}`]: [C, 'employee'], [`mvd${SFX}`]: [D, 'employee'] };
  for (const [login, [dept, role]] of Object.entries(users))
    assert.equal((await adm.post('/admin/users', { op: 'add', login, name: login, dept, role, password: PASSWORD })).status, 303);
  const [ma, mb, ec, ed] = await Promise.all(Object.keys(users).map(loggedIn));

  const refs = [await intake(ec), await intake(ec), await intake(ed)];
  await ec.get(`/complaints/${refs[0]}`);
  assert.equal((await ec.post(`/complaints/${refs[0]}/reply`, { channel: 'phone', text: '已回电。' })).status, 303);
  let la = await deptList(ma), lb = await deptList(mb);
  for (const ref of refs) {
    assert.ok(la.includes(`data-ref="${ref}"`), `old parent lists ${ref} before the move`);
    assert.ok(!lb.includes(`data-ref="${ref}"`), `new parent does not list ${ref} before the move`);
  }
  const id = (c) => sql(`SELECT id FROM departments WHERE code = '${c}'`);
  const daily = (c) => sql(`SELECT COALESCE(SUM(received), 0), COALESCE(SUM(replied), 0)
    FROM complaint_daily WHERE dept_id = ${id(c)}`);
  assert.equal(daily(A), '3\t1');
  assert.equal(daily(B), '0\t0');

  const r = await adm.post('/admin/departments', { op: 'move', code: C, parent: B });
  assert.equal(r.status, 303);
  const [aid, bid, cid, did] = [A, B, C, D].map(id);
  assert.equal(sql(`SELECT GROUP_CONCAT(DISTINCT dept_path ORDER BY dept_path) FROM complaints
    WHERE reference IN ('${refs.join("','")}')`), `/1/${bid}/${cid}/,/1/${bid}/${cid}/${did}/`);

  la = await deptList(ma);
  lb = await deptList(mb);
  for (const ref of refs) {
    assert.ok(lb.includes(`data-ref="${ref}"`), `new parent's manager lists ${ref}`);
    assert.ok(!la.includes(`data-ref="${ref}"`), `old parent's manager no longer lists ${ref}`);
    assert.equal((await ma.get(`/complaints/${ref}`)).status, 404);
    assert.equal((await mb.get(`/complaints/${ref}`)).status, 200);
  }
  // the moved branch's own staff still see their cases
  assert.ok((await deptList(ec)).includes(`data-ref="${refs[2]}"`));
  assert.equal(daily(A), '0\t0');
  assert.equal(daily(B), '3\t1');
  assert.equal(daily(C), '3\t1');
  assert.equal(daily(D), '1\t0');
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_scope WHERE dept_id = ${aid}`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_scope WHERE dept_id = ${bid}`), '3');
  scopeConsistent();
  dailyConsistent();

  // and back again, the sub-branch alone this time
  assert.equal((await adm.post('/admin/departments', { op: 'move', code: D, parent: A })).status, 303);
  assert.equal(daily(A), '1\t0');
  assert.equal(daily(B), '2\t1');
  assert.ok((await deptList(ma)).includes(`data-ref="${refs[2]}"`));
  scopeConsistent();
  dailyConsistent();
});

test('complaint_scope has one row per case and department above it', () => {
  scopeConsistent();
});

test('complaint_daily sums match the cases per department, day and cause', () => {
  dailyConsistent();
});

test('a customer renamed outside the portal shows renamed in the department list', async () => {
  const m = await loggedIn('manager');
  const id = sql(`SELECT c.customer_id FROM complaints c JOIN users u ON u.login = 'manager'
    JOIN departments d ON d.id = u.dept_id WHERE c.dept_path LIKE CONCAT(d.path, '%')
    ORDER BY c.received_at DESC, c.id DESC LIMIT 1`);
  const name = sql(`SELECT name FROM customers WHERE id = ${id}`);
  const renamed = `改名${SFX}`;
  sql(`UPDATE customers SET name = '${renamed}' WHERE id = ${id}`);
  try {
    const list = await m.get('/complaints/?tab=dept');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(renamed));
    scopeConsistent();
  } finally {
    sql(`UPDATE customers SET name = '${name}' WHERE id = ${id}`);
  }
  assert.ok(!(await m.get('/complaints/?tab=dept')).text.includes(renamed));
});

test('an owner renamed outside the portal shows renamed in the department list', async () => {
  const m = await loggedIn('manager');
  const [ref, id] = sql(`SELECT c.reference, c.owner_id FROM complaints c JOIN users u ON u.login = 'manager'
    JOIN departments d ON d.id = u.dept_id WHERE c.dept_path LIKE CONCAT(d.path, '%')
    ORDER BY c.received_at DESC, c.id DESC LIMIT 1`).split('\t');
  const name = sql(`SELECT display_name FROM users WHERE id = ${id}`);
  const renamed = `改名${SFX}`;
  // the case's own row, not the page: the owner may be the manager, named in the header
  const row = async () => {
    const list = await m.get('/complaints/?tab=dept');
    assert.equal(list.status, 200);
    const at = list.text.indexOf(`data-ref="${ref}"`);
    assert.ok(at > 0, `${ref} is listed`);
    return list.text.slice(at, list.text.indexOf('</tr>', at));
  };
  assert.ok((await row()).includes(name));
  sql(`UPDATE users SET display_name = '${renamed}' WHERE id = ${id}`);
  try {
    assert.ok((await row()).includes(renamed));
    scopeConsistent();
  } finally {
    sql(`UPDATE users SET display_name = '${name}' WHERE id = ${id}`);
  }
  assert.ok((await row()).includes(name));
  scopeConsistent();
});

test('an owner acting on a case while being renamed waits for the rename, holding no lock on the case', async () => {
  // The rename locks the user's row, then (018's trigger) their cases' scope
  // rows; an action must queue on the user's row before it locks the case,
  // not lock the case and its scope rows first and the user's row at its
  // timeline event -- the two orders deadlocked.
  const e = await loggedIn('employee');
  await e.get('/complaints/new');
  const r = await e.post('/complaints/new', { ...INTAKE, description: '改名期间的回复' });
  assert.equal(r.status, 303);
  const ref = r.location.split('/').pop();
  await e.get(`/complaints/${ref}`);
  const rename = sqlSession();
  let reply;
  try {
    await rename.run(`BEGIN; UPDATE users SET display_name = '改名${SFX}' WHERE login = 'employee'`);
    reply = e.post(`/complaints/${ref}/reply`, { channel: 'phone', text: '已电话回复客户' });
    // InnoDB refreshes INNODB_TRX only when it has not been read for 0.1 s
    for (let i = 0; sql(`SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'`) === '0'; i++) {
      assert.ok(i < 50, 'the reply waits for the rename');
      await sleep(200);
    }
    // the case itself is free: the reply has not locked it yet
    assert.equal(sql(`SELECT reference FROM complaints WHERE reference = '${ref}' FOR UPDATE NOWAIT`), ref);
  } finally {
    await rename.run('ROLLBACK');
    await rename.end();
  }
  assert.equal((await reply).status, 303);
  assert.equal(sql(`SELECT reply_count FROM complaints WHERE reference = '${ref}'`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE display_name = '改名${SFX}'`), '0');
  scopeConsistent();
});

test('renaming a customer reads that customer\'s scope rows, not the whole table', () => {
  // the rows the rename's statement and its trigger read, from one session's
  // handler counters: the customer's cases and their scope rows by index, far
  // fewer than complaint_scope holds (a scan read, and locked, all of them)
  const [id, cases] = sql(`SELECT customer_id, COUNT(*) FROM complaints
    GROUP BY customer_id ORDER BY COUNT(*) DESC, customer_id LIMIT 1`).split('\t');
  const total = Number(sql('SELECT COUNT(*) FROM complaint_scope'));
  const read = (q) => {
    const out = sql(`FLUSH STATUS; ${q}; SELECT SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS
      WHERE VARIABLE_NAME IN ('HANDLER_READ_NEXT', 'HANDLER_READ_RND_NEXT', 'HANDLER_READ_KEY',
      'HANDLER_READ_FIRST', 'HANDLER_READ_PREV')`).split('\n');
    return Number(out[out.length - 1]);
  };
  const name = sql(`SELECT name FROM customers WHERE id = ${id}`);
  const rows = read(`START TRANSACTION; UPDATE customers SET name = '改名${SFX}' WHERE id = ${id}; ROLLBACK`);
  assert.equal(sql(`SELECT name FROM customers WHERE id = ${id}`), name);
  assert.ok(total > 10 * Number(cases), `the customer has few of the ${total} scope rows`);
  assert.ok(rows < total / 2, `the rename read ${rows} rows of ${total}`);
  assert.ok(rows >= Number(cases), `it read the customer's ${cases} cases`);
});

test('the ledger\'s figures match the cases of the subtree and period', async () => {
  const m = await loggedIn('manager');
  const r = await m.get('/complaints/ledger?from=2000-01-01&to=2099-12-31');
  assert.equal(r.status, 200);
  const row = r.text.match(/<tr id="ledger-total">([^]*?)<\/tr>/)[1];
  const cells = [...row.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((x) => x[1]);
  const path = sql(`SELECT d.path FROM users u JOIN departments d ON d.id = u.dept_id WHERE u.login = 'manager'`);
  const expected = sql(`SELECT CONCAT_WS(',', COUNT(*), SUM(reply_count > 0), SUM(step = 'closed'),
      SUM(step = 'closed' AND closed_at <= resolution_due),
      SUM(step <> 'closed' AND paused_at IS NULL AND resolution_due < UTC_TIMESTAMP()), SUM(abnormal))
    FROM complaints WHERE dept_path LIKE '${path}%'`).split(',');
  // total, replied, (rate), closed, on time, (rate), overdue, abnormal
  assert.deepEqual([cells[1], cells[2], cells[4], cells[5], cells[7], cells[8]], expected);
  // and one row per department of the subtree that has cases, summing to the total
  const depts = [...r.text.match(/<table class="table" id="ledger-summary">([^]*?)<tr id="ledger-total">/)[1]
    .matchAll(/<tr><td>[^<]*<\/td><td>(\d+)<\/td>/g)].map((x) => Number(x[1]));
  assert.equal(depts.reduce((a, b) => a + b, 0), Number(expected[0]));
  assert.equal(depts.length, Number(sql(`SELECT COUNT(DISTINCT dept_id) FROM complaints WHERE dept_path LIKE '${path}%'`)));
});
