// core.test.mjs -- the core runtime over HTTP: nginx -> kefu.fcgi -> MariaDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Client, loggedIn, kefuLog, INST, BUILD, BASE, sql, kefuctl } from '../lib/http.mjs';

test('healthz answers ok while the database answers', async () => {
  const r = await new Client().get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'ok\n');
});

test('unknown route: 404 page through the layout', async () => {
  const r = await new Client().get('/no/such/page');
  assert.equal(r.status, 404);
  assert.match(r.text, /<html lang="zh-CN">/);
  assert.match(r.text, /页面不存在/);
});

test('wrong method: 405', async () => {
  const c = new Client();
  assert.equal((await c.get('/logout')).status, 405);
  assert.equal((await c.request('PUT', '/login', { body: 'x' })).status, 405);
  assert.equal((await c.request('DELETE', '/')).status, 405);
});

test('oversized body: 413 before parsing, nothing stored', async () => {
  const c = new Client();
  await c.get('/login');
  const big = 'x'.repeat(1100 * 1024);
  const r = await c.post('/login', { username: 'admin', password: big });
  assert.equal(r.status, 413);
  assert.match(r.text, /提交的内容过大/);
});

test('too many fields: 400', async () => {
  const c = new Client();
  await c.get('/login');
  const form = { username: 'a', password: 'b' };
  for (let i = 0; i < 250; i++) form[`f${i}`] = 'v';
  assert.equal((await c.post('/login', form)).status, 400);
});

test('anonymous page request goes to the login form and back', async () => {
  const c = new Client();
  const r = await c.get('/hello/');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login?next=%2Fhello%2F');
  await c.get('/login?next=%2Fhello%2F');
  const l = await c.post('/login', { username: 'employee', password: 'kefu-demo', next: '/hello/' });
  assert.equal(l.status, 303);
  assert.equal(l.location, '/hello/');
});

test('a good plugin is served; ABI mismatch and missing descriptor are refused with a log line', async () => {
  const c = await loggedIn('employee');
  const r = await c.get('/hello/');
  assert.equal(r.status, 200);
  assert.match(r.text, /id="hello-who">你好 柜员张丽/);
  assert.equal((await c.get('/badabi/')).status, 404);
  const log = kefuLog();
  assert.match(log, /plugin \S+badabi\.so refused: ABI version mismatch/);
  assert.match(log, /plugin \S+nodesc\.so refused: no "kefu_plugin" descriptor symbol/);
  assert.match(log, /plugin hello 1\.0 loaded at \/hello\//);
});

test('layout in both languages, data escaped', async () => {
  const c = await loggedIn('employee');
  const evil = '<script>alert(1)</script>';
  let r = await c.get('/hello/?say=' + encodeURIComponent(evil));
  assert.equal(r.status, 200);
  assert.match(r.text, /<html lang="zh-CN">/);
  assert.match(r.text, /工作台/);
  assert.ok(!r.text.includes(evil), 'raw script must not come out');
  assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const sw = await c.post('/lang', { to: 'en', back: '/hello/' });
  assert.equal(sw.status, 303);
  r = await c.get('/hello/?say=' + encodeURIComponent(evil));
  assert.match(r.text, /<html lang="en">/);
  assert.match(r.text, /Dashboard/);
  assert.match(r.text, /&lt;script&gt;/);
  assert.ok(!r.text.includes(evil));
  await c.post('/lang', { to: 'zh_CN', back: '/' });
});

test('dashboard shows a panel per enabled plugin', async () => {
  const c = await loggedIn('employee');
  const r = await c.get('/');
  assert.equal(r.status, 200);
  assert.match(r.text, /data-plugin="hello"/);
});

function cgi(path, extra = {}) {
  return spawnSync(`${BUILD}/cgi-bin/kefu.fcgi`, [], {
    env: { ...process.env, KEFU_CONFIG: `${INST}/kefu.hdf`, GATEWAY_INTERFACE: 'CGI/1.1',
      REQUEST_METHOD: 'GET', PATH_INFO: path, QUERY_STRING: '', REMOTE_ADDR: '127.0.0.1', ...extra },
    input: '', encoding: 'utf8',
  });
}

test('plain CGI mode serves one request and exits', () => {
  const ok = cgi('/healthz');
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /^Status: 200 OK\r\n/);
  assert.match(ok.stdout, /\r\n\r\nok\n$/);
  const login = cgi('/login');
  assert.match(login.stdout, /Status: 200/);
  assert.match(login.stdout, /name="username"/);
  const missing = cgi('/nothing');
  assert.match(missing.stdout, /Status: 404/);
});

test('a bad configuration stops start-up naming the key', () => {
  const r = spawnSync(`${BUILD}/cgi-bin/kefu.fcgi`, ['-t', '-c', '/nonexistent/kefu.hdf'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nonexistent\/kefu\.hdf/);
  const good = spawnSync(`${BUILD}/cgi-bin/kefu.fcgi`, ['-t', '-c', `${INST}/kefu.hdf`], { encoding: 'utf8' });
  assert.equal(good.status, 0, good.stderr);
});

test('the response carries no ClearSilver timing footer and a charset', async () => {
  const r = await new Client().get('/login');
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.ok(!/<!-- \d+\.\d+:\d -->/.test(r.text));
  assert.ok(BASE.startsWith('http://127.0.0.1'));
});

test('a failing handler: 500 page with an error id that is also logged', async () => {
  const r = await new Client().get('/slow/fail');
  assert.equal(r.status, 500);
  const id = r.text.match(/<code class="error-id">([0-9a-f]+)<\/code>/);
  assert.ok(id, 'the page shows an error id');
  assert.match(kefuLog(), new RegExp(`failed, error id ${id[1]}`));
  assert.equal((await new Client().get('/healthz')).status, 200, 'the worker lives on');
});

test('kefuctl migrate a second time changes nothing', () => {
  const before = sql('SELECT COUNT(*) FROM schema_migrations');
  const out = kefuctl(['migrate']);
  assert.ok(!/applied/.test(out), out);
  assert.equal(sql('SELECT COUNT(*) FROM schema_migrations'), before);
  assert.ok(Number(before) >= 2);
});

test('single sign-on: REMOTE_USER is trusted only when the config says so', () => {
  const base = readFileSync(`${INST}/kefu.hdf`, 'utf8');
  const sso = `${INST}/kefu-sso.hdf`;
  writeFileSync(sso, `${base}\nAuth.TrustRemoteUser = 1\n`);
  const withSso = cgi('/', { KEFU_CONFIG: sso, REMOTE_USER: 'employee' });
  assert.match(withSso.stdout, /Status: 200/);
  assert.match(withSso.stdout, /柜员张丽/);
  assert.match(withSso.stdout, /Set-Cookie: kefu_sid=[0-9a-f]{64}/);
  const without = cgi('/', { REMOTE_USER: 'employee' });
  assert.match(without.stdout, /Status: 303/);
  const unknown = cgi('/', { KEFU_CONFIG: sso, REMOTE_USER: 'nobody-here' });
  assert.match(unknown.stdout, /Status: 303/);
});
