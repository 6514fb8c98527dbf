// complaints_search.test.mjs -- the list search: reference, customer
// number and phone exactly, a name from its start; inside the user's
// scope and the tab, combined with the filters; nothing found is an
// empty list, not a slow one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn, sql } from '../lib/http.mjs';

const refsOf = (html) => [...html.matchAll(/<tr data-ref="([^"]+)"/g)].map((x) => x[1]);

// the newest 50 cases of customer id cid inside path, as the list orders them
const expected = (cid, path, extra = '') => {
  const out = sql(`SELECT reference FROM complaints WHERE customer_id = ${cid}
    AND dept_path LIKE '${path}%' ${extra} ORDER BY received_at DESC, id DESC LIMIT 50`);
  return out ? out.split('\n') : [];
};

test('search by customer number, phone and name start, inside the scope', async () => {
  const m = await loggedIn('manager');
  const path = sql(`SELECT d.path FROM users u JOIN departments d ON d.id = u.dept_id WHERE u.login = 'manager'`);
  const [cid, no, phone, name] = sql(`SELECT cu.id, cu.customer_no, cu.phone, cu.name FROM customers cu
    JOIN complaints c ON c.customer_id = cu.id WHERE c.dept_path LIKE '${path}%' AND cu.phone IS NOT NULL
    GROUP BY cu.id ORDER BY COUNT(*) DESC, cu.id LIMIT 1`).split('\t');
  const want = expected(cid, path);
  assert.ok(want.length > 0);
  for (const q of [no, phone]) {
    const r = await m.get(`/complaints/?tab=dept&q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200);
    assert.deepEqual(refsOf(r.text), want, q);
  }
  // a name start finds this customer's cases among those of every customer so named
  const byName = refsOf((await m.get(`/complaints/?tab=dept&q=${encodeURIComponent(name)}`)).text);
  for (const ref of want.slice(0, Math.min(want.length, 5))) assert.ok(byName.includes(ref), ref);
  // with a filter: only the matching cases
  const sev = sql(`SELECT severity FROM complaints WHERE reference = '${want[0]}'`);
  const filtered = await m.get(`/complaints/?tab=dept&severity=${sev}&q=${encodeURIComponent(no)}`);
  assert.deepEqual(refsOf(filtered.text), expected(cid, path, `AND severity = '${sev}'`));
  // nothing found
  const none = await m.get('/complaints/?tab=dept&q=NO-SUCH-CUSTOMER-X');
  assert.equal(none.status, 200);
  assert.match(none.text, /id="list-empty"/);
});

test('search never reaches outside the scope or the tab', async () => {
  const e2 = await loggedIn('employee2');
  const br01 = sql(`SELECT path FROM departments WHERE code = 'BR01'`);
  const [cid, no] = sql(`SELECT cu.id, cu.customer_no FROM customers cu JOIN complaints c ON c.customer_id = cu.id
    WHERE c.dept_path LIKE '${br01}%' GROUP BY cu.id ORDER BY cu.id LIMIT 1`).split('\t');
  const theirs = new Set(expected(cid, br01));
  for (const tab of ['mine', 'dept', 'overdue']) {
    const r = await e2.get(`/complaints/?tab=${tab}&q=${encodeURIComponent(no)}`);
    assert.equal(r.status, 200);
    for (const ref of refsOf(r.text)) assert.ok(!theirs.has(ref), `${tab}: ${ref} is BR01's`);
  }
  // the mine tab searches the user's own cases only
  const emp = await loggedIn('employee');
  const own = refsOf((await emp.get(`/complaints/?tab=mine&q=${encodeURIComponent(no)}`)).text);
  const owner = sql(`SELECT id FROM users WHERE login = 'employee'`);
  for (const ref of own)
    assert.equal(sql(`SELECT owner_id FROM complaints WHERE reference = '${ref}'`), owner, ref);
});

test('pages beyond the 2,000th are refused politely, not scanned', async () => {
  const m = await loggedIn('manager');
  const r = await m.get('/complaints/?tab=dept&page=999999');
  assert.equal(r.status, 200);
  assert.match(r.text, /id="page-capped"/);
  assert.doesNotMatch(r.text, /page=2001/);
  assert.doesNotMatch((await m.get('/complaints/?tab=dept&page=2')).text, /id="page-capped"/);
});

test('each filter lists exactly the newest matching cases of the subtree', async () => {
  const m = await loggedIn('manager');
  const path = sql(`SELECT d.path FROM users u JOIN departments d ON d.id = u.dept_id WHERE u.login = 'manager'`);
  for (const [query, where, offset = 0] of [
    ['abnormal=1', 'abnormal = 1'],
    ['step=cause_analysed', "step = 'cause_analysed'"],
    ['channel=email', "channel = 'email'"],
    ['cause=price&severity=serious', "cause = 'price' AND severity = 'serious'"],
    ['step=open', "step <> 'closed'"],
    // a category filter reads the categories' indexes (and a rare value's)
    ['cause=service&abnormal=1', "cause = 'service' AND abnormal = 1"],
    ['channel=phone&step=open', "channel = 'phone' AND step <> 'closed'"],
    ['cause=service&channel=phone&severity=general&abnormal=0&step=closed',
      "cause = 'service' AND channel = 'phone' AND severity = 'general' AND abnormal = 0 AND step = 'closed'"],
    ['cause=service&page=2', "cause = 'service'", 50],
    ['abnormal=0&page=3', 'abnormal = 0', 100],
  ]) {
    const r = await m.get(`/complaints/?tab=dept&${query}`);
    assert.equal(r.status, 200);
    const want = sql(`SELECT reference FROM complaints WHERE dept_path LIKE '${path}%' AND ${where}
      ORDER BY received_at DESC, id DESC LIMIT 50 OFFSET ${offset}`);
    assert.deepEqual(refsOf(r.text), want ? want.split('\n') : [], query);
  }
});

test('the mine and overdue tabs apply the filters as the department tab does', async () => {
  for (const [login, query, where] of [
    ['employee', 'tab=mine&severity=serious', "owner_id = (SELECT id FROM users WHERE login = 'employee') AND severity = 'serious'"],
    ['employee', 'tab=mine&step=open&channel=phone', "owner_id = (SELECT id FROM users WHERE login = 'employee') AND step <> 'closed' AND channel = 'phone'"],
    ['manager', 'tab=overdue&cause=service', "step <> 'closed' AND paused_at IS NULL AND (resolution_due < UTC_TIMESTAMP() "
      + "OR (first_contact_at IS NULL AND first_contact_due < UTC_TIMESTAMP())) AND cause = 'service'"],
  ]) {
    const u = await loggedIn(login);
    const path = sql(`SELECT d.path FROM users u JOIN departments d ON d.id = u.dept_id WHERE u.login = '${login}'`);
    const r = await u.get(`/complaints/?${query}`);
    assert.equal(r.status, 200);
    const want = sql(`SELECT reference FROM complaints WHERE dept_path LIKE '${path}%' AND ${where}
      ORDER BY received_at DESC, id DESC LIMIT 50`);
    assert.ok(want, `${query}: the demo data has such cases`);
    assert.deepEqual(refsOf(r.text), want.split('\n'), query);
  }
});
