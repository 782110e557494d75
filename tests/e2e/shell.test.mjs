// The home page's static copy in index.html (#boot, written by
// src/bin/postbuild.rs): shown before the wasm arrives, in the language the
// app will pick, on the home route only, and replaced by the app's own home
// page without a visible change of what was already there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function page(locale = 'en-US', viewport = { width: 360, height: 640 }) {
  const ctx = await browser.newContext({ viewport, locale, serviceWorkers: 'block' });
  const p = await ctx.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(e.message));
  return p;
}

// Text and box of what the header and intro show, wherever they are.
const SHOWN = ['header.top .brand', 'header.top .nav-link', 'header.top .lang', '.intro h1', '.intro .tagline'];
function shown(p) {
  return p.evaluate((sels) => sels.flatMap((sel) => [...document.querySelectorAll(sel)]
    .filter((e) => e.getClientRects().length > 0)
    .map((e) => {
      const r = e.getBoundingClientRect();
      return { sel, text: e.textContent.trim(), box: [r.x, r.y, r.width, r.height].map(Math.round) };
    })), SHOWN);
}

for (const [locale, lang, tagline] of [['en-US', 'en', /^A real AI-engineer interview report/], ['zh-CN', 'zh-CN', /^一份真实的 GPU 公司/]]) {
  test(`${lang}: the home page's copy shows before the wasm, and the app's home page looks the same`, async () => {
    // Without the wasm: the copy alone, in the browser's language.
    const p = await page(locale);
    await p.route('**/*.wasm', (r) => r.abort());
    await p.goto(`${BASE}#/`);
    await p.waitForSelector('#boot .tagline:visible');
    const copy = await shown(p);
    assert.equal(await p.evaluate(() => document.documentElement.lang), lang);
    assert.equal(copy.length, 7, JSON.stringify(copy)); // brand, three links, button, heading, tagline
    assert.match(copy.find((c) => c.sel === '.intro .tagline').text, tagline);
    assert.ok(await p.locator('#boot .status:visible').isVisible(), 'a loading line where the buttons will be');
    assert.equal(await p.locator('#boot .boot-wait').isVisible(), false);
    await p.context().close();

    // With it: the app replaces the copy with the same header and intro.
    const q = await page(locale);
    await q.goto(`${BASE}#/`);
    await q.waitForSelector('#app .intro [data-testid="start"]');
    assert.equal(await q.locator('#boot').count(), 0, 'the copy is gone');
    assert.equal(await q.evaluate(() => document.documentElement.hasAttribute('data-boot')), false);
    assert.deepEqual(await shown(q), copy);
    assert.deepEqual(q.errors, []);
    await q.context().close();
  });
}

test('the swap moves nothing and the largest paint stays the copy\'s', async () => {
  // Tall enough that the footer would be in view, were it shown before the
  // topic list that comes a task later (ui::home) and pushed down by it.
  const p = await page('en-US', { width: 360, height: 2400 });
  await p.addInitScript(() => {
    window.__shifts = 0;
    window.__lcp = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp.push(e.startTime); })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  });
  // Hold the wasm until the copy has been painted, as on a slow network.
  await p.route('**/*.wasm', async (r) => {
    await p.waitForFunction(() => window.__lcp.length > 0, null, { timeout: 10_000 }).catch(() => {});
    await r.fallback();
  });
  await p.goto(`${BASE}#/`);
  await p.waitForSelector('#app .intro [data-testid="start"]');
  // Two frames after the app's page, so its paint is reported.
  await p.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
  await p.waitForTimeout(200);
  await p.waitForSelector('footer.foot');
  assert.equal(await p.locator('#app a[data-qid]').count(), 33);
  await p.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
  const r = await p.evaluate(() => ({ shifts: window.__shifts, lcp: window.__lcp }));
  assert.equal(r.shifts, 0);
  assert.equal(r.lcp.length, 1, `one candidate, the copy's tagline: ${r.lcp}`);
  await p.context().close();
});

test('the copy\'s language button works before the app, which then starts in that language', async () => {
  const p = await page('en-US');
  let wasm = false;
  await p.route('**/*.wasm', (r) => (wasm ? r.fallback() : r.abort()));
  await p.goto(`${BASE}#/`);
  await p.locator('#boot .lang:visible').click();
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await p.locator('#boot .tagline:visible').textContent(), /^一份真实的/);
  assert.equal(await p.evaluate(() => localStorage.getItem('ail.lang')), 'zh');
  wasm = true;
  await p.reload();
  await p.waitForSelector('#app .intro [data-testid="start"]');
  assert.equal(await p.getByTestId('lang-toggle').textContent(), 'English');
  assert.match(await p.locator('.tagline').textContent(), /^一份真实的/);
  await p.context().close();
});

test('other routes, a query or no script show the loading line, not the copy', async () => {
  for (const url of [`${BASE}#/q/fp32-rounding`, `${BASE}#/labs`, `${BASE}?lang=zh#/`]) {
    const p = await page();
    await p.route('**/*.wasm', (r) => r.abort());
    await p.goto(url);
    await p.waitForSelector('#boot .boot-wait', { state: 'visible' });
    assert.equal(await p.locator('.boot-home:visible').count(), 0, url);
    await p.context().close();
  }
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(`${BASE}#/`);
  assert.match(await p.locator('.boot-wait').innerText(), /This app needs JavaScript and WebAssembly/);
  assert.equal(await p.locator('.boot-home:visible').count(), 0);
  await ctx.close();
});
