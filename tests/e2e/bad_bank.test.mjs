// A bad or unreachable bank never gives a blank page: the app says what is
// wrong and where, and keeps what it can. The bank response is replaced in
// the browser (Playwright routing), the app itself is the release build.
// The first-load app reads the built-in bank's index (static/core/index.json,
// written and checked at build time); the full app reads static/bank.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, gotoRoute, bank } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function withBank(body, status = 200, path = '**/static/bank.json') {
  const page = await openPage(browser);
  await page.route(path, (route) => route.fulfill({ status, contentType: 'application/json', body }));
  return page;
}

const MALFORMED = '{\n  "version": 1,\n  "id": oops\n}';

test('malformed JSON shows the error with its line and column', async () => {
  // The full app (here for #/labs) parsing bank.json: line, column and field.
  const page = await withBank(MALFORMED);
  await gotoRoute(page, '#/labs', '.load-error');
  const text = await page.locator('.load-error').textContent();
  assert.match(text, /line 3, column 9: field `id`: expected value/);
  assert.ok(await page.locator('.load-error button').isVisible(), 'a retry button');
  // The first-load app reading a damaged index: the file, line and column.
  const first = await withBank(MALFORMED, 200, '**/static/core/index.json');
  await gotoRoute(first, '#/', '.load-error');
  assert.match(await first.locator('.load-error').textContent(), /static\/core\/index\.json: expected value at line 3 column 9/);
  assert.ok(await first.locator('.load-error button').isVisible(), 'a retry button');
});

test('one invalid question is listed with its id and field; the others still load', async () => {
  const b = structuredClone(await bank());
  b.questions[1].parts[0].kind.correct = 99;
  b.questions[1].parts[0].kind.type = 'single';
  b.questions[2].kind = { type: 'essay' };
  // The full app validates bank.json as it loads it (the first-load app's
  // copy is checked at build time): open it through a route it serves.
  const page = await withBank(JSON.stringify(b));
  await gotoRoute(page, '#/labs', '[data-testid="bank-problems"]');
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
  await page.route('**/static/core/index.json', (route) => (fail ? route.fulfill({ status: 404, body: 'gone' }) : route.fallback()));
  await gotoRoute(page, '#/', '.load-error');
  assert.match(await page.locator('.load-error').textContent(), /HTTP 404/);
  fail = false;
  await page.locator('.load-error button').click();
  await page.waitForSelector('#app .intro');
  assert.ok(await page.locator('a[data-qid]').count() > 0);
});

test('a dead network gives a message, not a blank page', async () => {
  const page = await openPage(browser);
  await page.route('**/static/core/index.json', (route) => route.abort('internetdisconnected'));
  await gotoRoute(page, '#/', '.load-error');
  assert.match(await page.locator('.load-error').textContent(), /network error/);
});
