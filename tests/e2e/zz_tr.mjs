import { launch, openPage } from './harness.mjs';
const b = await launch();
const page = await openPage(b, { width: 1280, height: 800 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const [slug, field, vals] = process.argv.slice(2);
await page.goto(`http://127.0.0.1:8098/#/lab/${slug}`);
await page.waitForSelector('article.lab'); await page.waitForTimeout(300);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink', transferMode: 'ReportEvents' });
await page.evaluate(async ([field, vals]) => {
  const input = document.querySelector(`input[data-field="${field}"]`);
  const v = vals.split('|');
  for (let i = 0; i < 15; i++) {
    input.value = v[(i + 1) % v.length];
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
}, [field, vals]);
await cdp.send('Tracing.end'); await done;
// main thread = thread of most RunTask time in renderer
const byTid = new Map();
for (const e of events) if (e.name === 'RunTask' && e.ph === 'X') byTid.set(e.tid, (byTid.get(e.tid) || 0) + e.dur);
const main = [...byTid.entries()].sort((a, b) => b[1] - a[1])[0][0];
const ev = events.filter((e) => e.tid === main && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
// self time by name
const self = new Map(); const stack = [];
for (const e of ev) {
  while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
  if (stack.length) { const p = stack.at(-1); p._child = (p._child || 0) + e.dur; }
  stack.push(e);
}
for (const e of ev) self.set(e.name, (self.get(e.name) || 0) + e.dur - (e._child || 0));
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log((v / 1000 / 15).toFixed(2), k);
await b.close();
