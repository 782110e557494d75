// e2e for the numeric labs: each opens from its URL, shows the expected
// values, keeps its state in the URL, and a bad input shows a message next
// to its field with no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, gotoRoute, horizontalOverflow } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();

/** Waits until the element with this test id has text matching `re` (renders are async). */
// The URL follows a lab's inputs once the typing pauses (ui::replace_soon).
async function expectUrl(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(location.href), re.source, { timeout: 5000 });
}

async function expectText(page, id, re) {
  try {
    await page.waitForFunction(([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''),
      [`[data-testid="${id}"]`, re.source], { timeout: 5000 });
  } catch {
    assert.match(await page.getByTestId(id).textContent().catch(() => '(missing)'), re);
  }
}

test('perp-foot: 2D values from the URL, editing updates the URL', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/perp-foot?a=1,1&b=7,4&c=2,6', '[data-testid="foot"]');
  assert.equal(await text(page, 'foot'), '3.8 2.4');
  assert.equal(await text(page, 't'), String(21 / 45));
  assert.equal(await text(page, 'on-segment'), 'true');
  await page.fill('input[data-field="c"]', '-1,2');
  await expectText(page, 't', /^-0\.2$/);
  assert.equal(await text(page, 'on-segment'), 'false');
  await expectUrl(page, /\/lab\/perp-foot\/\?a=1,1&b=7,4&c=-1,2$/);
  assert.equal(await page.locator('svg.perp-svg').count(), 1);
  assert.deepEqual(page.errors, []);
});

test('perp-foot: 3D, and a == b or a bad number gives an inline message', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/perp-foot?a=0,0,0&b=1,0,0&c=2,3,4', '[data-testid="foot"]');
  assert.equal(await text(page, 'foot'), '2 0 0');
  assert.equal(await text(page, 'distance'), '5');
  assert.equal(await page.locator('svg.perp-svg').count(), 0);
  await page.fill('input[data-field="b"]', '0,0,0');
  await expectText(page, 'error-b', /do not define a line/);
  assert.equal(await page.getByTestId('foot').count(), 0);
  await page.fill('input[data-field="b"]', '1,0,0');
  await page.fill('input[data-field="a"]', '1,NaN,0');
  await expectText(page, 'error-a', /not a finite number/);
  assert.deepEqual(page.errors, []);
});

test('perp-foot: dragging c moves the foot', async () => {
  const page = await openPage(browser, { width: 360, height: 640 });
  await gotoRoute(page, '#/lab/perp-foot?a=0,0&b=4,0&c=1,3', '[data-testid="foot"]');
  assert.equal(await text(page, 'foot'), '1 0');
  const handle = page.locator('.pt.pc .hit');
  await page.locator('svg.perp-svg').scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  assert.ok(box.width >= 44, `touch target ${box.width}px`);
  const svg = await page.locator('svg.perp-svg').boundingBox();
  const viewBox = () => page.locator('svg.perp-svg').getAttribute('viewBox');
  const before = await viewBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // Right and a little up: out of the box around a, b and c, still well
  // inside the figure.
  await page.mouse.move(box.x + box.width / 2 + svg.width / 4, box.y + box.height / 2 - svg.height / 10, { steps: 5 });
  await page.mouse.up();
  const foot = (await text(page, 'foot')).split(' ').map(Number);
  assert.ok(foot[0] > 1.5, `foot moved right: ${foot}`);
  assert.equal(foot[1], 0);
  // c stayed well inside the figure, so the figure did not rescale under
  // the pointer when the drag ended (refitting to the points would have
  // moved it: c is now above the box the figure was fitted to).
  assert.equal(await viewBox(), before);
  // Typing a point far outside refits the figure around it.
  await page.fill('input[data-field="c"]', '40,3');
  await expectText(page, 'foot', /^40 0$/);
  const [x0, , w] = (await viewBox()).split(' ').map(Number);
  assert.ok(x0 < 40 && 40 < x0 + w, `c inside the view ${x0} ${w}`);
  assert.equal(await horizontalOverflow(page), 0);
  assert.deepEqual(page.errors, []);
});

