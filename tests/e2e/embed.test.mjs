// Embedding from a second origin: the example blog post (static/
// embed-example.html, its script pointed at the app) is served on another
// port; it embeds a question and a lab whose iframes follow their content's
// height, accept height messages only from the app's origin, report no CSP
// violation, and keep working when storage throws.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, gotoRoute, BASE, textSoon } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const HOST_PORT = 8094;
const HOST = `http://127.0.0.1:${HOST_PORT}/`;

let browser;
let hostServer;
before(async () => {
  browser = await launch();
  // The example post, served from a second origin, loading embed.js from the app.
  const dir = mkdtempSync(join(tmpdir(), 'ail-host-'));
  const html = readFileSync(`${ROOT}static/embed-example.html`, 'utf8')
    .replace('src="embed.js"', `src="${new URL('static/embed.js', BASE).href}"`);
  assert.ok(html.includes(new URL('static/embed.js', BASE).href));
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'favicon.ico'), '');
  hostServer = spawn(`${ROOT}target/release/serve`, [dir, `127.0.0.1:${HOST_PORT}`], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(HOST)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 50));
  }
});
after(async () => {
  hostServer?.kill();
  await browser?.close();
});

async function hostPage(init) {
  const page = await openPage(browser, { width: 800, height: 900 });
  await page.context().addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (init) await page.context().addInitScript(init);
  await page.goto(HOST);
  await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
  return page;
}

/** The iframe's box height and its document's height. */
async function heights(page, i) {
  const el = page.locator('iframe').nth(i);
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.waitForFunction(() => document.documentElement.hasAttribute('data-ready'));
  await frame.waitForSelector('[data-testid="question-prompt"], article.lab');
  const box = await el.evaluate((f) => f.getBoundingClientRect().height);
  const content = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
  return { box, content, frame };
}

async function expectFitted(page, i) {
  let h;
  for (let k = 0; k < 50; k++) {
    h = await heights(page, i);
    if (Math.abs(h.box - h.content) <= 2) return h;
    await page.waitForTimeout(100);
  }
  assert.fail(`iframe ${i}: box ${h.box} px vs content ${h.content} px`);
}

test('the example post embeds a question and a lab from another origin, sized to content', async () => {
  const page = await hostPage();
  const srcs = await page.locator('iframe').evaluateAll((fs) => fs.map((f) => f.src));
  // Each frame opens the page itself, as an embed.
  const host = `host=${encodeURIComponent(new URL(HOST).origin)}`;
  assert.equal(srcs[0], new URL(`q/fp32-rounding/?seed=42&embed=1&${host}&lang=en`, BASE).href);
  assert.equal(srcs[1], new URL(`lab/perp-foot/?a=1%2C1&b=7%2C4&c=2%2C6&embed=1&${host}&theme=dark`, BASE).href);
  const q = await expectFitted(page, 0);
  const lab = await expectFitted(page, 1);
  assert.ok(q.box > 300 && lab.box > 300, `${q.box} ${lab.box}`);
  // Options reach the app: English, and the lab in dark.
  assert.equal(await q.frame.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await lab.frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await q.frame.getByTestId('variant-seed').getAttribute('data-seed'), '42');
  assert.equal(await lab.frame.getByTestId('foot').textContent(), '3.8 2.4');
  // Reveal the answer: the question grows and its iframe follows within 2 px.
  await q.frame.getByTestId('reveal').click();
  await q.frame.waitForSelector('section.answer');
  const after = await expectFitted(page, 0);
  assert.ok(after.box > q.box + 100, `${q.box} → ${after.box}`);
  // Minimal chrome: no app header; a link to the full app in a new tab.
  assert.equal(await q.frame.locator('header.top').count(), 0);
  const full = q.frame.getByTestId('embed-open-full');
  assert.equal(await full.getAttribute('target'), '_blank');
  assert.match(await full.getAttribute('rel'), /noopener/);
  assert.equal(await full.getAttribute('href'), new URL('q/fp32-rounding/?seed=42', BASE).href);
  // No CSP violation in the host or either frame; no console error.
  for (const f of page.frames()) assert.deepEqual(await f.evaluate(() => window.__csp), [], f.url());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an iframe address of an earlier version (index.html?…#/embed/…) opens the same embed', async () => {
  const page = await openPage(browser);
  const host = encodeURIComponent(new URL(HOST).origin);
  await gotoRoute(page, `index.html?host=${host}&lang=zh&theme=dark#/embed/q/resnet`);
  assert.equal(page.url(), new URL(`zh/q/resnet/?embed=1&host=${host}&lang=zh&theme=dark`, BASE).href);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.locator('header.top').count(), 0);
  assert.equal(await page.getByTestId('embed-open-full').count(), 1);
  await gotoRoute(page, `index.html?host=${host}#/embed/lab/perp-foot?a=0,0&b=4,0&c=1,3`, 'article.lab');
  assert.equal(page.url(), new URL(`lab/perp-foot/?a=0,0&b=4,0&c=1,3&embed=1&host=${host}`, BASE).href);
  assert.equal(await page.getByTestId('foot').textContent(), '1 0');
  assert.deepEqual(page.errors, []);
});

test('height messages from anywhere but the app origin are ignored', async () => {
  const page = await hostPage();
  const before = await expectFitted(page, 0);
  // The host page itself (another origin) and a foreign frame try to resize.
  await page.evaluate(() => window.postMessage({ type: 'ail-height', height: 7 }, '*'));
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.srcdoc = '<script>parent.postMessage({type:"ail-height",height:9},"*")<\/script>';
    document.body.appendChild(f);
  });
  await page.waitForTimeout(300);
  const box = await page.locator('iframe').nth(0).evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(Math.abs(box - before.box) <= 2, `resized to ${box}`);
  await page.context().close();
});

test('when storage throws, the embed still works and says progress is not saved', async () => {
  const page = await hostPage(() => {
    // Like a partitioned or blocked third-party iframe.
    Storage.prototype.setItem = function () { throw new DOMException('blocked', 'SecurityError'); };
  });
  const { frame } = await expectFitted(page, 0);
  await frame.waitForSelector('[data-testid="storage-notice"]');
  assert.match(await frame.getByTestId('storage-notice').textContent(), /not saved/);
  const part = frame.locator('[data-part="stored-value"]');
  await part.getByTestId('answer-input').fill('9900000256');
  await part.getByTestId('submit').click();
  assert.equal(await textSoon(part.getByTestId('verdict'), 'correct'), 'correct');
  await page.context().close();
});

test('every question and lab offers its embed code, and the button copies it', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE).origin });
  await gotoRoute(page, '#/q/resnet');
  await page.locator('.embed-code summary').click();
  const snippet = await page.getByTestId('embed-snippet').textContent();
  assert.equal(snippet, `<div data-ai-lab="q/resnet"></div>\n<script src="${new URL('static/embed.js', BASE).href}" async></script>`);
  await page.getByTestId('copy-embed').click();
  await page.waitForSelector('.embed-code .copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  await gotoRoute(page, 'lab/perp-foot/?a=0,0&b=4,0&c=1,3', 'article.lab');
  await page.locator('.embed-code summary').click();
  assert.match(await page.getByTestId('embed-snippet').textContent(), /data-ai-lab="lab\/perp-foot\?a=0,0&amp;b=4,0&amp;c=1,3"/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
