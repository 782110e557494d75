// Offline and updates, against the release build served on loopback by our
// own `serve` (each test starts and stops its servers on its own ports):
// load once, stop the server, everything still works; deploy a second
// build over the first, accept "Reload to update", and only the new
// build's files are in use. Also: the CSP reports no violation, the web
// manifest is installable, and every main page fits 360x640.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { launch, openPage, horizontalOverflow, BASE } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Starts `serve DIR` on a port and resolves once it answers. With `log`,
 * the server's request log (`SERVE_LOG`: method, path, status, bytes) is
 * collected into `child.requests`.
 */
async function serve(dir, port, { log = false } = {}) {
  const child = spawn(`${ROOT}target/release/serve`, [dir, `127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', log ? 'pipe' : 'ignore'],
    env: log ? { ...process.env, SERVE_LOG: '1' } : process.env,
  });
  child.requests = [];
  if (log) {
    let rest = '';
    child.stderr.on('data', (d) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop();
      for (const l of lines) {
        const [method, path, status, bytes] = l.split(' ');
        child.requests.push({ method, path, status: Number(status), bytes: Number(bytes) });
      }
    });
  }
  for (let i = 0; i < 100; i++) {
    try {
      // HEAD, so that tests of the request log can leave it out.
      const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
      if (r.ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error(`serve ${dir} did not start on ${port}`);
}

async function stop(child) {
  const gone = new Promise((r) => child.once('exit', r));
  child.kill();
  await gone;
}

/** Records CSP violations in every frame of pages of this context. */
async function cspPage(options) {
  const page = await openPage(browser, options);
  await page.context().addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}

async function waitForController(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 20000 });
}

/** The files a build's worker precaches and its build id, read from its sw.js. */
function buildOf(dir) {
  const sw = readFileSync(`${ROOT}${dir}/sw.js`, 'utf8');
  const build = /const BUILD = "([0-9a-f]+)";/.exec(sw)[1];
  const list = sw.slice(sw.indexOf('const FILES = ['), sw.indexOf('];', sw.indexOf('const FILES = [')));
  const files = [...list.matchAll(/^ {2}"([^"]+)"/gm)].map((m) => m[1]);
  return { build, files };
}

/** Waits until the page at `url` has been taken over by its module. */
async function visit(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-ready'), null, { timeout: 20000 });
}

test('after one visit every question and lab works with the server gone', async () => {
  const port = 8096;
  const server = await serve(`${ROOT}dist`, port);
  const page = await cspPage();
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(new URL(r.url()).pathname); });
  const base = `http://127.0.0.1:${port}/`;
  await visit(page, base);
  await waitForController(page);
  // Online, a link to a file that is no page gets that file, not a page.
  await page.goto(`${base}static/bank.schema.json`);
  assert.match(await page.locator('body').textContent(), /"\$schema"/);
  await stop(server);
  // Network gone: a reload, pages at their own addresses and at old hash
  // links, other variants and labs are answered by the worker.
  await visit(page, base);
  for (const url of ['q/fp32-rounding/', 'q/fp32-rounding/?seed=3', 'zh/q/perpendicular-foot/', '#/q/parallel-nms?seed=3', 'q/resnet']) {
    await visit(page, base + url);
    await page.getByTestId('reveal').click();
    await page.waitForSelector('section.answer');
    assert.ok((await page.getByTestId('question-prompt').textContent()).length > 20, url);
  }
  assert.equal(new URL(page.url()).pathname, '/q/resnet/', 'without its final slash, the page is redirected to it');
  for (const lab of ['lab/float/?x=9.9e9&y=1e-9&op=add&fmt=f32', '#/lab/perp-foot?a=1,1&b=7,4&c=2,6']) {
    await visit(page, base + lab);
    await page.waitForSelector('article.lab .results');
  }
  assert.equal(await page.getByTestId('foot').textContent(), '3.8 2.4');
  await visit(page, `${base}review/`);
  await page.waitForSelector('[data-testid="review-summary"]');
  // A mock interview offline: its questions come from the cache too.
  await visit(page, `${base}interview/`);
  await page.getByTestId('interview-start').click();
  await page.getByTestId('interview-start-answer').waitFor();
  assert.ok((await page.getByTestId('question-prompt').textContent()).length > 20);
  page.once('dialog', (d) => d.accept()); // "End this interview?"
  await page.getByTestId('interview-quit').click();
  await page.getByTestId('interview-summary').waitFor();
  // Files that are not pages: the files themselves, from the cache.
  await page.goto(`${base}static/bank.schema.json`);
  assert.match(await page.locator('body').textContent(), /"\$schema"/);
  await page.goto(`${base}static/embed-example.html`);
  assert.equal(await page.locator('h1').textContent(), 'Floating point, in practice');
  // An address the site never had: its 404 page, which says so.
  await visit(page, `${base}q/no-such-question/`);
  assert.match(await page.locator('.load-error').textContent(), /no-such-question/);
  // No request of the pages failed. Chromium also asks for /favicon.ico
  // for the JSON document (the site has none: its pages name their icon),
  // which it does not report as a response, only as one console error.
  assert.deepEqual(failed, []);
  assert.ok(page.errors.length <= 1, page.errors.join('\n'));
  assert.deepEqual(page.errors.filter((e) => !/status of 404/.test(e)), []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await page.context().close();
});

test('the math font: none on a first visit, then from the worker, on pages with math only', async () => {
  const port = 8093;
  const server = await serve(`${ROOT}dist`, port);
  const page = await cspPage();
  const fonts = [];
  page.on('request', (r) => { if (/\.woff2$/.test(r.url())) fonts.push(new URL(r.url()).pathname); });
  const base = `http://127.0.0.1:${port}/`;
  // First visit: system fonts, no font request (it would compete with the module).
  await visit(page, `${base}q/fp32-rounding/`);
  assert.ok(await page.locator('math').count() > 0);
  await waitForController(page);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('sw')), false);
  assert.deepEqual(fonts, []);
  // Next visit: the worker controls the page and has the font.
  await visit(page, `${base}q/fp32-rounding/`);
  const [family, faces] = await page.evaluate(async () => {
    await document.fonts.ready;
    const m = document.querySelector('math');
    return [getComputedStyle(m).fontFamily, [...document.fonts].filter((f) => f.family.includes('AIL Math')).map((f) => f.status)];
  });
  assert.match(family, /^"AIL Math"/);
  assert.deepEqual(faces, ['loaded']);
  assert.deepEqual(fonts, ['/static/fonts/ail-math.woff2']);
  // A page without math asks for no font.
  await visit(page, `${base}labs/`);
  assert.equal(fonts.length, 1);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await stop(server);
});

