// admin.test.mjs -- the administration pages over HTTP: departments,
// users, plugins per department and the audit log (cgi-bin/admin*.c).
// Every change is checked for its audit row.  Codes and logins carry a
// per-run suffix so the tests can run again on the same database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, loggedIn, sql } from '../lib/http.mjs';

const SFX = Date.now().toString(36).slice(-5);
const code = (c) => `${c}${SFX}`.toUpperCase();

// The audit rows for an object, oldest first: "action|before|after".
function audit(objectId) {
  const out = sql(`SELECT CONCAT_WS('|', action, IFNULL(before_value, ''), IFNULL(after_value, ''))
    FROM audit_log WHERE object_id = '${objectId}' ORDER BY id`);
  return out ? out.split('\n') : [];
}

function deptPath(c) { return sql(`SELECT path FROM departments WHERE code = '${c}'`); }

test('admin pages need the admin role; the audit log also opens for auditors', async () => {
  const emp = await loggedIn('employee');
  for (const p of ['/admin/users', '/admin/departments', '/admin/plugins', '/admin/audit'])
    assert.equal((await emp.get(p)).status, 403, p);
  const aud = await loggedIn('auditor');
  assert.equal((await aud.get('/admin/users')).status, 403);
  assert.equal((await aud.get('/admin/audit')).status, 200);
  assert.equal((await aud.post('/admin/departments', { op: 'add', code: 'X', name_zh: 'x',
    name_en: 'x', parent: 'HQ' })).status, 403);
  const adm = await loggedIn('admin');
  for (const p of ['/admin/users', '/admin/departments', '/admin/plugins', '/admin/audit']) {
    const r = await adm.get(p);
    assert.equal(r.status, 200, p);
    assert.match(r.text, /<input type="hidden" name="csrf" value="[0-9a-f]{64}">|id="audit-filter"/);
  }
});

test('add a department: shown in the tree, audited; a duplicate code is refused', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/departments');
  const c = code('T');
  let r = await adm.post('/admin/departments', { op: 'add', code: c, name_zh: '测试部', name_en: 'Test dept',
    parent: 'BR02' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/departments');
  const id = sql(`SELECT id FROM departments WHERE code = '${c}'`);
  assert.equal(deptPath(c), `/1/3/${id}/`);
  r = await adm.get('/admin/departments');
  assert.match(r.text, new RegExp(`<tr data-dept="${c}" data-depth="2"`));
  assert.match(r.text, /已保存/);
  assert.deepEqual(audit(c), [`dept.add||code=${c}; name_zh=测试部; name_en=Test dept; parent=BR02`]);

  r = await adm.post('/admin/departments', { op: 'add', code: c, name_zh: 'x', name_en: 'x', parent: 'HQ' });
  assert.equal(r.status, 409);
  assert.match(r.text, /编号或登录名已存在/);
  r = await adm.post('/admin/departments', { op: 'add', code: 'bad code', name_zh: 'x', name_en: 'x', parent: 'HQ' });
  assert.equal(r.status, 400);
  r = await adm.post('/admin/departments', { op: 'add', code: code('U'), name_zh: '', name_en: 'x', parent: 'HQ' });
  assert.equal(r.status, 400);
  assert.equal(audit(c).length, 1, 'refusals write nothing');
});

test('move: refuses a cycle, rewrites the whole subtree in one go', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/departments');
  const p = code('P'), ch = code('C'), g = code('G');
  for (const [c, parent] of [[p, 'HQ'], [ch, p], [g, ch]])
    assert.equal((await adm.post('/admin/departments', { op: 'add', code: c, name_zh: c, name_en: c, parent })).status, 303);
  const [pid, cid, gid] = [p, ch, g].map((c) => sql(`SELECT id FROM departments WHERE code = '${c}'`));

  for (const target of [p, ch, g]) {
    const r = await adm.post('/admin/departments', { op: 'move', code: p, parent: target });
    assert.equal(r.status, 409, `below ${target}`);
    assert.match(r.text, /不能把部门移动到它自己的下级/);
  }
  assert.equal(deptPath(g), `/1/${pid}/${cid}/${gid}/`);

  const r = await adm.post('/admin/departments', { op: 'move', code: ch, parent: 'BR01-A' });
  assert.equal(r.status, 303);
  assert.equal(deptPath(ch), `/1/2/4/${cid}/`);
  assert.equal(deptPath(g), `/1/2/4/${cid}/${gid}/`);
  assert.equal(sql(`SELECT parent_id FROM departments WHERE code = '${ch}'`), '4');
  assert.deepEqual(audit(ch).slice(-1), [`dept.move|parent=${p}; path=/1/${pid}/${cid}/|parent=BR01-A; path=/1/2/4/${cid}/`]);

  assert.equal((await adm.post('/admin/departments', { op: 'rename', code: g, name_zh: '孙', name_en: 'Grandchild' })).status, 303);
  assert.equal(sql(`SELECT name_en FROM departments WHERE code = '${g}'`), 'Grandchild');
  assert.match(audit(g).at(-1), /^dept\.rename\|name_zh=.*\|name_zh=孙; name_en=Grandchild$/);
});

