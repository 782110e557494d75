// Bad or unreachable data never gives a blank page: the app says what is
// wrong and where, and keeps what it can. Responses are replaced in the
// browser (Playwright routing); the app itself is the release build. The
// built-in bank is checked when the site is built (a bank with a problem
// stops the build), so what can go wrong in the browser is someone
// else's bank (?bank=), a question's source for another variant
// (static/q/<id>.json), and the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, gotoRoute, bank, BASE } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const MALFORMED = '{\n  "version": 1,\n  "id": oops\n}';

/** A page whose requests matching `path` get `body` with `status`. */
async function withResponse(path, body, status = 200) {
  const page = await openPage(browser);
  await page.route(path, (route) => route.fulfill({ status, contentType: 'application/json', body }));
  return page;
}

test('malformed JSON shows the error with its line and column', async () => {
  // Someone's bank, served from this site's own path.
  const page = await withResponse('**/static/test-bank.json', MALFORMED);
  await gotoRoute(page, '?bank=static/test-bank.json#/', '.load-error');
  const text = await page.locator('.load-error').textContent();
  assert.match(text, /line 3, column 9: field `id`: expected value/);
  assert.ok(await page.locator('.load-error button').isVisible(), 'a retry button');
  // A question's source, which the app draws another variant from: the
  // file, the line and column.
  const q = await withResponse('**/static/q/fp32-rounding.json', '{\n  "id": "fp32-rounding",\n  "topic": oops\n}');
  await gotoRoute(q, 'q/fp32-rounding/?seed=5', '.load-error');
  assert.match(await q.locator('.load-error').textContent(), /static\/q\/fp32-rounding\.json: line 3, column 12: field `topic`: expected value/);
});

test('one invalid question is listed with its id and field; the others still load', async () => {
  const b = structuredClone(await bank());
  b.questions[1].parts[0].kind.correct = 99;
  b.questions[1].parts[0].kind.type = 'single';
  b.questions[2].kind = { type: 'essay' };
  const page = await withResponse('**/static/test-bank.json', JSON.stringify(b));
  await gotoRoute(page, '?bank=static/test-bank.json#/', '[data-testid="bank-problems"]');
  const problems = await page.getByTestId('bank-problems').textContent();
  assert.match(problems, new RegExp(`question \`${b.questions[2].id}\`, field \`kind.type\``));
  assert.match(problems, /unknown variant `essay`/);
  assert.match(problems, new RegExp(`question \`${b.questions[1].id}\``));
  assert.equal(await page.locator('a[data-qid]').count(), b.questions.length - 2);
  await page.goto(`${BASE}?bank=static/test-bank.json#/q/${b.questions[0].id}`);
  await page.waitForSelector('[data-testid="question-prompt"]');
  assert.ok((await page.getByTestId('question-prompt').textContent()).length > 10);
});

test('a 404 for the bank says so and offers a retry that works', async () => {
  const page = await openPage(browser);
  let fail = true;
  const b = JSON.stringify(await bank());
  await page.route('**/static/test-bank.json', (route) => (fail
    ? route.fulfill({ status: 404, body: 'gone' })
    : route.fulfill({ status: 200, contentType: 'application/json', body: b })));
  await gotoRoute(page, '?bank=static/test-bank.json#/', '.load-error');
  assert.match(await page.locator('.load-error').textContent(), /HTTP 404/);
  fail = false;
  await page.locator('.load-error button').click();
  await page.waitForSelector('#app .intro');
  assert.ok(await page.locator('a[data-qid]').count() > 0);
});

test('a dead network gives a message, not a blank page', async () => {
  // The module cannot be fetched: the static page stays, and says so.
  const page = await openPage(browser);
  let dead = true;
  await page.route('**/ail-practice-*', (route) => (dead ? route.abort('internetdisconnected') : route.fallback()));
  await page.goto(new URL('q/fp32-rounding/', BASE).href);
  await page.waitForSelector('[data-testid="module-failed"]');
  assert.match(await page.getByTestId('module-failed').textContent(), /could not be loaded \(offline\?\)\. This page can still be read\./);
  assert.ok((await page.getByTestId('question-prompt').textContent()).length > 10, 'the prompt is still there');
  dead = false;
  await page.getByTestId('module-retry').click();
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-ready'));
  assert.equal(await page.getByTestId('module-failed').count(), 0);
  // Another variant's source cannot be fetched: a message with the address.
  const variant = await openPage(browser);
  await variant.route('**/static/q/*.json', (route) => route.abort('internetdisconnected'));
  await gotoRoute(variant, 'q/fp32-rounding/?seed=5', '.load-error');
  assert.match(await variant.locator('.load-error').textContent(), /network error while fetching static\/q\/fp32-rounding\.json/);
});
