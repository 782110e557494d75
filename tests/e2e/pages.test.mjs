// The static pages (src/site.rs): readable without script, each with its
// own address, title and language link; taken over by their module without
// a visible change (no layout shift, the largest paint stays the page's
// own); the first visit of a question fetches the practice module only;
// the home page shows the learner's day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, gotoRoute, ready, address, bank, horizontalOverflow, textSoon, BASE } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('with JavaScript off, a question page shows its prompt, and the answer with MathML behind a details', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  for (const [path, lang] of [['q/fp32-rounding/', 'en'], ['zh/q/fp32-rounding/', 'zh-CN']]) {
    await page.goto(new URL(path, BASE).href);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.match(await page.getByTestId('question-prompt').textContent(), /9\.9e9 \+ 1e-9/);
    // Controls that need script are not offered; the answer is one click away.
    assert.equal(await page.getByTestId('reveal').isVisible(), false);
    assert.equal(await page.locator('[data-testid="submit"]:visible').count(), 0);
    const details = page.locator('details.static-answer');
    const summary = details.locator('> summary');
    assert.equal(await details.locator('[data-t="answer"]').isVisible(), false);
    await summary.click();
    assert.ok(await details.locator('[data-t="answer"]').isVisible());
    assert.ok(await details.locator('[data-t="answer"] math, [data-t="explanation"] math').count() > 0, 'MathML in the answer');
    assert.equal(await details.locator('math').first().evaluate((m) => m.namespaceURI), 'http://www.w3.org/1998/Math/MathML');
    // Every part's prompt, and its explanation one click away.
    const parts = (await bank()).questions.find((q) => q.id === 'fp32-rounding').parts.length;
    assert.equal(await page.locator('[data-testid="part"] .part-prompt').count(), parts);
    assert.equal(await page.locator('[data-testid="part"] details.static-why').count(), parts);
    // The same page in the other language, by a plain link.
    const other = await page.getByTestId('lang-toggle').getAttribute('href');
    assert.equal(other, lang === 'en' ? 'zh/q/fp32-rounding/' : 'q/fp32-rounding/');
    assert.equal(await horizontalOverflow(page), 0, path);
  }
  await ctx.close();
});

test('the same address becomes interactive: nothing moves, the largest paint stays the page\'s own, and it grades', async () => {
  for (const [path, check] of [['q/fp32-rounding/', '[data-part="stored-value"]'], ['lab/float/', '[data-testid="stored-x"]'], ['', '[data-testid="start"]']]) {
    const page = await openPage(browser, { width: 360, height: 640 });
    await page.addInitScript(() => {
      window.__shifts = 0;
      window.__lcp = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp.push(e.startTime); })
        .observe({ type: 'largest-contentful-paint', buffered: true });
    });
    // Hold the module until the static page has been painted, as on a slow network.
    let shownBefore;
    await page.route('**/ail-*_bg.wasm', async (r) => {
      await page.waitForFunction(() => window.__lcp.length > 0, null, { timeout: 10_000 }).catch(() => {});
      shownBefore = await shown(page);
      await r.fallback();
    });
    await page.goto(new URL(path, BASE).href);
    await ready(page);
    await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
    await page.waitForTimeout(200);
    const r = await page.evaluate(() => ({ shifts: window.__shifts, lcp: window.__lcp }));
    assert.equal(r.shifts, 0, path);
    assert.equal(r.lcp.length, 1, `${path}: one candidate, the static page's: ${r.lcp}`);
    assert.deepEqual(await shown(page), shownBefore, `${path}: what was on screen stays as it was`);
    assert.ok(await page.locator(check).count() > 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  // And it answers: a part graded, the answer revealed and self-graded.
  const page = await openPage(browser);
  await gotoRoute(page, 'q/fp32-rounding/');
  const part = page.locator('[data-part="stored-value"]');
  await part.getByTestId('answer-input').fill('9900000256');
  await part.getByTestId('submit').click();
  assert.equal(await textSoon(part.getByTestId('verdict'), 'correct'), 'correct');
  await page.getByTestId('reveal').click();
  await page.locator('[data-rating="4"]').click();
  assert.equal(await page.locator('.rating [aria-pressed="true"]').getAttribute('data-rating'), '4');
  assert.deepEqual(page.errors, []);
});

