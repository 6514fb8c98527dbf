// identity.test.mjs -- logins, sessions, CSRF, the authorization matrix,
// per-department enablement through kefuctl, and the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, loggedIn, sql, sqlAsApp, kefuctl } from '../lib/http.mjs';

const lastAudit = (action, obj) =>
  sql(`SELECT COUNT(*) FROM audit_log WHERE action='${action}' AND object_id='${obj}'`);

test('login: right password 303 with an HttpOnly SameSite=Strict session cookie', async () => {
  const c = new Client();
  await c.get('/login');
  const before = Number(lastAudit('login', 'manager'));
  const r = await c.post('/login', { username: 'manager', password: 'kefu-demo' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/');
  const cookie = r.headers.getSetCookie().find((h) => h.startsWith('kefu_sid='));
  assert.match(cookie, /^kefu_sid=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict/);
  assert.equal(Number(lastAudit('login', 'manager')), before + 1);
  assert.equal((await c.get('/')).status, 200);
});

test('wrong password and unknown user: the same 401 form', async () => {
  const c = new Client();
  await c.get('/login');
  const a = await c.post('/login', { username: 'manager', password: 'nope-nope' });
  const b = await c.post('/login', { username: 'nosuchuser', password: 'nope-nope' });
  assert.equal(a.status, 401);
  assert.equal(b.status, 401);
  const msg = (t) => t.match(/<p class="alert"[^>]*>([^<]*)</)[1];
  assert.equal(msg(a.text), msg(b.text));
  sql("UPDATE users SET failed_logins = 0 WHERE login = 'manager'");
});

test('five failures lock the account; kefuctl unlocks it; all audited', async () => {
  sql("INSERT INTO departments (code, name_zh, name_en, parent_id, path) VALUES ('LOCKT','锁','Lock',1,'/1/99/')");
  sql("UPDATE departments SET path = CONCAT('/1/', id, '/') WHERE code = 'LOCKT'");
  kefuctl(['user', 'add', 'locktest', '锁定测试', 'LOCKT', 'employee'], 'right-password\n');
  const c = new Client();
  await c.get('/login');
  for (let i = 0; i < 5; i++) {
    assert.equal((await c.post('/login', { username: 'locktest', password: 'wrong-password' })).status, 401);
  }
  const locked = await c.post('/login', { username: 'locktest', password: 'right-password' });
  assert.equal(locked.status, 401, 'locked even with the right password');
  assert.equal(lastAudit('user.lock', 'locktest'), '1');
  assert.ok(Number(lastAudit('login.fail', 'locktest')) >= 6);
  kefuctl(['user', 'unlock', 'locktest']);
  assert.equal(lastAudit('user.unlock', 'locktest'), '1');
  const ok = await c.post('/login', { username: 'locktest', password: 'right-password' });
  assert.equal(ok.status, 303);
});

test('an idle session expires; logout ends it on the server', async () => {
  const c = await loggedIn('employee');
  const n = Number(sql('SELECT COUNT(*) FROM sessions'));
  sql("UPDATE sessions SET last_seen = UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE user_id = (SELECT id FROM users WHERE login='employee')");
  assert.equal((await c.get('/')).status, 303, 'expired: back to login');

  const d = await loggedIn('employee2');
  const sid = d.cookies.get('kefu_sid');
  const out = await d.post('/logout');
  assert.equal(out.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE id_hash = UNHEX(SHA2('${sid}', 256))`), '0');
  const replay = new Client();
  replay.cookies.set('kefu_sid', sid);
  assert.equal((await replay.get('/')).status, 303, 'the old cookie no longer works');
  assert.ok(n >= 1);
});

test('a POST without or with a wrong csrf is refused and changes nothing', async () => {
  const c = await loggedIn('employee');
  const lang = () => sql("SELECT IFNULL(lang,'') FROM users WHERE login='employee'");
  const before = lang();
  assert.equal((await c.post('/lang', { csrf: '', to: 'en' })).status, 403);
  assert.equal((await c.post('/lang', { csrf: 'a'.repeat(64), to: 'en' })).status, 403);
  assert.equal((await c.request('POST', '/lang', { form: { to: 'en' } })).status, 403);
  assert.equal(lang(), before);
  const anon = new Client();
  await anon.get('/login');
  assert.equal((await anon.post('/login', { csrf: 'b'.repeat(64), username: 'employee', password: 'kefu-demo' })).status, 403);
});

// Every route x every role x own/other department, from kefuctl's route table.
test('authorization matrix over every route', async () => {
  const routes = kefuctl(['routes']).trim().split('\n').map((l) => {
    const [method, path, roles, flags, owner] = l.split('\t');
    return { method, path, roles: roles === '-' ? [] : roles.split(','), flags, owner };
  });
  assert.ok(routes.length >= 10);
  const users = { employee: 'employee', manager: 'manager', auditor: 'auditor', admin: 'admin' };
  const clients = {};
  for (const [role, login] of Object.entries(users)) clients[role] = await loggedIn(login);
  const skip = new Set(['/logout', '/slow/', '/lang', '/login']);
  let checked = 0;
  for (const r of routes) {
    if (skip.has(r.path) || r.flags.includes('public')) continue;
    const path = r.path.replace(/:[a-z_]+/g, 'TS-1999-000001');
    for (const [role, c] of Object.entries(clients)) {
      const res = r.method === 'GET' ? await c.get(path) : await c.post(path, {});
      const allowed = r.roles.includes(role) && !(role === 'auditor' && r.method === 'POST' && !r.flags.includes('auditor_post'));
      if (!allowed) {
        assert.equal(res.status, 403, `${role} ${r.method} ${path} must be 403`);
      } else {
        assert.ok(![401, 403, 405, 500].includes(res.status), `${role} ${r.method} ${path} gave ${res.status}`);
      }
      checked++;
    }
    const anon = new Client();
    await anon.get('/login');
    const a = r.method === 'GET' ? await anon.get(path) : await anon.post(path, {});
    assert.ok([303, 403].includes(a.status), `anonymous ${r.method} ${path} gave ${a.status}`);
  }
  assert.ok(checked > 20);
});

test('kefuctl plugin disable/enable for BR02: 403 for employee2 only, then back', async () => {
  const e2 = await loggedIn('employee2');
  const e1 = await loggedIn('employee');
  assert.equal((await e2.get('/hello/')).status, 200);
  kefuctl(['plugin', 'disable', 'hello', 'BR02']);
  const off = await e2.get('/hello/');
  assert.equal(off.status, 403);
  assert.match(off.text, /未对您所在的部门启用/);
  assert.ok(!(await e2.get('/')).text.includes('data-plugin="hello"'));
  assert.equal((await e1.get('/hello/')).status, 200);
  assert.match(kefuctl(['plugin', 'list']), /hello\s+1\.0\s+BR02:off/);
  kefuctl(['plugin', 'enable', 'hello', 'BR02']);
  assert.equal((await e2.get('/hello/')).status, 200);
  assert.equal(sql("SELECT COUNT(*) FROM audit_log WHERE action IN ('plugin.disable','plugin.enable') AND object_id='hello' AND user_login='kefuctl'") >= '2', true);
  sql("DELETE FROM plugin_settings WHERE plugin='hello'");
});

test('a sub-department setting overrides its parent', async () => {
  kefuctl(['plugin', 'disable', 'hello', 'HQ']);
  kefuctl(['plugin', 'enable', 'hello', 'BR01']);
  assert.equal((await (await loggedIn('employee')).get('/hello/')).status, 200);
  assert.equal((await (await loggedIn('employee2')).get('/hello/')).status, 403);
  sql("DELETE FROM plugin_settings WHERE plugin='hello'");
});

test('the application database user cannot UPDATE or DELETE audit rows', () => {
  assert.ok(Number(sqlAsApp('SELECT COUNT(*) FROM audit_log')) > 0);
  assert.throws(() => sqlAsApp("UPDATE audit_log SET action='x'"), /denied|append-only/);
  assert.throws(() => sqlAsApp('DELETE FROM audit_log'), /denied|append-only/);
  assert.throws(() => sql("DELETE FROM audit_log WHERE id = 1"), /append-only/, 'even root: the trigger');
});
