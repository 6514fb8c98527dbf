// export.test.mjs -- the auditor downloads a report from /export/ in
// headless Chromium; the file validates against its XSD.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.KEFU_URL || 'http://127.0.0.1:8181';
const INST = process.env.KEFU_INST || '../var/test';
const ROOT = process.env.KEFU_ROOT || '..';
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

test('the auditor downloads the complaint ledger from /export/ and it validates', async () => {
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=username]', 'auditor');
  await page.fill('input[name=password]', 'kefu-demo');
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);
  await page.goto(`${BASE}/export/`);
  assert.equal(await page.textContent('h1'), '报表导出');
  await page.selectOption('#export-dept', 'BR01');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#export-complaints-ledger'),
  ]);
  assert.match(download.suggestedFilename(), /^complaints-ledger-BR01-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xml$/);
  mkdirSync(`${INST}/downloads`, { recursive: true });
  const file = `${INST}/downloads/${download.suggestedFilename()}`;
  await download.saveAs(file);
  execFileSync('xmllint', ['--noout', '--nonet', '--schema',
    `${ROOT}/static/schemas/complaints-ledger.xsd`, file], { stdio: 'pipe' });
  await page.close();
});