test('formulas draw the minus sign, never a hyphen, after the module has taken over', async () => {
  const page = await openPage(browser);
  for (const path of ['q/batch-norm/', 'zh/q/parallel-nms/']) {
    await gotoRoute(page, path);
    await page.getByTestId('reveal').click();
    const mo = await page.evaluate(() => [...document.querySelectorAll('#app mo')].map((m) => m.textContent));
    assert.ok(mo.length > 20, `${path}: ${mo.length} operators`);
    assert.deepEqual(mo.filter((t) => t === '-'), [], path);
    assert.ok(mo.includes('\u2212'), `${path}: no minus sign among ${mo.length} operators`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Text and box of what the top of the page shows. */
function shown(page) {
  return page.evaluate(() => ['header.top .brand', 'header.top .lang', '#q-title', '.prompt', '.part-prompt', 'article.lab h1', '.lab-body p', '.intro h1', '.today-box', '.topic h3']
    .flatMap((sel) => [...document.querySelectorAll(`#app ${sel}`)]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => {
        const b = e.getBoundingClientRect();
        return { sel, text: e.textContent.trim().slice(0, 80), box: [b.x, b.y, b.width, b.height].map(Math.round) };
      })));
}

test('the first visit of a question or the home page fetches the practice module only', async () => {
  for (const path of ['q/mlp-gradient-update/', '']) {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const page = await ctx.newPage();
    const urls = [];
    page.on('request', (r) => urls.push(r.url().slice(BASE.length)));
    await page.goto(new URL(path, BASE).href);
    await ready(page);
    await page.waitForTimeout(300);
    assert.ok(urls.some((u) => /^ail-practice-[0-9a-f]{1,16}_bg\.wasm$/.test(u)), urls.join(' '));
    assert.deepEqual(urls.filter((u) => /ail-app|bank\.json|static\/q\//.test(u)), [], path);
    await ctx.close();
  }
});

test('old hash links open the page at its own address, with its own title', async () => {
  const page = await openPage(browser);
  const cases = [
    ['#/q/batch-norm', 'q/batch-norm/', /batch normali[sz]ation.*· AI Interview Lab$/i],
    ['#/q/batch-norm?s=7&t=training', 'q/batch-norm/?s=7&t=training', /· AI Interview Lab$/],
    ['#/lab/float?x=0.1&y=0&op=div&fmt=f64', 'lab/float/?x=0.1&y=0&op=div&fmt=f64', /^Float formats and rounding · AI Interview Lab$/],
    ['#/labs', 'labs/', /^Numeric labs · AI Interview Lab$/],
    ['#/review', 'review/', /^Review · AI Interview Lab$/],
    ['#/stats', 'stats/', /^Progress · AI Interview Lab$/],
  ];
  for (const [old, now, title] of cases) {
    await gotoRoute(page, old);
    assert.equal(address(page), now, old);
    assert.match(await page.title(), title, old);
  }
  // A page's description says what it shows.
  await gotoRoute(page, 'q/fp32-rounding/');
  assert.ok((await page.locator('meta[name="description"]').getAttribute('content')).length > 60);
  assert.deepEqual(page.errors, []);
});

test('the language link works before the module has started, and the choice is kept', async () => {
  const page = await openPage(browser);
  await page.route('**/ail-*', (r) => r.abort());
  await page.goto(new URL('q/resnet/', BASE).href);
  await page.getByTestId('lang-toggle').click();
  await page.waitForURL(/\/zh\/q\/resnet\/$/);
  assert.equal(await page.evaluate(() => localStorage.getItem('ail.lang')), 'zh');
  // An English link now opens the Chinese page, the choice made.
  await page.goto(new URL('q/batch-norm/', BASE).href);
  await page.waitForURL(/\/zh\/q\/batch-norm\/$/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.context().close();
});

test('no CSP violation, no console error, no horizontal scroll at 360 px on every kind of page', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    const page = await openPage(browser, { width: 360, height: 640, locale });
    await page.context().addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const prefix = locale === 'zh-CN' ? 'zh/' : '';
    for (const path of ['', 'q/fp32-rounding/', 'q/eigen-permutation/', 'lab/nms/', 'labs/', 'review/', 'stats/', 'q/fp32-rounding/?seed=9']) {
      await gotoRoute(page, prefix + path);
      assert.equal(await horizontalOverflow(page), 0, `${prefix}${path}`);
      assert.deepEqual(await page.evaluate(() => window.__csp), [], `${prefix}${path}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('the home page shows what is due today and the streak once there is progress', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '');
  assert.match(await page.getByTestId('today-box').textContent(), /Once you answer questions/);
  const before = await page.getByTestId('today-box').boundingBox();
  // Two days of reviews: resnet rated Again the day before yesterday (due
  // again now), batch-norm rated Easy yesterday (not due yet).
  const day = 86_400_000;
  const now = Date.now();
  const doc = {
    version: 1,
    banks: { 'nvidia-ai-engineer-2020': { reviews: [
      { t: now - 2 * day, q: 'resnet', outcome: 'incorrect', rating: 1 },
      { t: now - day, q: 'batch-norm', outcome: 'self_graded', rating: 4 },
    ] } },
    settings: { daily_limit: 20 },
  };
  await page.evaluate((d) => localStorage.setItem('ail.progress', JSON.stringify(d)), doc);
  await page.reload();
  await ready(page);
  assert.equal(await page.getByTestId('due-count').textContent(), '1');
  assert.equal(await page.getByTestId('new-count').textContent(), '19');
  assert.equal(await page.getByTestId('streak').textContent(), '2');
  assert.equal(await page.getByTestId('home-review').getAttribute('href'), 'review/');
  assert.equal(await page.getByTestId('home-interview').getAttribute('href'), 'interview/');
  // The box keeps its size, so nothing below it moved.
  assert.deepEqual(await page.getByTestId('today-box').boundingBox(), before);
  assert.deepEqual(page.errors, []);
});
