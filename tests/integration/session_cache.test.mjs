// session_cache.test.mjs -- workers remember sessions for up to
// Session.CacheSeconds (2 in the test config's default); a change made in
// the portal applies to the very next request in every worker, a change
// made with kefuctl within CacheSeconds.  Each check repeats a request
// more times than there are workers, so every worker's cache is tried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, loggedIn, sql, kefuctl, sleep } from '../lib/http.mjs';

const SFX = Date.now().toString(36).slice(-5);
const TRIES = 12;

async function statuses(c, path = '/') {
  const out = [];
  for (let i = 0; i < TRIES; i++) out.push((await c.get(path)).status);
  return out;
}

function withCookieOf(c) {
  const d = new Client();
  d.cookies = new Map(c.cookies);
  return d;
}

test('logout ends the session in every worker at once', async () => {
  const c = await loggedIn('employee');
  assert.deepEqual(await statuses(c), Array(TRIES).fill(200));
  const stolen = withCookieOf(c);
  assert.equal((await c.post('/logout')).status, 303);
  assert.deepEqual(await statuses(stolen), Array(TRIES).fill(303));
});

test('an admin deactivating a user, or the user switching language, applies at once', async () => {
  const adm = await loggedIn('admin');
  await adm.get('/admin/users');
  const login = `sc${SFX}`;
  assert.equal((await adm.post('/admin/users', { op: 'add', login, name: '缓存', dept: 'BR02',
    role: 'employee', password: 'cache-pass-1' })).status, 303);
  const u = new Client();
  await u.login(login, 'cache-pass-1');
  assert.deepEqual(await statuses(u), Array(TRIES).fill(200));

  assert.equal((await u.post('/lang', { to: 'en', back: '/' })).status, 303);
  for (let i = 0; i < TRIES; i++)
    assert.match((await u.get('/')).text, /<html lang="en">/);

  await adm.get('/admin/users');
  assert.equal((await adm.post('/admin/users', { op: 'deactivate', login })).status, 303);
  assert.deepEqual(await statuses(u), Array(TRIES).fill(303));
});

test('a password set with kefuctl ends sessions within Session.CacheSeconds', async () => {
  const login = `sk${SFX}`;
  kefuctl(['user', 'add', login, '命令行', 'BR02', 'employee'], 'first-pass-1\n');
  const u = new Client();
  await u.login(login, 'first-pass-1');
  assert.deepEqual(await statuses(u), Array(TRIES).fill(200));
  kefuctl(['user', 'passwd', login], 'second-pass-2\n');
  const start = Date.now();
  let refused = false;
  while (!refused && Date.now() - start < 4000) {
    refused = (await statuses(u)).every((s) => s === 303);
    if (!refused) await sleep(200);
  }
  assert.ok(refused, 'old session still served 4 s after kefuctl user passwd');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions s JOIN users x ON x.id = s.user_id WHERE x.login = '${login}'`), '0');
});
