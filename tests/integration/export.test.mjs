// export.test.mjs -- the xmlexport plugin over HTTP: every report valid
// against its XSD (xmllint, libxml2) on data with Chinese text, XML's
// special characters and the largest field sizes; empty periods; refusals
// (bad dates 400, unknown report and out-of-scope department 404,
// employees 403); personal API tokens (valid, revoked, expired, wrong);
// every export in the audit log and the hash-chained export register,
// and kefuctl export verify finding a tampered link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BASE, ROOT, Client, loggedIn, sql, kefuctl } from '../lib/http.mjs';

const REPORTS = ['complaints-ledger', 'complaints-summary', 'audit-trail'];
const TMP = mkdtempSync(`${tmpdir()}/kefu-export-`);
const day = (d) => d.toISOString().slice(0, 10);
const TODAY = day(new Date());
const FROM = day(new Date(Date.now() - 30 * 86400e3));

// the largest text a field takes, made of Chinese and & < > " '
const NASTY = '投诉&<>"\'';
const fill = (max) => {
  let s = '';
  while (Buffer.byteLength(s + NASTY) <= max) s += NASTY;
  while (Buffer.byteLength(s + 'x') <= max) s += 'x';
  return s;
};
const DESC = fill(4000);
const NAME = fill(128);
const BASIS = fill(255);

