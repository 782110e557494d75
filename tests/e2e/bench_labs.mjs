// Benchmark (not a test): how long each lab takes to recompute and
// re-render after an input changes, in headless Chromium against the
// release build. Three measures per lab:
// - to DOM: from the `input` event to the DOM mutation of the lab
//   (MutationObserver); median of EDITS single edits, 150 ms apart so that
//   each one updates every part of the lab;
// - with the frame's rendering: that, plus the browser's work for the next
//   frame (style, layout, paint: from that frame's requestAnimationFrame
//   callback to a task queued from it);
// - in labs with parts that follow a frame behind (src/settle.rs: the
//   large tables, drawn in the frame after the edit's own): that frame's
//   work (their redraw's script, then the rendering measured as above),
//   and when it is done, from the edit;
// - drag: one edit in every animation frame for DRAG_FRAMES frames, as a
//   dragged point or a held key gives, and how many frames that drops
//   (DRAGS drags). In float and eigen-perm the large tables follow a drag
//   once it pauses (src/settle.rs): the frames are those of the main
//   result, and the line adds how long after the drag the tables followed.
// The first line is a baseline page with one input and one output, which
// shows what a frame costs this machine at this slowdown with nothing else.
// The last line is a pointer drag of perp-foot's point c (pointerDrag).
// Usage: E2E_BASE=http://127.0.0.1:8099/ node tests/e2e/bench_labs.mjs [cpu-slowdown]
import { launch, openPage, BASE } from './harness.mjs';

// slug, URL query at default size, field to edit, values to alternate, result test id.
const CASES = [
  ['perp-foot', 'a=1,1&b=7,4&c=2,6', 'c', ['2,6', '2.5,6', '3,5.5'], 'foot'],
  ['float', 'x=9.9e9&y=1e-9&op=add&fmt=f32', 'y', ['1e-9', '600', '512'], 'result'],
  ['eigen-perm', '', 'perm', ['3,1,0,2', '0,1,2,3', '2,0,3,1'], 'q-columns'],
  ['nms', '', 'iou', ['0.5', '0.72', '0.9'], 'kept'],
  ['nms', 'seed=1&n=200&iou=0.5', 'iou', ['0.5', '0.3', '0.7'], 'kept', 'n=200 (largest)'],
  ['losses', '', 'w', ['-1.5', '-1', '0.5'], 'grad-ce'],
  ['optimizers', '', 'lr', ['0.01', '0.02', '0.005'], 'final-adam'],
  ['mixed-precision', '', 'steps', ['1000', '2000', '1500'], 'w-fp32'],
  ['dropout-bn', '', 'p', ['0.5', '0.3', '0.2'], 'dropout-mean'],
  ['dist-matmul', 'n=8&mem=0.875', 'n', ['8', '16', '12'], 'peak'],
  ['conv-matmul', '', 'k', ['3', '1', '3'], 'im2col-shape'],
  ['mlp', '', 'lr', ['0.5', '0.2', '1'], 'loss-after'],
  // Largest allowed sizes.
  ['float', 'x=1e300&y=4.9e-324&op=add&fmt=f64', 'y', ['4.9e-324', '1e-320', '5e-324'], 'result', 'f64 subnormal (largest)'],
  ['eigen-perm', 's=' + Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => (i === j ? 8 - i : 1 / (1 + i + j)).toFixed(3)).join(',')).join(';') + '&perm=7,6,5,4,3,2,1,0', 'perm', ['7,6,5,4,3,2,1,0', '0,1,2,3,4,5,6,7', '1,0,2,3,4,5,6,7'], 'q-columns', '8x8 (largest)'],
  ['optimizers', 'f=rosen&steps=10000&lr=0.001', 'lr', ['0.001', '0.002', '0.0015'], 'final-adam', '10000 steps (largest)'],
  ['mixed-precision', 'steps=100000', 'lr', ['0.001', '0.002', '0.0015'], 'w-fp32', '100000 steps (largest)'],
  ['dropout-bn', 'trials=100000', 'p', ['0.5', '0.3', '0.2'], 'dropout-mean', '100000 trials (largest)'],
  ['dist-matmul', 'n=64&mem=0.875', 'n', ['64', '62', '60'], 'peak', 'N=64 (largest)'],
  ['conv-matmul', 'c=8&h=32&w=32&k=3&stride=1&pad=1&cout=8&seed=1', 'cout', ['8', '7', '6'], 'conv-diff', '8x32x32 (largest)'],
];
const slowdown = Number(process.argv[2] || 1);
const EDITS = 15;
const DRAG_FRAMES = 60;
const DRAGS = 3;
const FRAME = 1000 / 60;
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Frames dropped in a drag with these rAF intervals: each one past one frame (16.7 ms at 60 Hz). */
const droppedFrames = (iv) => iv.reduce((n, d) => n + Math.max(0, Math.round(d / FRAME) - 1), 0);