test('labs link to their questions and back', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/q/perpendicular-foot');
  await page.locator('[data-lab-link="perp-foot"]').click();
  await page.waitForSelector('[data-testid="foot"]');
  await page.locator('.lab-questions a[data-qid="perpendicular-foot"]').click();
  await page.waitForSelector('[data-testid="question-prompt"]');
  await gotoRoute(page, '#/labs', '.lab-list');
  assert.ok(await page.locator('[data-lab-link]').count() >= 1);
});

test('eigen-perm: report permutation 3,1,0,2 reconstructs S; wrong choices do not', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/eigen-perm', '[data-testid="eigenvalues"]');
  assert.equal(await text(page, 'q-columns'), '3 1 0 2');
  assert.ok(Number(await text(page, 'residual')) < 1e-12);
  assert.ok(Number(await text(page, 'residual-unpermuted')) > 0.1);
  assert.ok(Number(await text(page, 'residual-rows')) > 0.1);
  const values = (await text(page, 'eigenvalues')).split(' ').map(Number);
  assert.equal(values.length, 4);
  assert.deepEqual([...values].sort((a, b) => a - b), values, 'ascending');
  // The question that uses the lab is named in text, not LaTeX source.
  assert.match(await page.locator('.lab-questions a').first().textContent(), /^Let S = QLQᵀ with L = diag\(l₀, l₁, l₂, l₃\)/);
  assert.deepEqual(page.errors, []);
});

test('eigen-perm: exact values for a diagonal matrix, inline errors for bad input', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/eigen-perm?s=3,0,0;0,1,0;0,0,2&perm=2,0,1', '[data-testid="eigenvalues"]');
  assert.equal(await text(page, 'eigenvalues'), '1 2 3');
  assert.equal(await text(page, 'permuted-values'), '3 1 2');
  assert.equal(await text(page, 'q-columns'), '2 0 1');
  assert.equal(await text(page, 'residual'), '0');
  await page.fill('input[data-field="s"]', '1,2;3,1');
  await expectText(page, 'error-s', /Not symmetric: entry \(1, 2\) is 2 but \(2, 1\) is 3/);
  assert.equal(await page.getByTestId('eigenvalues').count(), 0);
  await page.fill('input[data-field="s"]', '1,2;2,1');
  await page.fill('input[data-field="perm"]', '0,0');
  await expectText(page, 'error-perm', /permutation of 0 to 1/);
  await page.fill('input[data-field="perm"]', '1,0');
  await expectText(page, 'q-columns', /^1 0$/);
  await expectUrl(page, /\/lab\/eigen-perm\/\?s=1,2;2,1&perm=1,0$/);
  assert.deepEqual(page.errors, []);
});

