// complaints.test.mjs -- an employee files a complaint through the form
// (with a photo as evidence) and walks it to closed in headless Chromium:
// every step, a reply to the customer, the feedback and the review.  An
// admin keeps the holiday calendar through its forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, BASE, SHOTS } from '../lib/browser.mjs';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
  '0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function submit(page, form) {
  await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
  assert.equal(await page.locator('#refused').count(), 0, `${form} refused: ${page.url()}`);
}

const step = (page) => page.getAttribute('#case-step', 'data-step');

test('file a complaint through the form and walk it to closed', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await login(page, 'employee');

  await page.goto(`${BASE}/complaints/new`);
  await page.fill('input[name=customer_name]', '浏览器测试客户');
  await page.fill('input[name=customer_phone]', '13900000000');
  await page.selectOption('select[name=severity]', 'serious');
  await page.selectOption('select[name=cause]', 'product_quality');
  await page.selectOption('select[name=channel]', 'onsite');
  await page.selectOption('select[name=behaviour]', 'venting');
  await page.selectOption('select[name=purpose]', 'accusation');
  await page.fill('textarea[name=description]', '新买的电热水壶第二天就漏水。');
  await page.fill('textarea[name=customer_request]', '要求退货');
  await page.setInputFiles('input[name=file]', { name: '漏水照片.png', mimeType: 'image/png', buffer: PNG });
  await Promise.all([page.waitForURL(/\/complaints\/TS-\d{4}-\d{6}$/), page.click('#intake button[type=submit]')]);
  const ref = await page.textContent('#case-ref');
  assert.match(ref, /^TS-\d{4}-\d{6}$/);
  assert.equal(await step(page), 'received');
  assert.equal(await page.locator('#attachments li').count(), 1);

  for (const to of ['recorded', 'cause_analysed', 'dept_decided', 'solution_proposed', 'carried_out']) {
    await page.fill('#form-step textarea[name=note]', `→ ${to}`);
    await submit(page, '#form-step');
    assert.equal(await step(page), to);
  }
  await page.selectOption('#form-reply select[name=channel]', 'phone');
  await page.fill('#form-reply textarea[name=text]', '已致电客户，同意退货并致歉。');
  await submit(page, '#form-reply');
  assert.equal(await page.textContent('#case-replies'), '1');

  await page.selectOption('#form-step select[name=satisfaction]', '5');
  await submit(page, '#form-step');
  assert.equal(await step(page), 'feedback_collected');
  assert.equal((await page.textContent('#case-satisfaction')).trim(), '5');

  await page.fill('#form-step textarea[name=root_cause]', '该批次密封圈不合格');
  await page.fill('#form-step textarea[name=improvement]', '通知供应商整改，到货抽检');
  await page.selectOption('#form-step select[name=reasonable]', '1');
  await submit(page, '#form-step');
  assert.equal(await step(page), 'closed');
  assert.equal(await page.locator('#case-actions').count(), 0, 'no actions on a closed case');
  const kinds = await page.locator('#case-timeline li').evaluateAll((li) => li.map((l) => l.dataset.kind));
  assert.deepEqual(kinds.filter((k) => k === 'step').length, 7);
  assert.ok(kinds.includes('attach') && kinds.includes('reply'));
  await page.screenshot({ path: `${SHOTS}/complaint-closed.png`, fullPage: true });
  await page.close();
});

test('admin keeps the holiday calendar: add from the navigation, change, remove', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await login(page, 'admin');
  await Promise.all([page.waitForURL(/\/complaints\/holidays$/), page.click('nav a[data-plugin=complaints]')]);
  await page.goto(`${BASE}/complaints/holidays?year=2098`);
  await page.fill('#holiday-add-form input[name=day]', '2098-05-01');
  await page.selectOption('#holiday-add-form select[name=kind]', 'holiday');
  await page.fill('#holiday-add-form input[name=name]', '劳动节');
  await Promise.all([page.waitForNavigation(), page.click('#holiday-add-form button[type=submit]')]);
  const row = 'tr[data-day="2098-05-01"]';
  assert.equal(await page.getAttribute(row, 'data-kind'), 'holiday');

  await page.selectOption(`${row} select[name=kind]`, 'workday');
  await page.fill(`${row} input[name=name]`, '劳动节调休');
  await Promise.all([page.waitForNavigation(), page.click(`${row} form[data-op=change] button`)]);
  assert.equal(await page.getAttribute(row, 'data-kind'), 'workday');
  assert.equal(await page.inputValue(`${row} input[name=name]`), '劳动节调休');
  await page.screenshot({ path: `${SHOTS}/holidays.png`, fullPage: true });

  await Promise.all([page.waitForNavigation(), page.click(`${row} form[data-op=delete] button`)]);
  assert.equal(await page.locator(row).count(), 0);
  assert.equal(await page.locator('#holiday-empty').count(), 1);
  await page.close();
});