test('deactivate: refused while active users or sub-departments remain', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/departments');
  let r = await adm.post('/admin/departments', { op: 'deactivate', code: 'BR02' });
  assert.equal(r.status, 409);
  assert.match(r.text, /该部门仍有用户或下级部门，不能停用/);
  assert.equal(sql("SELECT active FROM departments WHERE code = 'BR02'"), '1');

  const top = code('D'), leaf = code('E');
  await adm.post('/admin/departments', { op: 'add', code: top, name_zh: top, name_en: top, parent: 'HQ' });
  await adm.post('/admin/departments', { op: 'add', code: leaf, name_zh: leaf, name_en: leaf, parent: top });
  r = await adm.post('/admin/departments', { op: 'deactivate', code: top });
  assert.equal(r.status, 409, 'an active sub-department remains');
  assert.equal((await adm.post('/admin/departments', { op: 'deactivate', code: leaf })).status, 303);
  assert.equal((await adm.post('/admin/departments', { op: 'deactivate', code: top })).status, 303);
  // an active department never hangs below an inactive one
  r = await adm.post('/admin/departments', { op: 'activate', code: leaf });
  assert.equal(r.status, 409);
  assert.match(r.text, /上级部门已停用/);
  r = await adm.post('/admin/departments', { op: 'add', code: code('F'), name_zh: 'f', name_en: 'f', parent: top });
  assert.equal(r.status, 409);
  assert.equal((await adm.post('/admin/departments', { op: 'activate', code: top })).status, 303);
  assert.deepEqual(audit(top).map((a) => a.split('|')[0]), ['dept.add', 'dept.deactivate', 'dept.activate']);
});

