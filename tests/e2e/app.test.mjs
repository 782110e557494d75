// End-to-end tests of the release build served on loopback (see .ci/test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, openPage, gotoRoute, ready, bank, horizontalOverflow, textSoon, goneSoon } from './harness.mjs';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('home lists every topic with its question count, and every question', async () => {
  const b = await bank();
  const page = await openPage(browser);
  await gotoRoute(page, '#/');
  const topics = page.locator('[data-testid="topic"]');
  assert.equal(await topics.count(), b.topics.length);
  for (const t of b.topics) {
    const card = page.locator(`[data-testid="topic"][data-topic="${t.id}"]`);
    const n = b.questions.filter((q) => q.topic === t.id).length;
    assert.equal(await card.locator('h3').textContent(), t.name.en);
    assert.equal(await card.locator('.count').textContent(), n === 1 ? '1 question' : `${n} questions`);
  }
  assert.equal(await page.locator('a[data-qid]').count(), b.questions.length);
  assert.equal(b.questions.length, 33);
  // Math in a summary reads as text, not as LaTeX source.
  const summaries = await page.locator('.q-summary').allTextContents();
  assert.deepEqual(summaries.filter((t) => t.includes('\\')), []);
  assert.match(await page.locator('a[data-qid="eigen-permutation"] .q-summary').textContent(), /^Let S = QLQᵀ with L = diag\(l₀, l₁, l₂, l₃\) diagonal/);
  assert.deepEqual(page.errors, []);
});

test('every question opens by deep link with no console error', async () => {
  const b = await bank();
  const page = await openPage(browser);
  for (const q of b.questions) {
    await gotoRoute(page, `#/q/${q.id}`);
    const prompt = (await page.getByTestId('question-prompt').textContent()).trim();
    assert.ok(prompt.length > 10, `${q.id}: prompt "${prompt}"`);
    assert.equal(await page.locator('article.question').getAttribute('data-qid'), q.id);
    // Reveal and check the answer renders (math included) without errors.
    await page.getByTestId('reveal').click();
    await page.waitForSelector('section.answer');
    assert.equal(await page.locator('code.math-error').count(), 0, `${q.id} has a formula that failed to render`);
    assert.deepEqual(page.errors, [], `${q.id}: ${page.errors.join('\n')}`);
  }
});

test('a single-choice part is graded right and wrong, with explanations', async () => {
  const b = await bank();
  const q = b.questions.find((x) => x.id === 'fp32-rounding');
  const part = q.parts.find((p) => p.kind.type === 'single');
  const key = part.kind.correct;
  const wrong = key === 0 ? 1 : 0;
  const page = await openPage(browser);
  await gotoRoute(page, `#/q/${q.id}`);
  const section = page.locator(`[data-part="${part.id}"]`);
  await section.locator(`input[data-option="${wrong}"]`).check();
  await section.getByTestId('submit').click();
  assert.equal(await textSoon(section.getByTestId('verdict'), 'incorrect'), 'incorrect');
  await section.locator(`input[data-option="${key}"]`).check();
  await goneSoon(section.getByTestId('verdict'));
  assert.equal(await section.getByTestId('verdict').count(), 0, 'changing the answer clears the verdict');
  await section.getByTestId('submit').click();
  assert.equal(await textSoon(section.getByTestId('verdict'), 'correct'), 'correct');
  assert.equal(await section.locator('.choice .why').count(), part.kind.options.length);
  assert.deepEqual(page.errors, []);
});

test('a numeric part is graded right and wrong, and unparseable input gets a message instead', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/q/fp32-rounding');
  const section = page.locator('[data-part="stored-value"]');
  const input = section.getByTestId('answer-input');
  assert.equal(await input.getAttribute('inputmode'), 'decimal');
  await input.fill('9900000000');
  await section.getByTestId('submit').click();
  assert.equal(await textSoon(section.getByTestId('verdict'), 'incorrect'), 'incorrect');
  assert.match(await section.locator('.numeric-feedback').textContent(), /9900000256/);
  await input.fill('abc');
  await section.getByTestId('submit').click();
  await goneSoon(section.getByTestId('verdict'));
  assert.equal(await section.getByTestId('verdict').count(), 0);
  assert.match(await section.locator('.answer-error').textContent(), /“abc” is not a number/);
  await input.fill('9900000256');
  await input.press('Enter');
  assert.equal(await textSoon(section.getByTestId('verdict'), 'correct'), 'correct');
  assert.deepEqual(page.errors, []);
});

test('an ordering part accepts spaces or commas', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/q/eigen-permutation');
  const section = page.locator('[data-part="order-3102"]');
  await section.getByTestId('answer-input').fill('0 1 2 3');
  await section.getByTestId('submit').click();
  assert.equal(await textSoon(section.getByTestId('verdict'), 'incorrect'), 'incorrect');
  await section.getByTestId('answer-input').fill('3,1,0,2');
  await section.getByTestId('submit').click();
  assert.equal(await textSoon(section.getByTestId('verdict'), 'correct'), 'correct');
});

