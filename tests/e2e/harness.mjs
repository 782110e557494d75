// Shared e2e helpers: one headless Debian Chromium per test file, pages that
// record console errors and page errors, and the bank the app serves.
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE || 'http://127.0.0.1:8099/';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** A new page whose console errors and uncaught errors are collected in `page.errors`. */
export async function openPage(browser, { width = 1280, height = 800, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  return page;
}

/** Opens a hash route with a full page load and waits for the app to render it. */
export async function gotoRoute(page, hash, waitFor = '[data-testid="question-prompt"], #app .intro, .load-error') {
  await page.goto(new URL(hash, BASE).href);
  await page.waitForSelector(waitFor, { timeout: 15000 });
}

let bankCache;
/** The bank as served (the same file the app fetches). */
export async function bank() {
  if (!bankCache) {
    const res = await fetch(new URL('static/bank.json', BASE));
    bankCache = await res.json();
  }
  return bankCache;
}

/** Horizontal overflow of the page in CSS pixels (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
