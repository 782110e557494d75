// First-visit benchmark (not a test; see .ci/bench-load). Headless Chromium
// with Lighthouse's mobile throttling (1.6 Mbps down, 750 Kbps up, 150 ms
// RTT, 4x CPU slowdown), a fresh profile per load (cold cache, no service
// worker), both sites over HTTPS (a TLS proxy on loopback in front of
// `serve`, so Chromium asks for the precompressed .br files, as from a real
// host). Median of N runs of:
//   counter:    first contentful paint of a bare Yew 0.23 counter
//   per question page (q/fp32-rounding/, q/mlp-gradient-update/):
//     prompt:     when the prompt is on screen (the page's first contentful
//                 paint: the prompt is in the HTML, checked below)
//     answerable: when the practice module has taken the page over
//                 (<html data-ready>); checked afterwards that the reveal
//                 button reveals the answer and that an answer field grades
//     bytes:      what the page transferred until then (encoded, headers
//                 included), from the DevTools protocol
//     CLS:        layout shift over the whole load
// Usage: node bench_load.mjs APP_URL COUNTER_URL [runs]
//   (https URLs: `serve` behind tls_proxy.mjs; see .ci/bench-load)
import { chromium } from 'playwright-core';

const [,, appUrl, counterUrl, runsArg] = process.argv;
const runs = Number(runsArg || 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function throttled(browser) {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block', ignoreHTTPSErrors: true });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const bytes = { total: 0, encodings: new Set() };
  cdp.on('Network.loadingFinished', (e) => { bytes.total += e.encodedDataLength; });
  cdp.on('Network.responseReceived', (e) => {
    const enc = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'];
    if (enc) bytes.encodings.add(enc);
  });
  return { ctx, page, bytes, cdp };
}

async function questionRun(browser, base, path) {
  const { ctx, page, bytes, cdp } = await throttled(browser);
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    new MutationObserver((_, obs) => {
      if (document.documentElement.hasAttribute('data-ready')) {
        window.__readyAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(base + path);
  await page.waitForFunction(() => window.__readyAt, null, { timeout: 120000 });
  const bytesAtReady = bytes.total;
  const m = await page.evaluate(() => ({
    ready: window.__readyAt,
    fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    promptInHtml: !!document.querySelector('[data-testid="question-prompt"] [data-t="prompt"]'),
  }));
  // Now that it is measured, check the page answers for real (unthrottled).
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.click('[data-testid="reveal"]');
  await page.waitForSelector('.answer [data-t="answer"]', { timeout: 10000 });
  await page.waitForSelector('.rating button[data-rating="3"]', { timeout: 10000 });
  const field = page.locator('[data-testid="part"] input[data-testid="answer-input"]').first();
  await field.fill('1');
  await page.locator('[data-testid="part"]').first().locator('[data-testid="submit"]').click();
  await page.waitForSelector('[data-testid="part"] [data-testid="verdict"]', { timeout: 10000 });
  await page.waitForTimeout(300);
  m.cls = await page.evaluate(() => window.__cls);
  m.bytes = bytesAtReady;
  m.encodings = [...bytes.encodings];
  await ctx.close();
  if (!m.promptInHtml) throw new Error(`${path}: the prompt is not in the page's HTML`);
  return m;
}

async function counterRun(browser, base) {
  const { ctx, page } = await throttled(browser);
  await page.goto(base);
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length && document.querySelector('button'), null, { timeout: 120000 });
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
  await ctx.close();
  return fcp;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--ignore-certificate-errors'],
});
const pages = ['q/fp32-rounding/', 'q/mlp-gradient-update/'];
const results = Object.fromEntries(pages.map((p) => [p, []]));
const base = [];
for (let i = 0; i < runs; i++) {
  base.push(await counterRun(browser, counterUrl));
  for (const p of pages) results[p].push(await questionRun(browser, appUrl, p));
}
await browser.close();

const c = median(base);
const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(`counter: first contentful paint, median of ${runs}: ${c.toFixed(0)} ms  (runs: ${fmt(base)})`);
let status = 0;
for (const p of pages) {
  const r = results[p];
  const prompt = median(r.map((x) => x.fcp));
  const ready = median(r.map((x) => x.ready));
  const bytes = median(r.map((x) => x.bytes));
  const cls = Math.max(...r.map((x) => x.cls));
  console.log(`${p}: prompt on screen ${prompt.toFixed(0)} ms = ${(prompt / c).toFixed(2)}x the counter (goal: at most 1.0)  (runs: ${fmt(r.map((x) => x.fcp))})`);
  console.log(`${p}: answerable ${ready.toFixed(0)} ms = ${(ready / c).toFixed(2)}x the counter (goal: at most 2.0)  (runs: ${fmt(r.map((x) => x.ready))})`);
  console.log(`${p}: transferred until answerable ${bytes} bytes (goal: at most 153600), content-encoding ${[...new Set(r.flatMap((x) => x.encodings))].join('+')}; largest CLS ${cls.toFixed(4)}`);
  if (!r.every((x) => x.encodings.includes('br'))) status = 1;
}
if (status) console.log('not every load was served brotli: check the HTTPS proxy');
process.exit(status);