test('the worker precaches without downloading again what the page fetched', async () => {
  const port = 8097;
  const server = await serve(`${ROOT}dist`, port, { log: true });
  const page = await cspPage();
  const base = `http://127.0.0.1:${port}/`;
  // A question page: the page and the practice module, then the worker.
  await visit(page, `${base}q/mlp-gradient-update/`);
  await waitForController(page);
  const { files } = buildOf('dist');
  const got = server.requests.filter((r) => r.method === 'GET');
  // Every file of the build reached the worker's cache...
  const inCache = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('ail:')));
    return (await cache.keys()).length;
  });
  assert.equal(inCache, files.length);
  // ...but no file's body was sent twice: what the page had fetched was
  // revalidated (304) or came from the HTTP cache.
  const full = {};
  for (const r of got.filter((r) => r.status === 200)) full[r.path] = (full[r.path] || 0) + 1;
  const twice = Object.entries(full).filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], `sent in full more than once: ${JSON.stringify(twice)}`);
  const practice = files.find((f) => /^ail-practice-[0-9a-f]{1,16}_bg\.wasm$/.test(f));
  for (const f of ['/q/mlp-gradient-update/', `/${practice}`]) assert.equal(full[f], 1, `${f} sent once`);
  assert.ok(got.some((r) => r.status === 304 && r.path === '/q/mlp-gradient-update/'), 'the worker revalidated the page it was loaded from');
  // The worker was registered only once the page had its module, so its
  // precache did not share the link with it.
  const at = (path) => got.findIndex((r) => r.path === path);
  const [sw, wasm] = [at('/sw.js'), at(`/${practice}`)];
  assert.ok(wasm >= 0 && sw > wasm, `sw.js requested after the module: ${got.map((r) => r.path).slice(0, sw + 1).join(' ')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await stop(server);
});

test('a new deploy offers "Reload to update" and then only its files are used', async () => {
  const port = 8095;
  const v1 = buildOf('dist');
  const v2 = buildOf('target/dist-v2');
  assert.notEqual(v1.build, v2.build);
  const v1Only = v1.files.filter((f) => !v2.files.includes(f) && /\.(js|wasm|css)$/.test(f));
  assert.ok(v1Only.length >= 2, 'the second build has new hashed file names');

  let server = await serve(`${ROOT}dist`, port);
  const page = await cspPage();
  const base = `http://127.0.0.1:${port}/`;
  await visit(page, base);
  await waitForController(page);
  assert.equal(await page.getByTestId('build-label').count(), 0, 'v1 has no label');
  // Deploy v2 at the same origin.
  await stop(server);
  server = await serve(`${ROOT}target/dist-v2`, port);
  await page.reload();
  await page.waitForSelector('[data-testid="update-banner"]', { timeout: 20000 });
  // Still v1 until the learner accepts.
  assert.equal(await page.getByTestId('build-label').count(), 0);
  await Promise.all([
    page.waitForEvent('load', { timeout: 20000 }),
    page.getByTestId('update-reload').click(),
  ]);
  await page.waitForSelector('[data-testid="build-label"]');
  assert.equal(await page.getByTestId('build-label').textContent(), 'v2');
  assert.equal(await page.getByTestId('update-banner').count(), 0);
  // Only v2's cache is left, and nothing of v1 was loaded after the reload.
  const caches = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('ail:')));
  assert.deepEqual(caches.map((k) => k.split(':').pop()), [v2.build]);
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1)));
  for (const f of v1Only) assert.ok(!loaded.includes(f), `v1 file ${f} loaded after the update`);
  assert.ok(loaded.some((f) => f.endsWith('.wasm') && v2.files.includes(f)), loaded.join(', '));
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await stop(server);
  await page.context().close();
});

