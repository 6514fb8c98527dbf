// browser.mjs -- Debian's Chromium through playwright-core for the browser
// tests: never a downloaded browser, and no background network traffic.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BASE = process.env.KEFU_URL || 'http://127.0.0.1:8181';
export const SHOTS = `${process.env.KEFU_INST || '../var/test'}/screenshots`;

export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Logs a demo user in through the form; resolves on the dashboard.
export async function login(page, user) {
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'kefu-demo');
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);
}