const browser = await launch();
const page = await openPage(browser, { width: 1280, height: 800 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
console.log(`lab recompute+render after an input event, median of ${EDITS} edits, CPU slowdown ${slowdown}x`);
// BENCH_ONLY=largest (or any text of the note, or "pointer") runs only the matching cases.
const only = process.env.BENCH_ONLY;
// The same measures on a page with one input and one output and nothing
// else: what the browser's own frame costs on this machine at this slowdown.
await page.setContent('<!doctype html><title>baseline</title><article class="lab"><input data-field="x" value="1"> <output data-testid="r">2</output></article>'
  + '<script>document.querySelector("input").addEventListener("input", (e) => { document.querySelector("output").textContent = String(2 * e.target.value); });</script>');
await measure('baseline (1 input, 1 output)', 'x', ['1', '2', '3']);
for (const [slug, query, field, values, testid, note] of CASES.filter((c) => !only || (c[5] || '').includes(only))) {
  await page.goto(new URL(`#/lab/${slug}${query ? '?' + query : ''}`, BASE).href);
  try {
    await page.waitForSelector(`[data-testid="${testid}"]`, { timeout: 5000 });
  } catch {
    console.log(`${slug.padEnd(16)} (not in this build)`);
    continue;
  }
  await measure(slug + (note ? ' ' + note : ''), field, values);
}
if (!only || 'pointer drag'.includes(only)) await pointerDrag();

/**
 * Prints one lab's line: `lone` holds [to DOM, the frame's rendering] per
 * lone edit (or move, `unit`), `intervals` the rAF intervals of each drag;
 * `next` goes after the lone figures and `tail` at the end.
 */
function report(label, unit, lone, intervals, next = '', tail = '') {
  const dom = lone.map((x) => x[0]);
  const total = lone.map((x) => x[0] + x[1]);
  const dropped = intervals.map(droppedFrames);
  console.log(`${label.padEnd(28)} to DOM: median ${med(dom)?.toFixed(2)} ms  max ${Math.max(...dom).toFixed(2)} ms;  with the frame's rendering: median ${med(total)?.toFixed(2)} ms  max ${Math.max(...total).toFixed(2)} ms  (${lone.length} ${unit})${next};  drags: ${dropped.join(', ')} frames dropped (median ${med(dropped)}) in ${DRAG_FRAMES} frames of ${unit}${tail}`);
}

/**
 * Defines, in the loaded page, `window.benchChanged()` (a promise of the
 * time of the lab's next DOM change, or null after 2 s) and
 * `window.benchFrame()` (the browser's own work for the next frame: style,
 * layout, paint, from that frame's rAF callback to a task queued from it,
 * which runs once the frame is rendered; a promise of [that work, its end]).
 */
function installHelpers() {
  return page.evaluate(() => {
    window.benchChanged = () => new Promise((resolve) => {
      const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
      mo.observe(document.querySelector('article.lab'), { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => { mo.disconnect(); resolve(null); }, 2000);
    });
    window.benchFrame = () => new Promise((r) => requestAnimationFrame(() => {
      const a = performance.now();
      setTimeout(() => r([performance.now() - a, performance.now()]), 0);
    }));
  });
}

/** Edits `field` of the loaded page: EDITS single edits, then a drag; prints one line. */
async function measure(label, field, values) {
  await installHelpers();
  const times = await page.evaluate(async ([field, values, edits]) => {
    const input = document.querySelector(`input[data-field="${field}"]`);
    const out = [];
    for (let i = 0; i < edits; i++) {
      // Each edit on its own, after the 100 ms that end a burst
      // (src/settle.rs): every part of the lab follows it, the large ones
      // in the next frame.
      await new Promise((r) => setTimeout(r, 150));
      const changed = window.benchChanged();
      const frame = window.benchFrame;
      const busy = () => document.querySelector('.settled[aria-busy="true"]');
      // Asked before the edit, so that its task comes before the redraw of
      // the parts a frame behind, which the edit asks for from the same frame.
      const first = frame();
      input.value = values[(i + 1) % values.length];
      const t0 = performance.now();
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      const t1 = await changed;
      const [render, end1] = await first;
      // Parts that follow a frame behind (src/settle.rs): their redraw is
      // the task after ours; then the frame that draws them. Their frame's
      // work is that task's script plus its rendering; `later` also says
      // when it is done, from the edit.
      let later = null;
      if (busy()) {
        const redrawn = await new Promise((resolve) => {
          const mo = new MutationObserver(() => { if (!busy()) { mo.disconnect(); resolve(performance.now()); } });
          mo.observe(document.querySelector('article.lab'), { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
          setTimeout(() => { mo.disconnect(); resolve(null); }, 2000);
        });
        const [r2, end2] = await frame();
        if (redrawn !== null) later = [redrawn - end1 + r2, end2 - t0];
      }
      if (t1 !== null) out.push([t1 - t0, render, later]);
    }
    return out;
  }, [field, values, EDITS]);
  // A drag: one edit in every animation frame for DRAG_FRAMES frames, as a
  // pointer or a held arrow key gives. Each rAF interval past one frame
  // (16.7 ms at 60 Hz) is a frame the lab's recompute and rendering dropped.
  // DRAGS drags, as one drag varies a lot between runs on a shared machine.
  const drags = [];
  for (let d = 0; d < DRAGS; d++) {
    // A pause first, so that the drag is a burst of its own (src/settle.rs).
    await page.waitForTimeout(150);
    drags.push(await page.evaluate(([field, values, frames]) => new Promise((resolve) => {
      const input = document.querySelector(`input[data-field="${field}"]`);
      const ts = [];
      // The tables keep the value from before the drag (or its first edit's,
      // if a frame came between its first two edits), so the last edit's
      // value differs from both: they have something to follow.
      const before = input.value;
      const step = (t) => {
        ts.push(t);
        const k = ts.length % values.length;
        const last = values.find((v) => v !== before && v !== values[1 % values.length]) ?? values[k];
        input.value = ts.length > frames ? last : values[k];
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        if (ts.length <= frames) requestAnimationFrame(step); else settled(ts.slice(1).map((x, i) => x - ts[i]), performance.now());
      };
      // Parts that follow a burst once it pauses (src/settle.rs): how long
      // after the last edit they show its value (null if the lab has none).
      const settled = (iv, last) => {
        const busy = () => document.querySelector('.settled[aria-busy="true"]');
        if (!document.querySelector('.settled')) return resolve({ iv, settle: null });
        const poll = () => (busy() ? requestAnimationFrame(poll) : resolve({ iv, settle: performance.now() - last }));
        // Yew renders the last edit in a microtask after its event: look
        // from the next frame on, not at the page before that render.
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(step);
    }), [field, values, DRAG_FRAMES]));
  }
  const later = times.filter((x) => x[2]).map((x) => x[2]);
  const next = later.length ? `; the parts a frame behind: their frame (redraw + rendering) median ${med(later.map((x) => x[0])).toFixed(2)} ms max ${Math.max(...later.map((x) => x[0])).toFixed(2)} ms, all drawn median ${med(later.map((x) => x[1])).toFixed(1)} ms after the edit (${later.length} edits)` : '';
  const settle = drags.every((d) => d.settle === null) ? '' : `; tables followed ${drags.map((d) => d.settle.toFixed(0)).join(', ')} ms after the drag`;
  report(label, 'edits', times, drags.map((d) => d.iv), next, settle);
}

/**
 * perp-foot's figure, dragged with the pointer: point c is pressed, then
 * moved along a circle of 40 px by one pointermove per animation frame
 * (as Chromium delivers a real drag: moves are aligned to frames), for
 * DRAG_FRAMES frames, DRAGS times. Also lone moves, 150 ms apart, timed as
 * the edits above. Prints one line; fails if the drag did not move the foot.
 */
async function pointerDrag() {
  await page.goto(new URL('#/lab/perp-foot?a=1,1&b=7,4&c=2,6', BASE).href);
  await page.waitForSelector('svg.perp-svg .pc circle.hit');
  await installHelpers();
  const r = await page.evaluate(async ([edits, frames, drags]) => {
    const svg = document.querySelector('svg.perp-svg');
    const foot = () => document.querySelector('[data-testid="foot"]').textContent;
    const handle = document.querySelector('.pc circle.hit');
    const box = handle.getBoundingClientRect();
    const [cx, cy] = [box.left + box.width / 2, box.top + box.height / 2];
    const at = (k) => ({ clientX: cx + 40 * Math.sin(k / 7), clientY: cy - 40 + 40 * Math.cos(k / 7) });
    const ev = (type, k) => new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, buttons: type === 'pointerup' ? 0 : 1, ...at(k) });
    const before = foot();
    handle.dispatchEvent(ev('pointerdown', 0));
    const lone = [];
    let k = 0;
    for (let i = 0; i < edits; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const changed = window.benchChanged();
      const first = window.benchFrame();
      const t0 = performance.now();
      svg.dispatchEvent(ev('pointermove', ++k));
      const t1 = await changed;
      const [render] = await first;
      if (t1 !== null) lone.push([t1 - t0, render]);
    }
    const out = [];
    for (let d = 0; d < drags; d++) {
      await new Promise((r) => setTimeout(r, 150));
      out.push(await new Promise((resolve) => {
        const ts = [];
        const step = (t) => {
          ts.push(t);
          svg.dispatchEvent(ev('pointermove', ++k));
          if (ts.length <= frames) requestAnimationFrame(step); else resolve(ts.slice(1).map((x, i) => x - ts[i]));
        };
        requestAnimationFrame(step);
      }));
    }
    svg.dispatchEvent(ev('pointerup', k));
    await new Promise((r) => setTimeout(r, 50));
    return { lone, drags: out, before, after: foot() };
  }, [EDITS, DRAG_FRAMES, DRAGS]);
  if (r.lone.length < EDITS || r.before === r.after) {
    console.error(`perp-foot pointer drag: the foot did not follow the pointer (${r.lone.length} of ${EDITS} moves changed the page; foot ${r.before} before, ${r.after} after)`);
    process.exitCode = 1;
    return;
  }
  report('perp-foot pointer drag of c', 'moves', r.lone, r.drags, '', `; foot ${r.before} before, ${r.after} after`);
}

await browser.close();