test('language toggle switches UI and content, and is remembered', async () => {
  const b = await bank();
  const q = b.questions[0];
  const page = await openPage(browser, { locale: 'en-US' });
  await gotoRoute(page, `#/q/${q.id}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const enPrompt = (await page.getByTestId('question-prompt').textContent()).trim();
  await page.getByTestId('lang-toggle').click();
  // The click's render (and the choice's write) may come in a later task.
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && localStorage.getItem('ail.lang') === 'zh'
    && /[\u4e00-\u9fff]/.test(document.querySelector('[data-testid="question-prompt"]').textContent), null, { timeout: 5000 });
  assert.equal((await page.getByTestId('lang-toggle').textContent()).trim(), 'English');
  const zhPrompt = (await page.getByTestId('question-prompt').textContent()).trim();
  assert.notEqual(zhPrompt, enPrompt);
  assert.ok(/[\u4e00-\u9fff]/.test(zhPrompt), 'Chinese prompt');
  await page.reload();
  await page.waitForSelector('[data-testid="question-prompt"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
});

test('the browser language picks the default UI language', async () => {
  const page = await openPage(browser, { locale: 'zh-CN' });
  await gotoRoute(page, '#/');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
});

test('keyboard: Space reveals, 3 self-grades, arrows walk the order', async () => {
  const b = await bank();
  const page = await openPage(browser);
  await gotoRoute(page, `#/q/${b.questions[0].id}`);
  await page.keyboard.press('Space');
  await page.waitForSelector('section.answer');
  await page.keyboard.press('3');
  assert.equal(await page.locator('.rating [aria-pressed="true"]').getAttribute('data-rating'), '3');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((id) => document.querySelector('article.question')?.dataset.qid === id, b.questions[1].id);
  // The new page's effects (focus, then the key listener) have run once its heading has focus.
  await page.waitForFunction(() => document.activeElement?.id === 'q-title');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((id) => document.querySelector('article.question')?.dataset.qid === id, b.questions[0].id);
});

test('next/previous follow a seeded shuffle and back/forward work', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/');
  await page.getByTestId('start').click();
  await page.waitForURL(/\/q\/[a-z0-9-]+\/\?s=\d+$/);
  await ready(page);
  const first = await page.locator('article.question').getAttribute('data-qid');
  await page.getByTestId('next').click();
  await page.waitForFunction((id) => document.querySelector('article.question')?.dataset.qid !== id, first);
  const second = await page.locator('article.question').getAttribute('data-qid');
  await page.goBack();
  await page.waitForFunction((id) => document.querySelector('article.question')?.dataset.qid === id, first);
  await page.goForward();
  await page.waitForFunction((id) => document.querySelector('article.question')?.dataset.qid === id, second);
  // The same seed gives the same walk in a fresh page.
  const url = page.url();
  assert.match(url, /\/q\/[a-z0-9-]+\/\?s=\d+$/);
  const again = await openPage(browser);
  await gotoRoute(again, url);
  assert.equal(await again.locator('article.question').getAttribute('data-qid'), second);
  // Its "next" walks on with the same seed.
  assert.equal(new URL(await again.getByTestId('next').getAttribute('href'), url).searchParams.get('s'), new URL(url).searchParams.get('s'));
});

test('360x640: no horizontal scroll on home or on a long revealed answer', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    const page = await openPage(browser, { width: 360, height: 640, locale });
    await gotoRoute(page, '#/');
    assert.equal(await horizontalOverflow(page), 0, `home ${locale}`);
    await page.screenshot({ path: `${ARTIFACTS}home-360-${locale}.png` });
    for (const id of ['fp32-rounding', 'distributed-matmul-memory', 'eigen-permutation', 'bagging-vs-boosting']) {
      await gotoRoute(page, `#/q/${id}`);
      await page.getByTestId('reveal').click();
      await page.waitForSelector('section.answer');
      assert.equal(await horizontalOverflow(page), 0, `${id} ${locale}`);
    }
    await page.screenshot({ path: `${ARTIFACTS}question-360-${locale}.png`, fullPage: true });
  }
});

test('tap targets are at least 44 px tall', async () => {
  const page = await openPage(browser, { width: 360, height: 640 });
  for (const hash of ['#/q/fp32-rounding?seed=1', '#/lab/perp-foot', '#/embed/q/parallel-nms?seed=1', '#/review', '#/stats']) {
    await gotoRoute(page, hash, '[data-testid="question-prompt"], article.lab, [data-testid="daily-limit"], section.stats');
    const small = await page.evaluate(() => [...document.querySelectorAll(
      'button, a.button, .choice label, input[type=text], input[type=number], select, [data-testid=lang-toggle], summary, .variant-lab a, .embed-foot a')]
      .filter((el) => el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().height < 44)
      .map((el) => `${el.tagName}.${el.className}: ${el.getBoundingClientRect().height}`));
    assert.deepEqual(small, [], hash);
  }
});

test('an unknown question id shows a message, not a blank page', async () => {
  const page = await openPage(browser);
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  // An old hash link and a page address: both reach the host's 404 page,
  // which the practice module fills in.
  for (const address of ['#/q/no-such-question', 'q/no-such-question/', 'zh/q/no-such-question/']) {
    await gotoRoute(page, address, '.load-error');
    assert.match(await page.locator('.load-error').textContent(), /no-such-question/, address);
    assert.equal(await page.locator('.load-error h1').evaluate((h) => h.firstChild.textContent.trim()),
      address.startsWith('zh') ? '找不到这道题：' : 'No question with id', address);
  }
  // The only failure is the page itself, which the host does not have
  // (Chromium logs that 404 as a console error); nothing else was missing.
  assert.deepEqual(failed, ['q/no-such-question/', 'q/no-such-question/', 'zh/q/no-such-question/']
    .map((p) => `404 ${new URL(p, page.url().replace(/(zh\/)?q\/.*$/, '')).href}`));
  assert.deepEqual(page.errors.filter((e) => !/status of 404/.test(e)), []);
  // A path that is no route at all is named as a page, not as a question id.
  await gotoRoute(page, '#/progress', '.load-error');
  assert.equal(await page.locator('.load-error h1').textContent(), 'No page at #/progress');
  assert.equal(await page.locator('.load-error a').getAttribute('href'), '');
});
