// profile_password.test.mjs -- users change their own password on
// /profile: the rules, a wrong current password counted like a failed
// login (and the lock), other sessions ended, nothing changed on refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, loggedIn, sql } from '../lib/http.mjs';

const SFX = Date.now().toString(36).slice(-5);
const LOGIN = `pw${SFX}`;
const hashOf = () => sql(`SELECT password_hash FROM users WHERE login = '${LOGIN}'`);

async function as(password) {
  const c = new Client();
  await c.login(LOGIN, password);
  await c.get('/profile');
  return c;
}

test('a user changes their own password; other sessions end, this one stays', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/users');
  assert.equal((await adm.post('/admin/users', { op: 'add', login: LOGIN, name: '改密码', dept: 'BR02',
    role: 'employee', password: 'first-pass-1' })).status, 303);
  const a = await as('first-pass-1');
  const b = await as('first-pass-1');
  const before = hashOf();

  for (const [form, why] of [
    [{ current: 'first-pass-1', password: 'short', confirm: 'short' }, 'pw_rule'],
    [{ current: 'first-pass-1', password: 'second-pass-2', confirm: 'second-pass-3' }, 'pw_mismatch'],
    [{ current: 'first-pass-1', password: 'first-pass-1', confirm: 'first-pass-1' }, 'pw_same'],
    [{ current: 'wrong-pass-0', password: 'second-pass-2', confirm: 'second-pass-2' }, 'pw_wrong'],
    [{ password: 'second-pass-2', confirm: 'second-pass-2' }, 'pw_rule'],
  ]) {
    const r = await a.post('/profile/password', form);
    assert.equal(r.status, 400, why);
    assert.match(r.text, /id="pw-error"/, why);
    assert.equal(hashOf(), before, `${why}: nothing stored`);
  }
  assert.equal(sql(`SELECT failed_logins FROM users WHERE login = '${LOGIN}'`), '1');
  // without the session's CSRF token: refused before anything is read
  assert.equal((await a.post('/profile/password', { csrf: '0'.repeat(64), current: 'first-pass-1',
    password: 'second-pass-2', confirm: 'second-pass-2' })).status, 403);

  const ok = await a.post('/profile/password', { current: 'first-pass-1', password: 'second-pass-2',
    confirm: 'second-pass-2' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/profile');
  assert.notEqual(hashOf(), before);
  assert.equal(sql(`SELECT failed_logins FROM users WHERE login = '${LOGIN}'`), '0');
  assert.match((await a.get('/profile')).text, /id="password-form"/, 'this session stays');
  const other = await b.get('/profile');
  assert.equal(other.status, 303, 'the other session has ended');
  assert.match(other.location, /^\/login/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.passwd.self' AND object_id = '${LOGIN}'`), '1');

  const old = new Client();
  await old.get('/login');
  assert.equal((await old.post('/login', { username: LOGIN, password: 'first-pass-1' })).status, 401);
  await as('second-pass-2');
});

test('wrong current passwords lock the account like failed logins', async () => {
  const a = await as('second-pass-2');
  sql(`UPDATE users SET failed_logins = 0 WHERE login = '${LOGIN}'`);
  for (let i = 0; i < 5; i++)
    assert.equal((await a.post('/profile/password', { current: `wrong-${i}-xxxx`, password: 'third-pass-3',
      confirm: 'third-pass-3' })).status, 400);
  const before = hashOf();
  const r = await a.post('/profile/password', { current: 'second-pass-2', password: 'third-pass-3',
    confirm: 'third-pass-3' });
  assert.equal(r.status, 403);
  assert.match(r.text, /id="pw-error"/);
  assert.equal(hashOf(), before);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'user.lock' AND object_id = '${LOGIN}'`), '1');
  sql(`UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE login = '${LOGIN}'`);
});
