// portal.test.mjs -- the portal in headless Debian Chromium (playwright-core).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, BASE, SHOTS } from '../lib/browser.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('log in through the form, see the dashboard, switch language, log out', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=username]', 'employee');
  await page.fill('input[name=password]', 'wrong-password');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('.alert'), /用户名或密码不正确/);
  await login(page, 'employee');
  assert.equal(await page.textContent('h1'), '工作台');
  assert.ok(await page.isVisible('.panel[data-plugin=hello]'));
  await page.screenshot({ path: `${SHOTS}/dashboard-desktop.png` });
  await Promise.all([page.waitForNavigation(), page.click('button[value=en]')]);
  assert.equal(await page.textContent('h1'), 'Dashboard');
  await Promise.all([page.waitForNavigation(), page.click('button[value=zh_CN]')]);
  assert.equal(await page.textContent('h1'), '工作台');
  await Promise.all([page.waitForURL(`${BASE}/login`), page.click('#logout')]);
  await page.goto(`${BASE}/`);
  assert.ok(page.url().startsWith(`${BASE}/login`), 'logged out on the server');
  await page.close();
});

test('phone width: the menu folds and the page does not scroll sideways', async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
  await login(page, 'manager');
  assert.ok(!(await page.isVisible('nav.nav')), 'menu folded');
  await page.click('label.navbutton');
  assert.ok(await page.isVisible('nav.nav'), 'menu opens');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(wide, false);
  await page.screenshot({ path: `${SHOTS}/dashboard-phone.png`, fullPage: true });
  await page.close();
});

test('admin switches a plugin off for BR02 in the matrix: it vanishes for employee2 only', async () => {
  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await login(admin, 'admin');
  await admin.goto(`${BASE}/admin/plugins`);
  const cell = admin.locator('#cell-hello-BR02');
  await cell.locator('select[name=value]').selectOption('off');
  await Promise.all([admin.waitForNavigation(), cell.locator('button[type=submit]').click()]);
  assert.equal(await admin.getAttribute('td[data-plugin=hello][data-dept=BR02]', 'data-effective'), 'off');
  await admin.screenshot({ path: `${SHOTS}/plugin-matrix.png` });

  const emp2 = await browser.newPage();
  await login(emp2, 'employee2');
  assert.equal(await emp2.locator('nav a[data-plugin=hello]').count(), 0);
  assert.equal(await emp2.locator('.panel[data-plugin=hello]').count(), 0);
  const r = await emp2.goto(`${BASE}/hello/`);
  assert.equal(r.status(), 403);
  assert.match(await emp2.textContent('main'), /未对您所在的部门启用/);

  const emp = await browser.newPage();
  await login(emp, 'employee');
  assert.equal(await emp.locator('nav a[data-plugin=hello]').count(), 1);

  await admin.goto(`${BASE}/admin/plugins`);
  await cell.locator('select[name=value]').selectOption('inherit');
  await Promise.all([admin.waitForNavigation(), cell.locator('button[type=submit]').click()]);
  const back = await emp2.goto(`${BASE}/hello/`);
  assert.equal(back.status(), 200);
  await Promise.all([admin.close(), emp.close(), emp2.close()]);
});
