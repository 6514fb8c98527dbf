// zz_lifecycle.test.mjs -- processes and outages; runs last because it
// kills workers, stops the database and restarts kefu.fcgi.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { Client, loggedIn, workerPids, masterPid, stack, sleep, kefuLog, INST } from '../lib/http.mjs';

async function waitFor(cond, ms = 8000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(100);
  }
  return false;
}

test('a worker killed with SIGKILL is respawned and the next request is served', async () => {
  const before = workerPids();
  assert.ok(before.length >= 1, 'workers exist');
  process.kill(before[0], 'SIGKILL');
  assert.ok(await waitFor(() => {
    const now = workerPids();
    return now.length === before.length && !now.includes(before[0]);
  }), 'a new worker replaced the killed one');
  for (let i = 0; i < 8; i++) assert.equal((await new Client().get('/healthz')).status, 200);
  assert.match(kefuLog(), /died \(signal 9\); restarting/);
});

test('database down: /healthz 503 and a friendly page; both recover', async () => {
  const c = await loggedIn('employee');
  assert.equal((await c.get('/')).status, 200);
  stack('_stop_pidfile', '"$INST/mariadb.pid"');
  const h = await new Client().get('/healthz');
  assert.equal(h.status, 503);
  assert.equal(h.text, 'unavailable\n');
  const p = await c.get('/');
  assert.equal(p.status, 503);
  assert.match(p.text, /服务暂时不可用/);
  stack('_start_mariadb');
  assert.ok(await waitFor(async () => (await new Client().get('/healthz')).status === 200), 'healthz recovers');
  let ok = 0;
  for (let i = 0; i < 8; i++) ok += (await c.get('/')).status === 200 ? 1 : 0;
  assert.equal(ok, 8, 'every worker reconnected');
});

test('SIGHUP replaces the workers and keeps serving', async () => {
  const before = workerPids();
  process.kill(masterPid(), 'SIGHUP');
  assert.ok(await waitFor(() => {
    const now = workerPids();
    return now.length === before.length && now.every((p) => !before.includes(p));
  }), 'a new generation of workers');
  assert.equal((await new Client().get('/healthz')).status, 200);
});

test('a worker retires after MaxRequests and is replaced', async () => {
  const conf = `${INST}/kefu.hdf`;
  const original = readFileSync(conf, 'utf8');
  writeFileSync(conf, original.replace(/MaxRequests = \d+/, 'MaxRequests = 5'));
  try {
    process.kill(masterPid(), 'SIGHUP');
    await sleep(500);
    const first = workerPids();
    for (let i = 0; i < 40; i++) assert.equal((await new Client().get('/healthz')).status, 200);
    assert.ok(await waitFor(() => workerPids().some((p) => !first.includes(p))), 'a fresh worker');
    assert.match(kefuLog(), /retiring after 5 requests/);
  } finally {
    writeFileSync(conf, original);
    process.kill(masterPid(), 'SIGHUP');
    await sleep(500);
  }
});

test('SIGTERM during a slow request lets it finish, then the master exits', async () => {
  const master = masterPid();
  const slow = fetch(process.env.KEFU_URL + '/slow/');
  await sleep(400);
  process.kill(master, 'SIGTERM');
  const r = await slow;
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'slow done\n');
  assert.ok(await waitFor(() => { try { process.kill(master, 0); return false; } catch { return true; } }),
    'master exited');
  assert.match(kefuLog(), /master stopped/);
  stack('_start_kefu', 'build-asan');
  assert.equal((await new Client().get('/healthz')).status, 200);
});
