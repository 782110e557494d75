// A bad or unreachable bank never gives a blank page: the app says what is
// wrong and where, and keeps what it can. The bank response is replaced in
// the browser (Playwright routing), the app itself is the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, gotoRoute, bank } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function withBank(body, status = 200) {
  const page = await openPage(browser);
  await page.route('**/static/bank.json', (route) => route.fulfill({ status, contentType: 'application/json', body }));
  return page;
}

test('malformed JSON shows the error with its line and column', async () => {
  const page = await withBank('{\n  "version": 1,\n  "id": oops\n}');
  await gotoRoute(page, '#/', '.load-error');
  const text = await page.locator('.load-error').textContent();
  assert.match(text, /line 3, column 9: field `id`: expected value/);
  assert.ok(await page.locator('.load-error button').isVisible(), 'a retry button');
});

test('one invalid question is listed with its id and field; the others still load', async () => {
  const b = structuredClone(await bank());
  b.questions[1].parts[0].kind.correct = 99;
  b.questions[1].parts[0].kind.type = 'single';
  b.questions[2].kind = { type: 'essay' };
  const page = await withBank(JSON.stringify(b));
  await gotoRoute(page, '#/');
  const problems = await page.getByTestId('bank-problems').textContent();
  assert.match(problems, new RegExp(`question \`${b.questions[2].id}\`, field \`kind.type\``));
  assert.match(problems, /unknown variant `essay`/);
  assert.equal(await page.locator('a[data-qid]').count(), b.questions.length - 2);
  await gotoRoute(page, `#/q/${b.questions[0].id}`);
  assert.ok((await page.getByTestId('question-prompt').textContent()).length > 10);
});

test('a 404 for the bank says so and offers a retry that works', async () => {
  const page = await openPage(browser);
  let fail = true;
  await page.route('**/static/bank.json', (route) => (fail ? route.fulfill({ status: 404, body: 'gone' }) : route.fallback()));
  await gotoRoute(page, '#/', '.load-error');
  assert.match(await page.locator('.load-error').textContent(), /HTTP 404/);
  fail = false;
  await page.locator('.load-error button').click();
  await page.waitForSelector('.intro');
  assert.ok(await page.locator('a[data-qid]').count() > 0);
});

test('a dead network gives a message, not a blank page', async () => {
  const page = await openPage(browser);
  await page.route('**/static/bank.json', (route) => route.abort('internetdisconnected'));
  await gotoRoute(page, '#/', '.load-error');
  assert.match(await page.locator('.load-error').textContent(), /network error/);
});