test('a single edit draws the main result in its own frame and the large tables in a later one; a burst updates them once it pauses', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/eigen-perm', '[data-testid="q-columns"]');
  const headers = () => page.evaluate(() => [...document.querySelectorAll('.settled table.matrix')].map((t) => t.tHead.textContent));
  assert.deepEqual(await headers(), ['q0q1q2q3', 'q3q1q0q2']);
  const seen = await page.evaluate(async () => {
    const input = document.querySelector('input[data-field="perm"]');
    const settled = () => document.querySelector('.settled');
    const state = () => [document.querySelector('[data-testid="q-columns"]').textContent, settled().getAttribute('aria-busy'),
      settled().className, settled().querySelectorAll('table.matrix')[1].tHead.textContent];
    const edit = (v) => { input.value = v; input.dispatchEvent(new InputEvent('input', { bubbles: true })); };
    // Yew renders in a microtask after the event, but on a slow machine its
    // scheduler may go on in a later task (it yields after 16 ms of work,
    // yew::scheduler), so the page is watched rather than read at one
    // instant: every state it passes through, with the number of frames
    // begun since the edit.
    let frames = 0;
    let counting = true;
    const tick = () => { frames += 1; if (counting) requestAnimationFrame(tick); };
    const log = [];
    const record = () => {
      const s = state();
      const last = log.at(-1);
      if (!last || last.slice(0, 4).join('|') !== s.join('|')) log.push([...s, frames]);
    };
    const until = async (ok, what) => {
      const t0 = performance.now();
      while (!ok()) {
        if (performance.now() - t0 > 3000) throw new Error(`no ${what} after 3 s: ${state()}`);
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    const out = {};
    const watch = new MutationObserver(record);
    watch.observe(document.getElementById('app'), { subtree: true, childList: true, attributes: true, characterData: true });
    // A single edit.
    requestAnimationFrame(tick);
    edit('0,1,2,3');
    await until(() => state()[3] === 'q0q1q2q3' && settled().getAttribute('aria-busy') === 'false', 'redrawn tables');
    record();
    watch.disconnect();
    counting = false;
    out.single = log.splice(0);
    // Three edits 10 ms apart, as a drag or a held key gives them; each is
    // read once the page shows its main result and, from the second edit
    // on, dims the tables. If the machine is so slow that 100 ms (BURST_MS,
    // src/settle.rs) pass before that, the edits were no burst: the try is
    // void and made again, at most three times (a lab that never dims its
    // tables fails all three).
    out.tries = 0;
    for (;;) {
      out.tries += 1;
      await new Promise((r) => setTimeout(r, 150));
      out.burst = [];
      let prev = null;
      let void_ = false;
      for (const [k, v] of ['2,0,3,1', '3,0,1,2', '1,0,2,3'].entries()) {
        const at = performance.now();
        edit(v);
        await new Promise((r) => setTimeout(r, 10));
        const main = v.split(',').join(' ');
        const late = () => prev !== null && performance.now() - prev >= 100;
        await until(() => state()[0] === main && (k === 0 || settled().classList.contains('stale') || late()), `main result ${main}`);
        if (k > 0 && !settled().classList.contains('stale') && late()) { void_ = true; break; }
        out.burst.push(state());
        prev = at;
      }
      if (!void_) {
        await until(() => settled().getAttribute('aria-busy') === 'false', 'end of the burst');
        out.after = performance.now() - prev;
        break;
      }
      if (out.tries === 3) break;
    }
    return out;
  });
  // The main result showed before any frame had begun, or at least a frame
  // before the tables; the tables were never dimmed for a single edit and
  // were marked busy while they waited.
  const first = seen.single.findIndex((s) => s[0] === '0 1 2 3');
  const done = seen.single.at(-1);
  assert.deepEqual(done.slice(0, 4), ['0 1 2 3', 'false', 'settled', 'q0q1q2q3'], JSON.stringify(seen.single));
  assert.ok(first >= 0 && done[4] > seen.single[first][4], `tables in a later frame than the main result: ${JSON.stringify(seen.single)}`);
  for (const s of seen.single.slice(0, -1)) assert.deepEqual(s.slice(2, 4), ['settled', 'q3q1q0q2'], JSON.stringify(seen.single));
  assert.ok(seen.single.some((s) => s[0] === '0 1 2 3' && s[1] === 'true'), JSON.stringify(seen.single));
  // In the burst the main result follows every edit. The tables show the
  // value before the burst, or its first edit's if a frame came between
  // the first two edits, and from the second edit on they wait, dimmed.
  assert.equal(seen.burst.length, 3, `no burst in ${seen.tries} tries: the tables were not dimmed within 100 ms of an edit`);
  assert.ok(['q0q1q2q3', 'q2q0q3q1'].includes(seen.burst[0][3]), seen.burst[0][3]);
  for (const s of seen.burst.slice(1)) {
    assert.deepEqual(s.slice(1), ['true', 'settled stale', seen.burst[0][3]]);
  }
  // Then the tables follow, BURST_MS after the last edit.
  assert.ok(seen.after >= 95 && seen.after < 1000, `tables followed ${seen.after} ms after the last edit`);
  assert.deepEqual(await headers(), ['q0q1q2q3', 'q1q0q2q3']);
  assert.equal(await page.locator('.settled').getAttribute('class'), 'settled');
  // Exactly what a fresh load of the same inputs shows.
  const settledText = await page.locator('.settled').textContent();
  const fresh = await openPage(browser);
  await gotoRoute(fresh, '#/lab/eigen-perm?perm=1,0,2,3', '[data-testid="q-columns"]');
  assert.equal(settledText, await fresh.locator('.settled').textContent());
  assert.equal(await fresh.locator('.settled').getAttribute('aria-busy'), 'false');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
});

test('after a burst, every lab part that follows it shows what a fresh load of the same inputs shows', async () => {
  // slug, field, three values (the last one stays); the URL then holds the last.
  const cases = [
    ['float', 'y', ['600', '512', '3e-7']],
    ['nms', 'iou', ['0.72', '0.3', '0.9']],
    ['dist-matmul', 'n', ['12', '14', '6']],
    ['eigen-perm', 'perm', ['0,1,2,3', '2,0,3,1', '3,2,1,0']],
    // The GEMM and its checks wait; the shapes do not.
    ['conv-matmul', 'seed', ['2', '3', '4']],
    // The mean over all trials waits; the sampled mask does not.
    ['dropout-bn', 'p', ['0.3', '0.2', '0.1']],
  ];
  for (const [slug, field, values] of cases) {
    const page = await openPage(browser);
    await gotoRoute(page, `#/lab/${slug}`, '.settled');
    const before = await page.locator('.settled').allTextContents();
    const busy = await page.evaluate(async ([field, values]) => {
      const input = document.querySelector(`input[data-field="${field}"]`);
      // Watched, not read once: Yew may render a part in a later task.
      const busy = new Set();
      const watch = new MutationObserver((ms) => {
        for (const m of ms) if (m.target.closest?.('.settled[aria-busy="true"]')) busy.add(m.target.closest('.settled'));
      });
      watch.observe(document.getElementById('app'), { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
      for (const v of values) {
        input.value = v;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 0));
      watch.disconnect();
      return busy.size;
    }, [field, values]);
    assert.ok(busy > 0, `${slug}: some part waits during the burst`);
    await page.waitForFunction(() => !document.querySelector('.settled[aria-busy="true"]'), null, { timeout: 3000 });
    await expectUrl(page, new RegExp(`${field}=${values[2].replace(/[.+]/g, '\\$&')}`));
    const after = await page.locator('.settled').allTextContents();
    const fresh = await openPage(browser);
    await gotoRoute(fresh, page.url(), '.settled');
    assert.deepEqual(after, await fresh.locator('.settled').allTextContents(), slug);
    assert.notDeepEqual(after, before, `${slug}: the parts changed`);
    assert.deepEqual([...page.errors, ...fresh.errors], []);
    await page.context().close();
    await fresh.context().close();
  }
});

test('a lab writes its inputs to the URL once typing pauses, and not over a page the learner moved to', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/perp-foot?a=1,1&b=7,4&c=2,6', '[data-testid="foot"]');
  await page.fill('input[data-field="c"]', '3,5');
  await expectText(page, 'foot', /./);
  await expectUrl(page, /\/lab\/perp-foot\/\?a=1,1&b=7,4&c=3,5$/);
  // An edit, then a link at once: the pending URL must not replace the new page's.
  await page.fill('input[data-field="c"]', '4,4');
  await page.locator('nav.crumbs a').click();
  await page.waitForURL(/\/labs\/$/);
  await page.waitForTimeout(800);
  assert.match(page.url(), /\/labs\/$/);
  assert.deepEqual(page.errors, []);
});

test('nms: greedy and parallel agree on the default boxes at several thresholds', async () => {
  // Expected sets computed independently (Python transcription of greedy NMS, strict IoU > t).
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/nms', '[data-testid="kept"]');
  assert.equal(await text(page, 'kept'), '0 2');
  assert.equal(await text(page, 'kept-parallel'), '0 2');
  // Greedy: box 0 is compared with 4 others (suppressing 1 and 3), box 2 with box 4: 5 IoUs; parallel: all 10 pairs.
  assert.equal(await text(page, 'work'), '5 10');
  await page.fill('input[data-field="iou"]', '0.72');
  await expectText(page, 'kept', /^0 2 3$/);
  assert.equal(await text(page, 'kept-parallel'), '0 2 3');
  // The drawing: one subpath per box in the solid (kept) or the dashed
  // (suppressed) path, and a label per box, in input order.
  const drawn = await page.evaluate(() => ({
    kept: document.querySelector('.nms-svg path.kept').getAttribute('d'),
    suppressed: document.querySelector('.nms-svg path.suppressed').getAttribute('d'),
    labels: [...document.querySelectorAll('.nms-labels text')].map((t) => t.textContent),
  }));
  assert.equal(drawn.kept, 'M10 10h40v40h-40zM60 20h30v40h-30zM12 14h36v42h-36z');
  assert.equal(drawn.suppressed, 'M14 12h40v40h-40zM62 24h30v34h-30z');
  assert.deepEqual(drawn.labels, ['0: 0.9', '1: 0.8', '2: 0.75', '3: 0.7', '4: 0.6']);
  // The labels are a second svg over the boxes: the same user units land
  // on the same screen pixels in both, at this width and at a phone's.
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const maps = await page.evaluate(() => [...document.querySelectorAll('.nms-fig svg')]
      .map((s) => { const m = s.getScreenCTM(); return [m.a, m.b, m.c, m.d, m.e, m.f].map((x) => x.toFixed(2)).join(' '); }));
    assert.equal(maps.length, 2, `${width}: two drawings`);
    assert.equal(maps[1], maps[0], `${width}: labels and boxes share one mapping`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.fill('input[data-field="iou"]', '0.9');
  await expectText(page, 'kept', /^0 1 2 3 4$/);
  await expectUrl(page, /iou=0\.9/);
  assert.equal(await page.locator('table.nms-matrix td.on').count(), 0);
  await page.fill('input[data-field="iou"]', '1.5');
  await expectText(page, 'error-iou', /between 0 and 1/);
  await page.fill('input[data-field="iou"]', '0.5');
  await page.fill('input[data-field="boxes"]', '0,0,2,2,0.9;3,0,2,2,0.5');
  await expectText(page, 'error-boxes', /Box 2 has x2 < x1/);
  assert.deepEqual(page.errors, []);
});

test('nms: seeded random boxes give the same kept set in both forms', async () => {
  const page = await openPage(browser, { width: 360, height: 640 });
  await gotoRoute(page, 'lab/nms/?seed=7&n=200&iou=0.5', '[data-testid="kept"]');
  assert.equal(await text(page, 'same'), 'true');
  assert.equal(await text(page, 'kept'), await text(page, 'kept-parallel'));
  assert.equal(await horizontalOverflow(page), 0);
  await page.fill('input[data-field="n"]', '999');
  await expectText(page, 'error-n', /from 0 to 200/);
  assert.deepEqual(page.errors, []);
});

test('NMS: labels on up to 30 boxes; above that a note instead of a pile of text', async () => {
  const page = await openPage(browser, { width: 360, height: 640 });
  await gotoRoute(page, '#/lab/nms?seed=1&n=30&iou=0.5', '[data-testid="kept"]');
  assert.equal(await page.locator('.nms-labels text').count(), 30);
  assert.equal(await page.locator('[data-testid="no-labels"]').count(), 0);
  await page.fill('input[data-field="n"]', '31');
  await expectText(page, 'no-labels', /at most this many: 30\./);
  assert.equal(await page.locator('.nms-labels').count(), 0);
  // The boxes are still drawn: 31 subpaths between the two paths.
  const subpaths = await page.evaluate(() => [...document.querySelectorAll('.nms-svg path')].map((p) => (p.getAttribute('d').match(/M/g) || []).length).reduce((a, b) => a + b, 0));
  assert.equal(subpaths, 31);
  assert.deepEqual(page.errors, []);
});

test('float: 9.9e9 + 1e-9 in f32, ties to even, hex input and format switch', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, 'lab/float/?x=9.9e9&y=1e-9&op=add&fmt=f32', '[data-testid="stored-x"]');
  assert.equal(await text(page, 'stored-x'), '9900000256');
  assert.equal(await text(page, 'bits-x'), '0x50138581');
  assert.equal(await text(page, 'ulp-x'), '1024');
  assert.equal(await text(page, 'result'), '9900000256');
  assert.equal(await text(page, 'result-bits'), '0x50138581');
  assert.equal(await text(page, 'swamp-x'), '512');
  // Exactly half an ULP: a tie, and the odd last bit rounds up to even.
  await page.fill('input[data-field="y"]', '512');
  await expectText(page, 'result', /^9900001280$/);
  // The trace is drawn a frame after the result (a Settled part).
  await page.waitForFunction(() => /ties to even/.test(document.querySelector('.trace')?.textContent ?? ''), null, { timeout: 5000 })
    .catch(() => {});
  assert.match(await page.locator('.trace').textContent(), /ties to even/);
  await page.fill('input[data-field="x"]', '0x3f800000');
  await expectText(page, 'stored-x', /^1$/);
  await page.selectOption('select[data-field="fmt"]', 'f16');
  await expectText(page, 'error-x', /does not fit in the 16 bits of f16/);
  await page.fill('input[data-field="x"]', '9.9e9');
  await expectText(page, 'stored-x', /^inf$/);
  assert.equal(await text(page, 'bits-x'), '0x7c00');
  await expectUrl(page, /\/lab\/float\/\?x=9\.9e9&y=512&op=add&fmt=f16$/);
  await page.selectOption('select[data-field="fmt"]', 'bf16');
  await expectText(page, 'stored-x', /^9932111872$/);
  await page.fill('input[data-field="y"]', 'abc');
  await expectText(page, 'error-y', /not a finite number/);
  assert.deepEqual(page.errors, []);
});