function xmllint(args) {
  try {
    return { ok: true, out: execFileSync('xmllint', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (e) { return { ok: false, out: `${e.stdout}${e.stderr}` }; }
}

// Saves the body and validates it against static/schemas/<report>.xsd.
function validate(report, body) {
  const file = `${TMP}/${report}-${Math.random().toString(36).slice(2)}.xml`;
  writeFileSync(file, body);
  const r = xmllint(['--noout', '--nonet', '--schema', `${ROOT}/static/schemas/${report}.xsd`, file]);
  assert.ok(r.ok, `${report} does not validate:\n${r.out.slice(0, 2000)}`);
  return file;
}

const xpath = (file, expr) => xmllint(['--xpath', expr, file]).out;
const count = (file) => Number(xpath(file, "string(/*/*[local-name()='record-count'])"));

async function download(c, report, q, headers) {
  const qs = new URLSearchParams({ from: FROM, to: TODAY, dept: 'HQ', ...q }).toString();
  return c.get(`/export/${report}.xml?${qs}`, { headers });
}

let ref;
test('setup: a complaint with Chinese, & < > " \' and the largest field sizes', async () => {
  const c = await loggedIn('employee');
  const r = await c.post('/complaints/new', {
    customer_no: 'CX90001', customer_name: NAME, severity: 'serious', cause: 'service',
    channel: 'phone', behaviour: 'venting', purpose: 'criticism', description: DESC,
    customer_request: DESC,
  });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  ref = r.location.split('/').pop();
  await c.get(`/complaints/${ref}`);
  const rep = await c.post(`/complaints/${ref}/reply`, { channel: 'phone', text: DESC });
  assert.equal(rep.status, 303);
  sql(`INSERT INTO complaint_compensations (complaint_id, remedy, amount, basis, status,
      proposed_by, proposed_at) SELECT id, 'refund', 9999999999.99, '${BASIS.replace(/'/g, "''")}',
      'pending', owner_id, UTC_TIMESTAMP() FROM complaints WHERE reference = '${ref}'`);
});

test('every report validates against its XSD and carries the data intact', async () => {
  const c = await loggedIn('auditor');
  for (const report of REPORTS) {
    const r = await download(c, report);
    assert.equal(r.status, 200, `${report}: ${r.text.slice(0, 200)}`);
    assert.match(r.headers.get('content-type'), /^application\/xml/);
    assert.match(r.headers.get('content-disposition'), new RegExp(`attachment; filename="${report}-HQ-${FROM}-${TODAY}\\.xml"`));
    const file = validate(report, r.text);
    assert.ok(count(file) > 0, `${report} has records`);
    assert.match(r.text, /<generated-by login="auditor"/);
    assert.match(r.text, new RegExp(`<period from="${FROM}" to="${TODAY}"/>`));
  }
  const r = await download(c, 'complaints-ledger');
  const file = validate('complaints-ledger', r.text);
  // the texts come back whole and escaped (xmllint has checked they parse)
  const text = (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const mine = r.text.slice(r.text.indexOf(`<complaint reference="${ref}"`));
  // libxml2 writes " as &quot; in text and attributes alike
  const one = mine.slice(0, mine.indexOf('</complaint>')).replaceAll('&quot;', '"');
  assert.ok(one.includes(`<description>${text(DESC)}</description>`));
  assert.ok(one.includes(`<customer-request>${text(DESC)}</customer-request>`));
  assert.ok(one.includes(`<customer no="CX90001" name="${text(NAME)}"/>`));
  assert.ok(one.includes(`channel="phone">${text(DESC)}</reply>`));
  assert.ok(one.includes(`basis="${text(BASIS)}"`));
  assert.ok(one.includes('<first-responder login="employee" name="柜员张丽"/>'));
  assert.equal(count(file), Number(sql(`SELECT COUNT(*) FROM complaints WHERE received_at >= '${FROM}'
    AND received_at < '${TODAY}' + INTERVAL 1 DAY`)));
  // the summary's reconciliation adds up
  const s = validate('complaints-summary', (await download(c, 'complaints-summary')).text);
  const rec = (a) => Number(xpath(s, `string(//*[local-name()='reconciliation']/@${a})`));
  assert.equal(rec('received'), rec('closed') + rec('open-on-time') + rec('open-overdue'));
  assert.equal(rec('received'), rec('replied') + rec('not-replied'));
});

test('an empty period gives a valid document with a count of 0', async () => {
  const c = await loggedIn('auditor');
  for (const report of REPORTS) {
    const r = await download(c, report, { from: '2001-01-01', to: '2001-01-31' });
    assert.equal(r.status, 200);
    assert.equal(count(validate(report, r.text)), 0, report);
  }
});

test('bad dates 400, unknown reports and departments out of scope 404, employees 403', async () => {
  const c = await loggedIn('auditor');
  const before = sql('SELECT COUNT(*) FROM export_register');
  for (const q of [{ from: '2026-02-30' }, { from: '2026-1-01' }, { to: 'yesterday' },
    { from: TODAY, to: FROM }, { from: '2020-01-01', to: '2021-01-02' }, { from: '' }]) {
    const r = await download(c, 'complaints-ledger', q);
    assert.equal(r.status, 400, JSON.stringify(q));
    assert.match(r.headers.get('content-type'), /^text\/plain/);
    assert.ok(r.text.length > 5 && r.text.length < 200);
  }
  assert.equal((await download(c, 'nonsense')).status, 404);
  assert.equal((await download(c, 'complaints-ledger', { dept: 'NOPE' })).status, 404);
  const m = await loggedIn('manager');
  assert.equal((await download(m, 'complaints-ledger', { dept: 'BR02' })).status, 404);
  assert.equal((await download(m, 'complaints-ledger', { dept: 'HQ' })).status, 404);
  const own = await download(m, 'complaints-ledger', { dept: 'BR01' });
  assert.equal(own.status, 200);
  validate('complaints-ledger', own.text);
  assert.doesNotMatch(own.text, /<department code="BR02"\/>/);
  const e = await loggedIn('employee');
  assert.equal((await e.get('/export/')).status, 403);
  assert.equal((await download(e, 'complaints-ledger', { dept: 'BR01' })).status, 403);
  // refusals wrote nothing to the register; the manager's export did
  assert.equal(Number(sql('SELECT COUNT(*) FROM export_register')), Number(before) + 1);
});

test('the export page lists the reports with period and department pickers', async () => {
  const c = await loggedIn('auditor');
  const r = await c.get('/export/');
  assert.equal(r.status, 200);
  for (const report of REPORTS) assert.match(r.text, new RegExp(`id="export-${report}"`));
  assert.match(r.text, /<option value="BR02">/);
  const m = await loggedIn('manager');
  const mp = await m.get('/export/');
  assert.doesNotMatch(mp.text, /<option value="BR02">/);
  assert.match(mp.text, /<option value="BR01-A">/);
  const xsd = await fetch(`${BASE}/static/schemas/complaints-ledger.xsd`);
  assert.equal(xsd.status, 200);
  assert.match(await xsd.text(), /urn:kefu:report:complaints-ledger:1/);
});

test('every export is in the audit log and the register, with the SHA-256 of its bytes', async () => {
  const c = await loggedIn('auditor');
  const r = await c.request('GET', `/export/audit-trail.xml?from=${FROM}&to=${TODAY}&dept=BR01`);
  assert.equal(r.status, 200);
  const sha = createHash('sha256').update(r.text).digest('hex');
  const reg = sql(`SELECT user_login, report, dept_code, period_from, period_to, completed, records
    FROM export_register WHERE sha256 = '${sha}'`).split('\t');
  assert.deepEqual(reg.slice(0, 6), ['auditor', 'audit-trail', 'BR01', FROM, TODAY, '1']);
  const audit = sql(`SELECT user_login, object_id FROM audit_log WHERE action = 'export'
    AND after_value LIKE '%sha256=${sha}%'`);
  assert.equal(audit, 'auditor\taudit-trail');
  // an auditor holding the file finds it in the register
  const file = validate('audit-trail', r.text);
  assert.match(kefuctl(['export', 'check', file]), /audit-trail of BR01 for .* by auditor|by auditor, audit-trail of BR01/);
  writeFileSync(file, r.text.replace('</audit-trail>', '</audit-trail>\n'));
  assert.throws(() => kefuctl(['export', 'check', file]),
    (e) => e.status === 1 && /not in the export register/.test(e.stdout));
  // the register is append-only for the application
  assert.throws(() => sql('UPDATE export_register SET records = 0'), /append-only/);
});

async function newToken(c, name, days = 30) {
  await c.get('/profile');
  const r = await c.post('/profile/tokens', { name, days: String(days) });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const m = r.text.match(/id="new-token">([0-9a-f]{64})</);
  assert.ok(m, 'the token is shown once');
  return m[1];
}

test('personal API tokens: valid, revoked, expired, wrong; reads only', async () => {
  const c = await loggedIn('auditor');
  const token = await newToken(c, 'nightly pull');
  assert.equal(sql(`SELECT COUNT(*) FROM api_tokens WHERE token_hash = UNHEX(SHA2('${token}', 256))`), '1');
  assert.doesNotMatch((await c.get('/profile')).text, new RegExp(token), 'shown only once');
  const bare = new Client();
  const auth = (t) => ({ authorization: `Bearer ${t}` });
  const ok = await download(bare, 'complaints-summary', {}, auth(token));
  assert.equal(ok.status, 200);
  assert.match(ok.text, /<generated-by login="auditor"/);
  validate('complaints-summary', ok.text);
  assert.equal(bare.cookies.has('kefu_sid'), false, 'no session is created');
  // tokens only read: a POST with one is refused
  const post = await bare.request('POST', '/profile/tokens', { headers: auth(token), form: { name: 'x', days: '1' } });
  assert.equal(post.status, 403);
  // wrong
  assert.equal((await download(new Client(), 'complaints-summary', {}, auth('0'.repeat(64)))).status, 401);
  assert.equal((await download(new Client(), 'complaints-summary', {}, auth('short'))).status, 401);
  // expired
  const old = await newToken(c, 'old one');
  sql(`UPDATE api_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
    WHERE token_hash = UNHEX(SHA2('${old}', 256))`);
  assert.equal((await download(new Client(), 'complaints-summary', {}, auth(old))).status, 401);
  // revoked
  const id = sql(`SELECT id FROM api_tokens WHERE token_hash = UNHEX(SHA2('${token}', 256))`);
  await c.get('/profile');
  assert.equal((await c.post('/profile/tokens/revoke', { id })).status, 303);
  assert.equal((await download(new Client(), 'complaints-summary', {}, auth(token))).status, 401);
  // bad input re-shows the form; an employee's token still cannot export
  assert.equal((await c.post('/profile/tokens', { name: 'x', days: '400' })).status, 400);
  const e = await loggedIn('employee');
  const et = await newToken(e, 'mine');
  assert.equal((await download(new Client(), 'complaints-summary', { dept: 'BR01' }, auth(et))).status, 403);
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit_log WHERE action IN ('token.create', 'token.revoke')")) >= 4);
});

test('kefuctl export verify: ok, then the first broken link of a tampered register', () => {
  const n = sql('SELECT COUNT(*) FROM export_register');
  assert.equal(kefuctl(['export', 'verify']).trim(), `ok ${n} records`);
  const id = sql('SELECT MIN(id) + 1 FROM export_register');
  sql(`DROP TRIGGER export_register_no_update;
    UPDATE export_register SET records = records + 1 WHERE id = ${id};
    CREATE TRIGGER export_register_no_update BEFORE UPDATE ON export_register FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'export_register is append-only'`);
  let out = '';
  let code = 0;
  try { kefuctl(['export', 'verify']); } catch (e) { out = e.stdout; code = e.status; }
  assert.equal(code, 1);
  assert.match(out, new RegExp(`broken link at record ${id}\\b`));
  sql(`DROP TRIGGER export_register_no_update;
    UPDATE export_register SET records = records - 1 WHERE id = ${id};
    CREATE TRIGGER export_register_no_update BEFORE UPDATE ON export_register FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'export_register is append-only'`);
  // restored, the chain holds again
  assert.equal(kefuctl(['export', 'verify']).trim(), `ok ${n} records`);
});