test('sw.js is served uncached, with the CSP header; the manifest is installable', async () => {
  const res = await fetch(new URL('sw.js', process.env.E2E_BASE || 'http://127.0.0.1:8099/'));
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const page = await openPage(browser);
  await page.goto(process.env.E2E_BASE || 'http://127.0.0.1:8099/');
  const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(csp, /frame-ancestors \*/);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(!meta.includes('frame-ancestors'), meta);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, page.url());
  const manifest = await (await fetch(manifestUrl)).json();
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.theme_color);
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
    assert.ok(icon, size);
    const png = await fetch(new URL(icon.src, manifestUrl));
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    // PNG IHDR: width and height at bytes 16..24.
    const dv = new DataView(bytes.buffer);
    assert.equal(`${dv.getUint32(16)}x${dv.getUint32(20)}`, size);
  }
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  // Chromium's own verdict: no installability errors, except that test
  // contexts are incognito windows (where nothing installs).
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 20000 });
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), []);
  await page.context().close();
});

test('every main page fits 360x640 with no horizontal scroll, in zh and en', async () => {
  const pages = ['', 'q/fp32-rounding/', 'q/fp32-rounding/?seed=1', 'labs/', 'lab/perp-foot/', 'lab/nms/',
    'q/parallel-nms/?seed=2&embed=1', 'lab/float/?embed=1', 'review/', 'stats/'];
  for (const locale of ['zh-CN', 'en-US']) {
    const page = await cspPage({ width: 360, height: 640, locale });
    for (const path of pages) {
      await visit(page, new URL((locale === 'zh-CN' ? 'zh/' : '') + path, BASE).href);
      assert.ok(await horizontalOverflow(page) <= 0, `${path} overflows at 360px (${locale})`);
      const name = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
      await page.screenshot({ path: `${ARTIFACTS}360-${locale}-${name}.png` });
    }
    assert.deepEqual(page.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await page.context().close();
  }
});