test('float: the four-format table shows what each format stores, with an exponent for tiny and huge values', async () => {
  const page = await openPage(browser, { width: 360, height: 640 });
  const row = (fmt) => page.locator(`table.formats tr[data-fmt="${fmt}"] td`).allTextContents();
  await gotoRoute(page, '#/lab/float?x=9.9e9&y=1e-9&op=add&fmt=f32', 'table.formats');
  // x, y, x + y, whether the sum differs from x. f32 keeps 9.9e9 as
  // 9900000256 and 1e-9 as 0x3089705f = 9.9999997171806853...e-10 (Python:
  // struct.unpack('>f', bytes.fromhex('3089705f'))[0] is 9.999999717180685e-10); f16
  // overflows to inf and flushes 1e-9 to 0; bf16 keeps 8 bits of mantissa.
  assert.deepEqual(await row('f64'), ['9900000000', '1e-9', '9900000000', 'no']);
  assert.deepEqual(await row('f32'), ['9900000256', '9.999999717180685e-10', '9900000256', 'no']);
  assert.deepEqual(await row('f16'), ['inf', '0', 'inf', 'no']);
  assert.equal((await row('bf16'))[0], '9932111872');
  await gotoRoute(page, '#/lab/float?x=1e300&y=4.9e-324&op=add&fmt=f64', 'table.formats');
  assert.deepEqual(await row('f64'), ['1e300', '5e-324', '1e300', 'no']);
  assert.equal(await horizontalOverflow(page), 0);
  assert.deepEqual(page.errors, []);
});

