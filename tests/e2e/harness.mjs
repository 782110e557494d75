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

/**
 * Opens an address with a full page load: a page's own (`q/<id>/`) or, as
 * earlier versions linked, a hash route on the root page (`#/q/<id>`), which
 * the page's first script sends to the page's own address. Waits until a
 * module has taken the page over (`<html data-ready>`) and `waitFor` shows.
 */
export async function gotoRoute(page, address, waitFor = '[data-testid="question-prompt"], #app .intro, .load-error, article.lab, main section') {
  await page.goto(new URL(address, BASE).href);
  // An old hash route (`#/q/<id>`) is replaced by its page's address in the
  // head script: wait for that page, not the root page it left (under load
  // the root's own module may still be starting). A bank from elsewhere
  // keeps its hash routes.
  const hash = address.includes('#') ? address.slice(address.indexOf('#')) : '';
  if (/^#\/(embed\/)?((q|lab)\/[^?/]+|labs|review|stats)/.test(hash) && !address.includes('bank=')) {
    await page.waitForURL((u) => !u.hash.startsWith('#/'), { timeout: 10000 }).catch(() => {});
  }
  await ready(page);
  await page.waitForSelector(waitFor, { timeout: 15000 });
}

/** Waits until a module has taken the page over (after a load or a link). */
export async function ready(page) {
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-ready'), null, { timeout: 20000 });
}

/** The page's address relative to BASE: `q/x/?s=1` (hash included, if any). */
export function address(page) {
  return page.url().slice(BASE.length);
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

/**
 * The text of `locator` once it equals `want` (a string) or matches it (a
 * RegExp), or, after `ms`, whatever it is then, for the caller to assert.
 * A click's result may show a task later than the click (Yew's scheduler
 * yields after 16 ms of work), so an element that was already on the page
 * can still show what it showed before.
 */
export async function textSoon(locator, want, ms = 5000) {
  const ok = (t) => t !== null && (want instanceof RegExp ? want.test(t) : t === want);
  const t0 = Date.now();
  for (;;) {
    const t = await locator.textContent({ timeout: ms }).catch(() => null);
    if (ok(t) || Date.now() - t0 > ms) return t;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until no element matches `locator` (fails after `ms`). */
export async function goneSoon(locator, ms = 5000) {
  await locator.first().waitFor({ state: 'detached', timeout: ms });
}
