// complaints_evidence.test.mjs -- evidence attachments: a small PNG is
// stored and downloaded byte for byte by the owner with a safe
// Content-Disposition and nosniff; another branch's employee gets 404;
// a text file named .png is refused (400, nothing stored); a file above
// the size limit is refused (413).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn, sql, BASE } from '../lib/http.mjs';

const INTAKE = {
  customer_no: 'C000001', severity: 'general', cause: 'product_quality', channel: 'onsite',
  behaviour: 'grumbling', purpose: 'criticism', description: '商品外包装破损。',
};

// a 1x1 transparent PNG
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
  '0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

export async function intake(c) {
  const r = await c.post('/complaints/new', INTAKE);
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return r.location.split('/').pop();
}

// POSTs a multipart form with the file under "file"
export async function upload(c, ref, bytes, filename, type = 'image/png') {
  await c.get(`/complaints/${ref}`);
  const fd = new FormData();
  fd.append('csrf', c.csrf);
  fd.append('file', new Blob([bytes], { type }), filename);
  return c.request('POST', `/complaints/${ref}/attach`, { body: fd });
}

const count = (ref) => sql(`SELECT COUNT(*) FROM complaint_attachments a
  JOIN complaints c ON c.id = a.complaint_id WHERE c.reference = '${ref}'`);

test('evidence: a PNG is stored and downloaded intact by the owner only', async () => {
  const c = await loggedIn('employee');
  const ref = await intake(c);
  const r = await upload(c, ref, PNG, '现场照片 "1".png', 'application/octet-stream');
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.equal(count(ref), '1');
  const page = await c.get(`/complaints/${ref}`);
  const m = page.text.match(new RegExp(`/complaints/${ref}/attachments/(\\d+)`));
  assert.ok(m, 'the case page links the attachment');
  assert.match(page.text, /data-kind="attach"/);

  const res = await fetch(`${BASE}${m[0]}`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type').split(';')[0], 'image/png');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const disp = res.headers.get('content-disposition');
  assert.match(disp, /^attachment; filename="[\x20-\x7e]+"/);
  assert.ok(!/[^\x20-\x7e]/.test(disp), disp);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(PNG), 'bytes equal');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE object_id = '${ref}' AND action = 'complaint.attach'`), '1');

  // another branch: 404, exactly like a missing attachment
  const e2 = await loggedIn('employee2');
  assert.equal((await e2.get(m[0])).status, 404);
  assert.equal((await c.get(`/complaints/${ref}/attachments/999999999`)).status, 404);
  assert.equal((await c.get(`/complaints/${ref}/attachments/abc`)).status, 404);
});

test('evidence: a text file named .png and an oversized file are refused', async () => {
  const c = await loggedIn('employee');
  const ref = await intake(c);
  const bad = await upload(c, ref, Buffer.from('just some text, not an image\n'), 'photo.png');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /data-reason="bad_type"/);
  assert.equal(count(ref), '0');

  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0);
  PNG.copy(big);
  const r = await upload(c, ref, big, 'big.png');
  assert.equal(r.status, 413);
  assert.equal(count(ref), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
    WHERE c.reference = '${ref}' AND e.kind = 'attach'`), '0');
});

test('evidence: the intake form takes one file, checked before anything is stored', async () => {
  const c = await loggedIn('employee');
  await c.get('/complaints/new');
  const form = (file, name) => {
    const fd = new FormData();
    fd.append('csrf', c.csrf);
    for (const [k, v] of Object.entries(INTAKE)) fd.append(k, v);
    fd.append('file', new Blob([file]), name);
    return fd;
  };
  const before = sql('SELECT COUNT(*) FROM complaints');
  const bad = await c.request('POST', '/complaints/new', { body: form(Buffer.from('MZ\x90\x00 exe'), 'x.jpg') });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="form-error"/);
  assert.equal(sql('SELECT COUNT(*) FROM complaints'), before);
  const ok = await c.request('POST', '/complaints/new', { body: form(PNG, 'receipt.png') });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  const ref = ok.location.split('/').pop();
  assert.equal(count(ref), '1');
});