test('float: f64 0.1 is stored as its exact binary expansion; division by zero gives inf, not NaN text', async () => {
  const page = await openPage(browser, { width: 360, height: 640 });
  await gotoRoute(page, '#/lab/float?x=0.1&y=0&op=div&fmt=f64', '[data-testid="stored-x"]');
  assert.equal(await text(page, 'stored-x'), '0.1000000000000000055511151231257827021181583404541015625');
  assert.equal(await text(page, 'result'), 'inf');
  assert.equal(await horizontalOverflow(page), 0);
  assert.deepEqual(page.errors, []);
});

test('losses: the bank gradients, numerical check, and saturation', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/losses', '[data-testid="grad-mse"]');
  // Independent values (Python): z = -2.5, s = 0.0758582, dMSE/dw = -0.2591434, dCE/dw = -1.8482836.
  const num = async (id) => Number(await text(page, id));
  assert.ok(Math.abs(await num('grad-mse') + 0.2591434) < 1e-6);
  assert.ok(Math.abs(await num('grad-ce') + 1.8482836) < 1e-6);
  assert.ok(Math.abs(await num('num-grad-mse') - await num('grad-mse')) < 1e-6);
  assert.ok(Math.abs(await num('num-grad-ce') - await num('grad-ce')) < 1e-6);
  await page.fill('input[data-field="w"]', '-5');
  await expectText(page, 'sigmoid', /^0\.0000/);
  assert.ok(Math.abs(await num('grad-mse')) < 1e-3, 'MSE gradient vanishes when saturated');
  assert.ok(Math.abs(await num('grad-ce')) > 1.99);
  await page.fill('input[data-field="y"]', '2');
  await expectText(page, 'error-y', /between 0 and 1/);
  assert.equal(await page.getByTestId('grad-ce').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('mixed-precision: fp16-only stalls, the fp32 master copy moves, loss scaling rescues a tiny gradient', async () => {
  // Expected values from an independent Python simulation (struct 'e' half floats).
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/mixed-precision', '[data-testid="w-fp16"]');
  assert.equal(await text(page, 'w-fp16'), '1');
  assert.equal(await text(page, 'stall-step'), '1');
  assert.ok(Math.abs(Number(await text(page, 'w-master')) - 0.9) < 1e-3);
  assert.equal(await text(page, 'g-fp16'), '0');
  assert.ok(Math.abs(Number(await text(page, 'g-scaled')) - 1e-8) < 1e-10);
  await page.fill('input[data-field="lr"]', '0.01');
  await page.fill('input[data-field="steps"]', '100');
  await expectText(page, 'w-fp16', /^0\.90234375$/);
  assert.equal(await text(page, 'stall-step'), 'never');
  await page.fill('input[data-field="scale"]', '1000');
  await expectText(page, 'error-scale', /power of two/);
  assert.deepEqual(page.errors, []);
});

test('dropout-bn: inverted dropout keeps the mean; BN train vs inference; batch of one', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/dropout-bn', '[data-testid="dropout-mean"]');
  const mean = (await text(page, 'dropout-mean')).split(' ').map(Number);
  [1, 2, 3, 4].forEach((x, i) => assert.ok(Math.abs(mean[i] - x) < 0.1 * x, `${mean}`));
  const train = (await text(page, 'bn-train')).split(' ').map(Number);
  const expected = [1, 2, 3, 6].map((x) => 2 * (x - 3) / Math.sqrt(3.5 + 1e-5) + 0.5);
  train.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12));
  const [rm, rv] = (await text(page, 'bn-running')).split(' ').map(Number);
  assert.ok(Math.abs(rm - 0.3) < 1e-12 && Math.abs(rv - (0.9 + 0.1 * 14 / 3)) < 1e-12);
  await page.fill('input[data-field="batch"]', '5');
  await expectText(page, 'bn-train', /^0\.5$/);
  assert.equal(await text(page, 'bn-infer'), '—');
  await page.fill('input[data-field="p"]', '1');
  await expectText(page, 'error-p', /0 ≤ p < 1/);
  assert.deepEqual(page.errors, []);
});

