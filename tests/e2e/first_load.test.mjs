// The first visit loads the first-load app only (the crate without the
// `full` feature, see src/ui/upgrade.rs); the full app comes when a route
// needs it, and a failure to get it leaves a working page with a retry.
// The service worker is blocked here so that only the page's own requests
// are seen (its precache, after load, is pwa.test.mjs's subject).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function page() {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: 'block' });
  const p = await ctx.newPage();
  p.errors = [];
  p.on('console', (m) => { if (m.type() === 'error') p.errors.push(m.text()); });
  p.on('pageerror', (e) => p.errors.push(e.message));
  p.seen = [];
  p.on('request', (r) => p.seen.push(new URL(r.url()).pathname.replace(/^\//, '')));
  return p;
}

const full = (seen) => seen.filter((u) => u.startsWith('ail-full'));

// The full app is fetched beside the question's file. On a busy machine it
// can arrive first, and the page then rightly goes straight to it. To see
// the preview step itself, hold the full app's wasm until the page has set
// window.__preview (or 10 s have passed, and the test's check fails).
async function holdFullApp(p) {
  await p.route('**/ail-full_bg.wasm', async (r) => {
    await p.waitForFunction(() => window.__preview, null, { timeout: 10_000 }).catch(() => {});
    await r.fallback();
  });
}

test('home loads without the full app or the whole bank; a question shows its prompt first', async () => {
  const p = await page();
  await p.goto(`${BASE}#/`);
  await p.waitForSelector('a[data-qid]');
  await p.waitForLoadState('networkidle');
  assert.ok(p.seen.some((u) => /^ai-interview-lab-[0-9a-f]+_bg\.wasm$/.test(u)), p.seen.join(' '));
  assert.ok(p.seen.includes('static/core/index.json'));
  assert.deepEqual(full(p.seen), []);
  assert.ok(!p.seen.includes('static/bank.json'));
  assert.ok(!p.seen.some((u) => u.startsWith('static/core/q/')), 'no question file before one is opened');
  const listed = await p.locator('a[data-qid]').count();
  assert.equal(listed, 33);

  // A question: its own file and its prompt, rendered from the compiled
  // tree (MathML for its math) before the full app, fetched beside it,
  // takes the page over with the answer slots.
  // (The same document: a hash change, so the observer is set up in it.)
  await p.evaluate(() => {
    new MutationObserver((_, obs) => {
      const el = document.querySelector('[data-testid="question-preview"] .prompt');
      if (el && el.querySelector('p')) {
        window.__preview = { math: el.querySelectorAll('math').length };
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await holdFullApp(p);
  await p.goto(`${BASE}#/q/sigmoid-mse-ce-gradients`);
  await p.waitForSelector('[data-testid="question-prompt"]');
  await p.waitForLoadState('networkidle');
  const preview = await p.evaluate(() => window.__preview);
  assert.ok(preview, 'the prompt was shown before the full app');
  assert.ok(preview.math > 0, 'math rendered as MathML in the preview');
  assert.ok(p.seen.includes('static/core/q/sigmoid-mse-ce-gradients.json'));
  assert.ok(full(p.seen).includes('ail-full_bg.wasm'), p.seen.join(' '));
  // The full app's bank was fetched once, beside its wasm, and reused.
  assert.equal(p.seen.filter((u) => u === 'static/bank.json').length, 1, p.seen.join(' '));
  assert.equal(await p.locator('[data-testid="question-preview"]').count(), 0, 'the full app has the page');
  assert.ok(await p.locator('[data-testid="question-prompt"] p').count() >= 1);
  assert.ok(await p.locator('.md math').count() > 0, 'math rendered as MathML');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a question with variants shows its prompt at once, then the full app draws the variant', async () => {
  const p = await page();
  // The preview may be on screen only briefly: note when it appears.
  await p.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="question-preview"] .prompt p')) { window.__preview = true; obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await holdFullApp(p);
  await p.goto(`${BASE}#/q/fp32-rounding`);
  await p.waitForSelector('[data-testid="variant-seed"]');
  assert.equal(await p.evaluate(() => window.__preview), true, 'the prompt was shown before the full app');
  assert.match(new URL(p.url()).hash, /^#\/q\/fp32-rounding\?seed=\d+$/);
  assert.equal(await p.locator('[data-testid="question-preview"]').count(), 0);
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('a lab hands the page to the full app, which keeps the route, language and history', async () => {
  const p = await page();
  await p.goto(`${BASE}#/q/mlp-gradient-update`);
  await p.waitForSelector('[data-testid="question-prompt"]');
  await p.getByTestId('lang-toggle').click();
  await p.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  const lab = p.locator('a[href^="#/lab/"]').first();
  const href = await lab.getAttribute('href');
  await lab.click();
  await p.waitForSelector('.lab');
  assert.ok(full(p.seen).includes('ail-full.js') && full(p.seen).includes('ail-full_bg.wasm'), p.seen.join(' '));
  assert.equal(new URL(p.url()).hash, href);
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await p.locator('#app').count(), 1, 'one app element');
  assert.equal(await p.locator('header.top').count(), 1, 'one header: the first-load app is gone');
  await p.goBack();
  await p.waitForSelector('[data-testid="question-prompt"]');
  assert.equal(new URL(p.url()).hash, '#/q/mlp-gradient-update');
  assert.deepEqual(p.errors, []);
  await p.context().close();
});

test('when the full app cannot be fetched, the page says so and a retry works', async () => {
  const p = await page();
  let fail = true;
  await p.route('**/ail-full_bg.wasm', (r) => (fail ? r.abort('internetdisconnected') : r.fallback()));
  await p.goto(`${BASE}#/`);
  await p.waitForSelector('a[data-qid]');
  await p.goto(`${BASE}#/stats`);
  await p.waitForSelector('[data-testid="upgrade-error"]');
  assert.match(await p.getByTestId('upgrade-error').textContent(), /fetch/i);
  // The first-load app still works meanwhile.
  await p.locator('header .brand').click();
  await p.waitForSelector('a[data-qid]');
  await p.goto(`${BASE}#/stats`);
  await p.waitForSelector('[data-testid="upgrade-error"]');
  fail = false;
  await p.locator('.load-error button').click();
  await p.waitForSelector('section.stats');
  await p.waitForFunction(() => !document.querySelector('[data-testid="upgrade-error"]'));
  assert.equal(p.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e)).length, 0, p.errors.join('\n'));
  await p.context().close();
});
