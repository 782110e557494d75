// Progress in the browser: it survives a reload; storage that throws still
// lets a whole session run (with the notice); a corrupt document is backed
// up, announced and downloadable; export, clear, import gives back the same
// bytes; two tabs see each other's reviews; review mode walks the queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, gotoRoute, ready, textSoon } from './harness.mjs';

const KEY = 'ail.progress';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Answers part `stored-value` of fp32-rounding right and self-grades resnet;
 * then waits until both reviews are in storage, unless `stored` is false. */
async function practise(page, { stored = true } = {}) {
  await gotoRoute(page, '#/q/fp32-rounding');
  const p = page.locator('[data-part="stored-value"]');
  await p.getByTestId('answer-input').fill('9900000256');
  await p.getByTestId('submit').click();
  assert.equal(await textSoon(p.getByTestId('verdict'), 'correct'), 'correct');
  await gotoRoute(page, '#/q/resnet');
  await page.getByTestId('reveal').click();
  await page.locator('[data-rating="3"]').click();
  if (stored) await storedReviews(page, 2);
}

/** Waits until this page's storage holds `n` reviews in all: a click's
 * action (and its write) may run in a later task than the click, so a
 * reload or another tab could otherwise read the store before it. */
async function storedReviews(page, n) {
  await page.waitForFunction(([k, n]) => {
    const doc = JSON.parse(localStorage.getItem(k) ?? 'null');
    return doc && Object.values(doc.banks).reduce((sum, b) => sum + b.reviews.length, 0) === n;
  }, [KEY, n], { timeout: 5000 });
}

async function totalReviews(page) {
  await gotoRoute(page, '#/stats', '[data-testid="total-reviews"]');
  return Number(await page.getByTestId('total-reviews').textContent());
}

test('progress survives a reload', async () => {
  const page = await openPage(browser);
  await practise(page);
  await page.reload();
  assert.equal(await totalReviews(page), 2);
  const doc = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  const reviews = Object.values(doc.banks)[0].reviews;
  assert.deepEqual(reviews.map((r) => [r.q, r.part ?? '', r.outcome, r.rating]),
    [['fp32-rounding', 'stored-value', 'correct', 3], ['resnet', '', 'self_graded', 3]]);
  assert.deepEqual(page.errors, []);
});

test('when local storage throws, the tab keeps the progress from page to page, and says so once a page', async () => {
  const page = await openPage(browser);
  // Full local storage; session storage still works.
  await page.context().addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (this === window.localStorage) throw new DOMException('quota', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  });
  await practise(page, { stored: false });
  await page.waitForSelector('[data-testid="memory-notice"]');
  assert.equal(await page.getByTestId('memory-notice').count(), 1);
  assert.match(await page.getByTestId('memory-notice').textContent(), /kept in this tab only/);
  // A generated part too (the app module), and the counts carry across pages.
  await gotoRoute(page, '#/q/perpendicular-foot?seed=4');
  const foot = page.locator('[data-part="foot-2d"]');
  await foot.getByTestId('answer-input').fill('3.8 2.4');
  await foot.getByTestId('submit').click();
  await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('ail.progress') ?? '{"banks":{}}').banks['nvidia-ai-engineer-2020']?.reviews.length === 3);
  await page.getByTestId('stats-link').click();
  await page.waitForSelector('[data-testid="total-reviews"]');
  assert.equal(await page.getByTestId('total-reviews').textContent(), '3');
  assert.equal(await page.evaluate(() => localStorage.getItem('ail.progress')), null);
  assert.deepEqual(page.errors, []);
});

test('when no storage can be written, a page still grades and records, and says so once', async () => {
  const page = await openPage(browser);
  await page.context().addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };
  });
  await practise(page, { stored: false });
  await page.waitForSelector('[data-testid="memory-notice"]');
  assert.equal(await page.getByTestId('memory-notice').count(), 1);
  assert.match(await page.getByTestId('memory-notice').textContent(), /on this page only/);
  // The rating was taken (on this page, in memory).
  assert.equal(await page.locator('.rating [aria-pressed="true"]').getAttribute('data-rating'), '3');
  assert.deepEqual(page.errors, []);
});

test('export, clear, import gives back the same progress byte for byte; import is idempotent and undoable', async () => {
  const page = await openPage(browser);
  await practise(page);
  const original = await page.evaluate((k) => localStorage.getItem(k), KEY);
  await gotoRoute(page, '#/stats', '[data-testid="export"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const file = await download.path();
  assert.equal(readFileSync(file, 'utf8'), original);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.equal(await totalReviews(page), 0);
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.getByTestId('import-preview').textContent(), /adds 2 reviews \(0 already/);
  await page.getByTestId('apply-import').click();
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), original);
  assert.equal(await page.getByTestId('total-reviews').textContent(), '2');
  // Again: nothing is added twice.
  await page.getByTestId('import-file').setInputFiles(file);
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.getByTestId('import-preview').textContent(), /adds 0 reviews \(2 already/);
  await page.getByTestId('apply-import').click();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), original);
  // Undo restores the document before that import (the same here).
  await page.getByTestId('undo-import').click();
  assert.equal(await page.getByTestId('total-reviews').textContent(), '2');
  // A file that is not progress is refused with the reason.
  await page.getByTestId('import-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"version":7}') });
  await page.waitForSelector('[data-testid="import-error"]');
  assert.match(await page.getByTestId('import-error').textContent(), /newer version/);
  assert.deepEqual(page.errors, []);
});

test('two tabs see each other\'s reviews', async () => {
  const a = await openPage(browser);
  const b = await a.context().newPage();
  b.errors = [];
  await gotoRoute(b, '#/stats', '[data-testid="total-reviews"]');
  assert.equal(await b.getByTestId('total-reviews').textContent(), '0');
  await practise(a);
  await b.waitForFunction(() => document.querySelector('[data-testid="total-reviews"]').textContent === '2');
  // And back: b rates a question, a's copy includes it.
  await gotoRoute(b, '#/q/classical-ml');
  await b.getByTestId('reveal').click();
  await b.locator('[data-rating="4"]').click();
  await storedReviews(b, 3);
  assert.equal(await totalReviews(a), 3);
  assert.deepEqual(a.errors, []);
});

test('review mode serves today\'s queue and moves on after each rating', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/review', '[data-testid="review-summary"]');
  assert.match(await page.getByTestId('review-summary').textContent(), /^20 left today: 0 due, 20 new\.$/);
  await page.getByTestId('daily-limit').fill('3');
  await page.getByTestId('daily-limit').dispatchEvent('change');
  await page.waitForFunction(() => /^3 left/.test(document.querySelector('[data-testid="review-summary"]').textContent));
  await page.getByTestId('start-review').click();
  await page.waitForURL(/\/q\/[a-z0-9-]+\/\?r=1$/);
  await ready(page);
  const first = await page.locator('article.question').getAttribute('data-qid');
  assert.equal(await page.locator('#q-title').textContent(), 'Question 1 of 3');
  await page.getByTestId('reveal').click();
  await page.locator('[data-rating="3"]').click();
  await page.getByTestId('next').click();
  await page.waitForURL((u) => !u.pathname.includes(`/q/${first}/`));
  await ready(page);
  assert.equal(await page.locator('#q-title').textContent(), 'Question 1 of 2');
  await gotoRoute(page, '#/review', '[data-testid="review-summary"]');
  assert.match(await page.getByTestId('review-summary').textContent(), /^2 left today/);
  assert.deepEqual(page.errors, []);
});