test('dist-matmul: 7/8 N² fits with half-block swaps, N² with whole blocks; C is exact', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/dist-matmul?n=8&mem=0.875', '[data-testid="peak"]');
  assert.equal(await text(page, 'peak'), '0.875');
  assert.equal(await text(page, 'budget'), '0.875');
  assert.equal(await text(page, 'sent'), '0.5');
  assert.equal(await text(page, 'max-error'), '0');
  await page.fill('input[data-field="mem"]', '1');
  await expectText(page, 'peak', /^1$/);
  await page.fill('input[data-field="n"]', '7');
  await expectText(page, 'error-n', /even number/);
  await page.fill('input[data-field="n"]', '2');
  await page.fill('input[data-field="mem"]', '0.875');
  await expectText(page, 'error-n', /no space to receive/);
  assert.deepEqual(page.errors, []);
});

test('conv-matmul: im2col shapes for the bank example, GEMM equals direct convolution', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/conv-matmul?c=3&h=32&w=32&k=3&stride=1&pad=1&cout=8&seed=1', '[data-testid="im2col-shape"]');
  assert.equal(await text(page, 'im2col-shape'), '27 1024');
  assert.equal(await text(page, 'out-shape'), '8 32 32');
  assert.equal(await text(page, 'conv-diff'), '0');
  const [a, b] = (await text(page, 'max-counterexample')).split(' ').map(Number);
  assert.notEqual(a, b);
  await page.fill('input[data-field="stride"]', '2');
  await expectText(page, 'out-shape', /^8 16 16$/);
  await page.fill('input[data-field="k"]', '40');
  await expectText(page, 'error-k', /no larger than the padded input/);
  assert.deepEqual(page.errors, []);
});

