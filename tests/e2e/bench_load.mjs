// First-load benchmark (not a test; see .ci/bench-load). Headless Chromium
// with the Lighthouse mobile throttling (1.6 Mbps down, 750 Kbps up, 150 ms
// RTT, 4x CPU slowdown), a fresh profile per run (cold cache, no service
// worker yet). Measures, median of N runs:
//   app:      time to the first rendered question prompt (#/q/fp32-rounding,
//             a question with variants: its prompt comes from the first-load app)
//   baseline: first contentful paint of a minimal Yew 0.23 counter
//   and, for information: when a question's answer area (the full app) is
//             ready (#/q/mlp-gradient-update)
// Usage: node bench_load.mjs APP_URL COUNTER_URL [runs]
import { launch } from './harness.mjs';

const [,, appUrl, counterUrl, runsArg] = process.argv;
const runs = Number(runsArg || 5);

async function throttled(browser) {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { ctx, page };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launch();
const app = [];
const base = [];
const ready = [];
for (let i = 0; i < runs; i++) {
  {
    const { ctx, page } = await throttled(browser);
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        // The full question page, or the first-load app's read-only prompt
        // of a question with variants (shown while the full app loads).
        if (document.querySelector('[data-testid="question-prompt"], [data-testid="question-preview"] .prompt p')) {
          window.__promptAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${appUrl}#/q/fp32-rounding`);
    await page.waitForFunction(() => window.__promptAt, null, { timeout: 120000 });
    app.push(await page.evaluate(() => window.__promptAt));
    await ctx.close();
  }
  {
    // A question without variants, until its answer area is there (the
    // full app's question page: it arrives after the prompt).
    const { ctx, page } = await throttled(browser);
    await page.goto(`${appUrl}#/q/mlp-gradient-update`);
    await page.waitForSelector('[data-testid="question-prompt"]', { timeout: 120000 });
    ready.push(await page.evaluate(() => performance.now()));
    await ctx.close();
  }
  {
    const { ctx, page } = await throttled(browser);
    await page.goto(counterUrl);
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length && document.querySelector('button'), null, { timeout: 120000 });
    base.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
    await ctx.close();
  }
}
await browser.close();
const a = median(app);
const c = median(base);
console.log(`app: first question prompt, median of ${runs}: ${a.toFixed(0)} ms  (runs: ${app.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`baseline: Yew counter first contentful paint, median of ${runs}: ${c.toFixed(0)} ms  (runs: ${base.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`ratio: ${(a / c).toFixed(2)} (goal: at most 1.30)`);
console.log(`app: answer area of a question without variants (the full app), median of ${runs}: ${median(ready).toFixed(0)} ms  (runs: ${ready.map((x) => x.toFixed(0)).join(', ')})`);
