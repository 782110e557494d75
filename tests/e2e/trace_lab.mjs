// Profiling aid (not a test, not a benchmark CI runs): where a lab's frames
// go. Drags one field of one lab at a CPU slowdown (one edit per animation
// frame, as bench_labs.mjs does) under Chromium's timeline trace, and prints
// for each drag the frames dropped and the main thread's time per edit by
// kind: script, style, layout, prepaint, paint, layerize, commit. Tracing
// itself costs time, so the totals run above bench_labs.mjs's figures; the
// split is what it is for (which step a change should shrink).
// Usage:
//   E2E_BASE=http://127.0.0.1:8080/ node tests/e2e/trace_lab.mjs \
//     '#/lab/nms?seed=1&n=200&iou=0.5' iou '0.5|0.3|0.7' [drags=3] [slowdown=4]
// TRACE_SINGLE=1 makes each edit a lone one (150 ms apart, 15 per run)
// instead of a drag, so that every part of the lab follows it at once.
import { launch, openPage, BASE } from './harness.mjs';

const [route, field, valueList, drags = '3', slowdown = '4'] = process.argv.slice(2);
if (!route || !field || !valueList) {
  console.error("usage: node tests/e2e/trace_lab.mjs '#/lab/<slug>?<query>' <field> 'v1|v2|v3' [drags] [slowdown]");
  process.exit(2);
}
const values = valueList.split('|');
const single = !!process.env.TRACE_SINGLE;
const EDITS = single ? 15 : 60;
const FRAME = 1000 / 60;
// Top-level main-thread events of the timeline, by kind.
const KIND = {
  FunctionCall: 'script', EventDispatch: 'script', TimerFire: 'script', FireAnimationFrame: 'script', v8_execute: 'script',
  UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'prepaint', Paint: 'paint', Layerize: 'layerize', Commit: 'commit',
};
const ORDER = ['script', 'style', 'layout', 'prepaint', 'paint', 'layerize', 'commit'];

const browser = await launch();
const page = await openPage(browser, { width: 1280, height: 800 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(slowdown) });
await page.goto(new URL(route, BASE).href);
await page.waitForSelector(`input[data-field="${field}"]`);
await page.waitForTimeout(1000);
for (let d = 0; d < Number(drags); d++) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const intervals = await page.evaluate(([field, values, edits, single]) => new Promise((resolve) => {
    const input = document.querySelector(`input[data-field="${field}"]`);
    const ts = [];
    const step = (t) => {
      ts.push(t);
      input.value = values[ts.length % values.length];
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const next = () => requestAnimationFrame(step);
      if (ts.length <= edits) {
        if (single) setTimeout(next, 150); else next();
      } else {
        resolve(ts.slice(1).map((x, i) => x - ts[i]));
      }
    };
    requestAnimationFrame(step);
  }), [field, values, EDITS, single]);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  // The page's main thread: the renderer main thread that dispatched the input events.
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'EventDispatch'));
  const sums = Object.fromEntries(ORDER.map((k) => [k, 0]));
  let end = -1;
  for (const e of events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && KIND[e.name]).sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue; // nested in an event already counted
    end = e.ts + e.dur;
    sums[KIND[e.name]] += e.dur / 1000;
  }
  const per = ORDER.map((k) => `${k} ${(sums[k] / EDITS).toFixed(1)}`).join(', ');
  const total = ORDER.reduce((a, k) => a + sums[k], 0) / EDITS;
  const dropped = single ? '' : `dropped ${intervals.reduce((n, x) => n + Math.max(0, Math.round(x / FRAME) - 1), 0)} frames; `;
  console.log(`${single ? 'edits' : 'drag'} ${d + 1}: ${dropped}ms per edit: ${per}; total ${total.toFixed(1)}`);
}
await browser.close();