test('mlp: reproduces the bank parts, passes the gradient check, and one step lowers the loss', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, 'lab/mlp/', '[data-testid="grad-w1"]');
  const g1 = (await text(page, 'grad-w1')).split(' ').map(Number);
  assert.ok(Math.abs(g1[3] + 0.016889475877) < 1e-9, `${g1}`);
  const w2 = (await text(page, 'w2-after')).split(' ').map(Number);
  assert.ok(Math.abs(w2[1] + 0.40845353318) < 1e-9, `${w2}`);
  assert.ok(Number(await text(page, 'num-check')) < 1e-5);
  assert.ok(Number(await text(page, 'loss-after')) < Number(await text(page, 'loss')));
  await page.fill('input[data-field="b1"]', '0');
  await expectText(page, 'error-b1', /b1 needs 2 numbers/);
  assert.deepEqual(page.errors, []);
});

test('optimizers: paths converge on the quadratic, SGD diverges past lr 2/25, Adam keeps 16 bytes/param in mixed precision', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/lab/optimizers', '[data-testid="final-adam"]');
  for (const id of ['final-sgd', 'final-momentum', 'final-adam']) {
    const [x, y] = (await text(page, id)).split(' ').map(Number);
    assert.ok(Math.hypot(x, y) < 0.5, `${id}: ${x} ${y}`);
  }
  // SGD's y has shrunk to about 4e-102: written with an exponent, not as a
  // hundred zeros that wrap over three lines.
  assert.match(await text(page, 'final-sgd'), /^-?[\d.]+ -?\d(\.\d+)?e-\d+$/);
  assert.equal(await text(page, 'adam-bytes-per-param'), '16');
  await page.fill('input[data-field="lr"]', '0.1');
  await expectText(page, 'final-sgd', /\d/);
  assert.match(await page.locator('.results').textContent(), /diverged at step/);
  await page.selectOption('select[data-field="f"]', 'rosen');
  await page.waitForFunction(() => location.search.includes('f=rosen'));
  await page.fill('input[data-field="steps"]', '20000');
  await expectText(page, 'error-steps', /At most 10000 steps/);
  assert.deepEqual(page.errors, []);
});

