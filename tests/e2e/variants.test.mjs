// Generated variants in the browser: the same seed gives the same variant
// (across page loads, and the same one the native code draws), keys made
// natively grade correct in the wasm build, hex answers are accepted,
// unparseable answers get a message, and "New variant" changes the seed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, openPage, gotoRoute, ready, address, horizontalOverflow, textSoon, goneSoon } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The variant the native build draws (`check-bank --variant`). */
function nativeVariant(id, seed) {
  const out = execFileSync(`${ROOT}target/release/check-bank`,
    ['--variant', `${ROOT}static/bank.json`, id, String(seed)], { encoding: 'utf8' });
  return JSON.parse(out);
}

const part = (page, id) => page.locator(`[data-part="${id}"]`);

async function partText(page, id) {
  return (await part(page, id).locator('.part-prompt').textContent()).trim();
}

async function answer(page, id, text) {
  const p = part(page, id);
  await p.getByTestId('answer-input').fill(text);
  await p.getByTestId('submit').click();
}

/** The f32 bit pattern of a number, computed by the JS engine. */
function f32Hex(x) {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, x);
  return '0x' + v.getUint32(0).toString(16).padStart(8, '0');
}

test('the same seed gives the same variant on two page loads', async () => {
  const a = await openPage(browser);
  await gotoRoute(a, '#/q/fp32-rounding?seed=42');
  const b = await openPage(browser);
  await gotoRoute(b, '#/q/fp32-rounding?seed=42');
  for (const id of ['variant-stored', 'variant-sum', 'variant-ulp']) {
    const ta = await partText(a, id);
    assert.ok(ta.length > 40, ta);
    assert.equal(ta, await partText(b, id), id);
  }
  // The label a learner reads is short; the whole seed is in the URL and the title.
  const seed = a.getByTestId('variant-seed');
  assert.equal(await seed.getAttribute('data-seed'), '42');
  assert.equal(await seed.getAttribute('title'), '42');
  assert.equal(await seed.textContent(), '2a');
  await gotoRoute(b, 'q/fp32-rounding/?seed=13831455206808794047');
  assert.equal(await b.getByTestId('variant-seed').textContent(), 'bff3…');
  const c = await openPage(browser);
  await gotoRoute(c, '#/q/fp32-rounding?seed=43');
  assert.notEqual(await partText(c, 'variant-stored'), await partText(a, 'variant-stored'));
  assert.deepEqual([...a.errors, ...b.errors, ...c.errors], []);
});

test('the browser draws the native variant: native keys grade correct, neighbours wrong', async () => {
  const page = await openPage(browser);
  for (const seed of [42, 7, 123456789]) {
    const native = nativeVariant('fp32-rounding', seed);
    const stored = native.parts.find((p) => p.id === 'variant-stored');
    await gotoRoute(page, `#/q/fp32-rounding?seed=${seed}`);
    // The integer x of the native prompt appears in the browser's prompt.
    const x = stored.prompt.en.match(/= (\d+)\$/)[1];
    assert.ok((await partText(page, 'variant-stored')).includes(x), `seed ${seed}: x = ${x}`);
    const key = stored.kind.answer[0];
    // Independent check of the key: the JS engine's own f32 rounding.
    if (stored.kind.format === 'f32') assert.equal(key, Math.fround(Number(x)));
    await answer(page, 'variant-stored', String(key));
    assert.equal(await textSoon(part(page, 'variant-stored').getByTestId('verdict'), 'correct'), 'correct', `seed ${seed}`);
    // Every generated numeric part of this variant: the native key is right in wasm too.
    for (const p of native.parts.filter((p) => p.id.startsWith('variant-') && p.kind.type === 'numeric')) {
      await answer(page, p.id, p.kind.answer.map(String).join(' '));
      assert.equal(await textSoon(part(page, p.id).getByTestId('verdict'), 'correct'), 'correct', `${p.id} seed ${seed}`);
    }
  }
  assert.deepEqual(page.errors, []);
});

test('a hex bit pattern is accepted, a wrong value shows ULPs and neighbours', async () => {
  const page = await openPage(browser);
  // Find a seed whose stored-value variant is f32, so JS can compute the bits.
  let seed = 1;
  let stored;
  for (; seed < 50; seed++) {
    stored = nativeVariant('fp32-rounding', seed).parts.find((p) => p.id === 'variant-stored');
    if (stored.kind.format === 'f32') break;
  }
  await gotoRoute(page, `#/q/fp32-rounding?seed=${seed}`);
  const key = stored.kind.answer[0];
  await answer(page, 'variant-stored', f32Hex(key));
  assert.equal(await textSoon(part(page, 'variant-stored').getByTestId('verdict'), 'correct'), 'correct');
  // One f32 step above the key: incorrect, 1 ULP away, neighbours listed.
  const above = new DataView(new ArrayBuffer(4));
  above.setFloat32(0, key);
  above.setUint32(0, above.getUint32(0) + 1);
  const next = above.getFloat32(0);
  await answer(page, 'variant-stored', String(next));
  const p = part(page, 'variant-stored');
  assert.equal(await textSoon(p.getByTestId('verdict'), 'incorrect'), 'incorrect');
  assert.equal(await p.getByTestId('ulps').textContent(), '1');
  const neighbours = await p.getByTestId('neighbours').textContent();
  assert.ok(neighbours.includes(String(next)), neighbours);
  assert.deepEqual(page.errors, []);
});