test('add a user, who then logs in; role, department, password, deactivate', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/users');
  const login = `u${SFX}`;
  let r = await adm.post('/admin/users', { op: 'add', login, name: '测试用户', dept: 'BR02',
    role: 'employee', password: 'first-pass-1' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/users');
  assert.deepEqual(audit(login), ['user.add||name=测试用户; dept=BR02; role=employee']);
  assert.match((await adm.get('/admin/users')).text, new RegExp(`<tr data-login="${login}" data-role="employee"`));

  for (const bad of [{ login: 'Upper' }, { login: 'a b' }, { login: 'x'.repeat(65) }, { password: 'short' },
    { role: 'boss' }, { dept: 'NOPE' }]) {
    const f = { op: 'add', login: `v${SFX}`, name: 'x', dept: 'BR02', role: 'employee', password: 'long-enough', ...bad };
    assert.equal((await adm.post('/admin/users', f)).status, 400, JSON.stringify(bad));
  }
  r = await adm.post('/admin/users', { op: 'add', login, name: 'x', dept: 'BR02', role: 'employee', password: 'long-enough' });
  assert.equal(r.status, 409);

  const u = new Client();
  await u.login(login, 'first-pass-1');
  assert.match((await u.get('/')).text, /测试用户/);

  assert.equal((await adm.post('/admin/users', { op: 'role', login, role: 'manager' })).status, 303);
  assert.equal((await adm.post('/admin/users', { op: 'dept', login, dept: 'BR01' })).status, 303);
  assert.equal(sql(`SELECT CONCAT(u.role, ' ', d.code) FROM users u JOIN departments d ON d.id = u.dept_id WHERE login = '${login}'`),
    'manager BR01');

  // a new password ends the user's sessions
  assert.equal((await adm.post('/admin/users', { op: 'passwd', login, password: 'second-pass-2' })).status, 303);
  assert.equal((await u.get('/')).status, 303, 'old session is gone');
  const u2 = new Client();
  await u2.login(login, 'second-pass-2');

  assert.equal((await adm.post('/admin/users', { op: 'deactivate', login })).status, 303);
  assert.equal((await u2.get('/')).status, 303, 'a deactivated user is logged out');
  await new Client().get('/login');
  assert.equal(sql(`SELECT active FROM users WHERE login = '${login}'`), '0');
  assert.deepEqual(audit(login).map((a) => a.split('|')[0]).filter((a) => a.startsWith('user.')),
    ['user.add', 'user.role', 'user.dept', 'user.passwd', 'user.deactivate']);
  assert.ok(!audit(login).some((a) => a.includes('pass-')), 'no password in the audit log');
});

test('unlock: a locked account logs in again', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/users');
  const login = `l${SFX}`;
  await adm.post('/admin/users', { op: 'add', login, name: 'Locked', dept: 'BR01', role: 'employee', password: 'unlock-me-1' });
  sql(`UPDATE users SET failed_logins = 5, locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE login = '${login}'`);
  const u = new Client();
  await u.get('/login');
  assert.equal((await u.post('/login', { username: login, password: 'unlock-me-1' })).status, 401);
  assert.match((await adm.get('/admin/users')).text, new RegExp(`data-op="unlock" data-login="${login}"`));
  assert.equal((await adm.post('/admin/users', { op: 'unlock', login })).status, 303);
  assert.equal(sql(`SELECT CONCAT(failed_logins, ' ', IFNULL(locked_until, 'NULL')) FROM users WHERE login = '${login}'`), '0 NULL');
  await u.login(login, 'unlock-me-1');
  assert.match(audit(login).find((a) => a.startsWith('user.unlock')), /^user\.unlock\|locked_until=.*; failed_logins=5\|locked_until=NULL; failed_logins=0$/);
});

test('the last active administrator can be neither demoted nor deactivated', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/users');
  const other = `a${SFX}`;
  await adm.post('/admin/users', { op: 'add', login: other, name: 'Second admin', dept: 'HQ', role: 'admin', password: 'admin-pass-2' });
  // two admins: one may go
  assert.equal((await adm.post('/admin/users', { op: 'deactivate', login: other })).status, 303);
  assert.equal(sql("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1"), '1');
  let r = await adm.post('/admin/users', { op: 'role', login: 'admin', role: 'manager' });
  assert.equal(r.status, 409);
  assert.match(r.text, /不能停用或降级最后一位管理员/);
  r = await adm.post('/admin/users', { op: 'deactivate', login: 'admin' });
  assert.equal(r.status, 409);
  assert.equal(sql("SELECT CONCAT(role, ' ', active) FROM users WHERE login = 'admin'"), 'admin 1');
  assert.equal(audit('admin').filter((a) => /^user\.(role|deactivate)/.test(a)).length, 0);
});