test('every lab opens at 360x640 in zh and en with no horizontal scroll and no console error', async () => {
  const slugs = ['float', 'mixed-precision', 'perp-foot', 'eigen-perm', 'nms', 'losses', 'optimizers', 'dist-matmul', 'conv-matmul', 'mlp', 'dropout-bn'];
  for (const locale of ['en-US', 'zh-CN']) {
    const page = await openPage(browser, { width: 360, height: 640, locale });
    await gotoRoute(page, '#/labs', '.lab-list');
    assert.equal(await page.locator('[data-lab-link]').count(), slugs.length);
    for (const slug of slugs) {
      await gotoRoute(page, `${locale.startsWith('zh') ? 'zh/' : ''}lab/${slug}/`, 'article.lab .results');
      assert.equal(await horizontalOverflow(page), 0, `${slug} ${locale}`);
      assert.equal(await page.locator('.field-error:not(:empty)').count(), 0, `${slug}: defaults are valid`);
      assert.doesNotMatch(await page.locator('article.lab').textContent(), /NaN/, `${slug} shows NaN`);
      // Plots and figures take the lab's full width on a phone.
      const narrow = await page.evaluate(() => {
        const body = document.querySelector('.lab-body').getBoundingClientRect().width;
        return [...document.querySelectorAll('.lab-body svg')].map((s) => s.getBoundingClientRect().width).filter((w) => w < body - 1);
      });
      assert.deepEqual(narrow, [], `${slug}: a figure narrower than the lab`);
    }
    assert.deepEqual(page.errors, []);
  }
});

test('perp-foot SVG: hit areas are invisible and labels keep their size (page CSS does not leak in)', async () => {
  const page = await openPage(browser, { width: 400, height: 800 });
  await gotoRoute(page, '#/lab/perp-foot', 'svg.perp-svg');
  const fills = await page.locator('svg.perp-svg circle.hit').evaluateAll((cs) => cs.map((c) => getComputedStyle(c).fill));
  assert.equal(fills.length, 3);
  for (const f of fills) assert.match(f, /rgba\(0, 0, 0, 0\)|transparent/);
  const svgBox = await page.locator('svg.perp-svg').boundingBox();
  for (const t of await page.locator('svg.perp-svg text').all()) {
    const box = await t.boundingBox();
    assert.ok(box.height < svgBox.height / 10, `label ${await t.textContent()} is ${box.height}px tall`);
  }
  assert.deepEqual(page.errors, []);
});