test('an unparseable answer gets a message and no verdict', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/q/perpendicular-foot?seed=5');
  await answer(page, 'variant-foot', 'three point eight');
  const p = part(page, 'variant-foot');
  const msg = await p.locator('.answer-error').textContent();
  assert.match(msg, /is not a number/);
  await goneSoon(p.getByTestId('verdict'));
  assert.equal(await p.getByTestId('verdict').count(), 0);
  // A hex pattern where no float format applies is refused with a reason.
  await answer(page, 'variant-foot', '0x40 0x41');
  assert.match(await textSoon(p.locator('.answer-error'), /hex bit pattern/), /hex bit pattern/);
  // Fractions are fine: the key of this variant typed as a/b fractions.
  const native = nativeVariant('perpendicular-foot', 5).parts.find((x) => x.id === 'variant-foot');
  const typed = native.kind.answer.map((v) => `${Math.round(v * 1e6)}/1000000`).join(', ');
  await answer(page, 'variant-foot', `(${typed})`);
  assert.equal(await textSoon(p.getByTestId('verdict'), 'correct'), 'correct');
  assert.deepEqual(page.errors, []);
});

test('"New variant" draws a new seed into the URL; Back returns to the old one', async () => {
  const page = await openPage(browser);
  await gotoRoute(page, '#/q/parallel-nms');
  // A link without a seed opens the page's own variant (seed 1), as the
  // static page shows it; the address stays the page's.
  assert.equal(address(page), 'q/parallel-nms/');
  assert.equal(await page.getByTestId('variant-seed').getAttribute('data-seed'), '1');
  const firstPrompt = await partText(page, 'variant-iou');
  await page.reload();
  await ready(page);
  assert.equal(await partText(page, 'variant-iou'), firstPrompt, 'a reload keeps the variant');
  // A new variant: a new seed in the URL (the app module draws it).
  await page.getByTestId('new-variant').click();
  await page.waitForURL(/q\/parallel-nms\/\?seed=\d+$/);
  await ready(page);
  await page.waitForFunction((t) => document.querySelector('[data-part="variant-iou"] .part-prompt')?.textContent.trim() !== t, firstPrompt);
  const second = await page.getByTestId('variant-seed').getAttribute('data-seed');
  assert.ok(page.url().endsWith(`seed=${second}`), page.url());
  const secondPrompt = await partText(page, 'variant-iou');
  // Another one, drawn in the page this time (no new load), and Back to each.
  await page.getByTestId('new-variant').click();
  await page.waitForFunction((s) => !location.search.endsWith(`seed=${s}`), second);
  await page.waitForFunction((t) => document.querySelector('[data-part="variant-iou"] .part-prompt')?.textContent.trim() !== t, secondPrompt);
  const third = await page.getByTestId('variant-seed').getAttribute('data-seed');
  assert.ok(page.url().endsWith(`seed=${third}`), page.url());
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('[data-part="variant-iou"] .part-prompt')?.textContent.trim() === t, secondPrompt);
  await page.goBack();
  await page.waitForURL(/q\/parallel-nms\/$/);
  await page.waitForFunction((t) => document.querySelector('[data-part="variant-iou"] .part-prompt')?.textContent.trim() === t, firstPrompt);
  assert.deepEqual(page.errors, []);
});

test('every generated part renders at 360x640 in zh and en without overflow or a broken formula', async () => {
  const withVariants = ['fp32-rounding', 'mixed-precision-fp32-steps', 'perpendicular-foot', 'eigen-permutation',
    'parallel-nms', 'sigmoid-mse-ce-gradients', 'sgd-momentum-adam', 'cnn-layers-as-matmul',
    'distributed-matmul-memory', 'batch-norm'];
  for (const locale of ['zh-CN', 'en-US']) {
    const page = await openPage(browser, { width: 360, height: 640, locale });
    for (const id of withVariants) {
      for (const seed of [1, 2, 3]) {
        await gotoRoute(page, `#/q/${id}?seed=${seed}`);
        const parts = page.locator('[data-part^="variant-"]');
        assert.ok(await parts.count() >= 1, id);
        const text = (await parts.allTextContents()).join(' ');
        // (the fp16 overflow question offers "NaN" as a wrong option on purpose)
        assert.ok(!/undefined|NaN/.test(text) || id === 'mixed-precision-fp32-steps', `${id} seed ${seed}: ${text}`);
        assert.equal(await page.locator('code.math-error').count(), 0, `${id} seed ${seed}`);
        assert.ok(await horizontalOverflow(page) <= 0, `${id} seed ${seed} overflows at 360px (${locale})`);
      }
    }
    assert.deepEqual(page.errors, []);
  }
});