test('plugin matrix: switching hello off for BR02 takes effect below it; inherit restores', async () => {
  const adm = await loggedIn('admin');
  let r = await adm.get('/admin/plugins');
  assert.equal(r.status, 200);
  assert.match(r.text, /<form method="post" action="\/admin\/plugins" class="inline" id="cell-hello-BR02" data-plugin="hello" data-dept="BR02">/);
  assert.match(r.text, /data-plugin="hello" data-dept="BR02" data-explicit="inherit" data-effective="on"/);
  const emp2 = await loggedIn('employee2');   // BR02
  assert.equal((await emp2.get('/hello/')).status, 200);

  r = await adm.post('/admin/plugins', { plugin: 'hello', dept: 'BR02', value: 'off' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/admin/plugins');
  r = await adm.get('/admin/plugins');
  assert.match(r.text, /data-plugin="hello" data-dept="BR02" data-explicit="off" data-effective="off"/);
  assert.match(r.text, /data-plugin="hello" data-dept="BR01" data-explicit="inherit" data-effective="on"/);
  const sub = await emp2.get('/hello/');
  assert.equal(sub.status, 403);
  assert.match(sub.text, /该功能模块未对您所在的部门启用/);
  assert.equal((await (await loggedIn('employee')).get('/hello/')).status, 200, 'BR01 keeps it');

  for (const bad of [{ plugin: 'nope' }, { dept: 'NOPE' }, { value: 'maybe' }])
    assert.equal((await adm.post('/admin/plugins', { plugin: 'hello', dept: 'BR02', value: 'on', ...bad })).status, 400);

  assert.equal((await adm.post('/admin/plugins', { plugin: 'hello', dept: 'BR02', value: 'inherit' })).status, 303);
  assert.equal(sql("SELECT COUNT(*) FROM plugin_settings p JOIN departments d ON d.id = p.dept_id WHERE d.code = 'BR02' AND p.plugin = 'hello'"), '0');
  assert.equal((await emp2.get('/hello/')).status, 200);
  const rows = sql("SELECT CONCAT_WS('|', action, before_value, after_value) FROM audit_log WHERE object_type = 'plugin' AND object_id = 'hello' ORDER BY id DESC LIMIT 2").split('\n');
  assert.deepEqual(rows, ['plugin.inherit|dept=BR02; value=off|dept=BR02; value=inherit',
    'plugin.disable|dept=BR02; value=inherit|dept=BR02; value=off']);
});

test('audit page: newest first, filters, 50 a page', async () => {
  const aud = await loggedIn('auditor');
  let r = await aud.get(`/admin/audit?object=${encodeURIComponent(`u${SFX}`)}`);
  assert.equal(r.status, 200);
  const actions = [...r.text.matchAll(/<tr data-id="\d+" data-action="([^"]+)"/g)].map((m) => m[1])
    .filter((a) => a.startsWith('user.'));
  assert.deepEqual(actions, ['user.deactivate', 'user.passwd', 'user.dept', 'user.role', 'user.add']);

  r = await aud.get('/admin/audit?action=dept.&user=admin');
  const acts = [...r.text.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(acts.length > 0 && acts.every((a) => a.startsWith('dept.')));
  r = await aud.get('/admin/audit?from=2000-01-01&to=2000-01-31');
  assert.match(r.text, /id="audit-empty"/);
  const today = new Date().toISOString().slice(0, 10);
  r = await aud.get(`/admin/audit?from=${today}&to=${today}&action=plugin.`);
  assert.match(r.text, /data-action="plugin\.disable"/);

  // paging: 50 rows, then the rest on page 2
  const total = Number(sql("SELECT COUNT(*) FROM audit_log"));
  r = await aud.get('/admin/audit');
  const n1 = (r.text.match(/<tr data-id=/g) || []).length;
  assert.equal(n1, Math.min(50, total));
  if (total > 50) {
    assert.match(r.text, /name="page" value="2" rel="next"/);
    r = await aud.get('/admin/audit?page=2');
    assert.match(r.text, /name="page" value="1" rel="prev"/);
    assert.ok((r.text.match(/<tr data-id=/g) || []).length >= 1);
  }
  // hostile filter values come back escaped
  r = await aud.get('/admin/audit?object=' + encodeURIComponent('<script>'));
  assert.ok(!r.text.includes('<script>'));
});
