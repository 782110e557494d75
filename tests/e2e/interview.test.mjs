// The mock interview (interview/) in Chromium with a fake microphone: a
// whole 3-question session with recordings and playback, key points ticked,
// a follow-up, the summary and the reviews in storage (mode "interview");
// a refused microphone; a reload mid-session; no request leaves the page's
// origin and no audio reaches storage; 360 px without sideways scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { BASE, openPage, gotoRoute, textSoon, horizontalOverflow } from './harness.mjs';

const FAKE_MIC = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required', ...FAKE_MIC],
  });
});
after(async () => { await browser?.close(); });

/** A page that records every request's URL (`page.requests`). */
async function open(opts) {
  const page = await openPage(browser, opts);
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  // Leaving mid-session asks; tests that leave accept.
  page.dialogs = [];
  page.on('dialog', async (d) => { page.dialogs.push(d.type()); await d.accept(); });
  return page;
}

/** The reviews in storage, over every bank. */
async function reviews(page) {
  return page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('ail.progress') ?? '{"banks":{}}');
    return Object.values(doc.banks).flatMap((b) => b.reviews);
  });
}

/** Starts a session of `length` in the report's order (the first topic:
 * the report's questions 1..length), recording if `record`. */
async function start(page, { length = '3', record = true, answer = '30' } = {}) {
  await gotoRoute(page, 'interview/', '[data-testid="interview-setup"]');
  await page.getByTestId('interview-length').selectOption(length);
  await page.getByTestId('interview-answer-time').selectOption(answer);
  if (record) await page.getByTestId('interview-record').check();
  await page.getByTestId('interview-start').click();
  await page.waitForSelector('[data-testid="interview-start-answer"]');
}

/** Answers the question on screen: start, speak for `ms`, stop. */
async function answer(page, ms = 1200) {
  await page.getByTestId('interview-start-answer').click();
  await page.waitForSelector('[data-testid="interview-stop"]');
  await page.waitForTimeout(ms);
  await page.getByTestId('interview-stop').click();
  await page.waitForSelector('[data-testid="key-point-list"]');
}

test('a 3-question interview: recording, key points, a follow-up, the summary and the reviews', async () => {
  const page = await open();
  await start(page);
  const { questions } = await (await fetch(new URL('static/bank.json', BASE))).json();
  const planned = questions.slice(0, 3);
  assert.equal(await page.getByTestId('interview-position').textContent(), 'Question 1 of 3');
  assert.equal(await page.locator('article.interview-question').getAttribute('data-qid'), planned[0].id);

  // The clock runs down while answering, with the recording light on.
  await page.getByTestId('interview-start-answer').click();
  await page.waitForSelector('[data-testid="recording"]');
  const c1 = await page.getByTestId('interview-clock').textContent();
  await page.waitForTimeout(1500);
  const c2 = await page.getByTestId('interview-clock').textContent();
  assert.match(c1, /^0:(30|29|28)/);
  assert.notEqual(c1, c2);
  // Space stops (the keyboard path).
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press(' ');
  await page.waitForSelector('[data-testid="key-point-list"]');

  // The recording plays back with a real duration.
  const audio = page.getByTestId('answer-recording');
  await audio.waitFor();
  const duration = await audio.evaluate(async (a) => {
    // A MediaRecorder blob has no duration in its header: it reads as
    // Infinity until the element has seeked to the end.
    const until = (ev) => new Promise((r) => { a.addEventListener(ev, r, { once: true }); setTimeout(r, 4000); });
    if (a.readyState < 1) { a.load(); await until('loadedmetadata'); }
    for (let i = 0; i < 3 && !Number.isFinite(a.duration); i++) {
      a.currentTime = 1e101;
      await until('durationchange');
    }
    return a.duration;
  });
  assert.ok(duration > 0.5 && Number.isFinite(duration), `duration ${duration}`);

  // Tick every key point but the last (keys and clicks): the suggestion follows the rule.
  const points = page.getByTestId('key-point');
  const n = await points.count();
  assert.equal(n, planned[0].kind.key_points.length);
  await page.keyboard.press('1');
  for (let i = 1; i < n - 1; i++) await points.nth(i).check();
  const ticked = n - 1;
  const want = 2 * ticked < n ? 1 : 4 * ticked < 3 * n ? 2 : 3;
  await page.waitForFunction((w) => document.querySelector('[data-testid="suggested-rating"]')?.dataset.rating === w, String(want));
  assert.equal(await page.locator(`.rating button[data-rating="${want}"]`).getAttribute('aria-pressed'), 'true');

  // The follow-up: asked, answered out loud, its answer shown and its recording kept.
  await page.getByTestId('interview-start-follow-up').click();
  await page.waitForSelector('[data-testid="interview-stop-follow-up"]');
  await page.waitForTimeout(800);
  await page.getByTestId('interview-stop-follow-up').click();
  await page.getByTestId('follow-up-answer').waitFor();
  await page.getByTestId('follow-up-recording').waitFor();
  const followUpTexts = planned[0].follow_ups.map((f) => f.answer.en.slice(0, 20));
  const shown = await page.getByTestId('follow-up-answer').textContent();
  assert.ok(followUpTexts.some((t) => shown.includes(t.replace(/[`*$\\]/g, '').slice(0, 10))), shown);

  // An auto-graded part, graded as in practice and recorded as an interview review.
  const firstPart = planned[0].parts[0];
  assert.equal(firstPart.kind.type, 'numeric');
  const part = page.locator(`[data-part="${firstPart.id}"]`);
  await part.getByTestId('answer-input').fill(String(firstPart.kind.answer[0]));
  await part.getByTestId('submit').click();
  assert.equal(await textSoon(part.getByTestId('verdict'), 'correct'), 'correct');
  // Enter (outside a field) records the question and goes on.
  await page.locator('h2').first().click();
  await page.keyboard.press('Enter');
  await textSoon(page.getByTestId('interview-position'), 'Question 2 of 3');
  assert.equal(await page.getByTestId('interview-position').textContent(), 'Question 2 of 3');

  // Question 2: override the suggestion with Easy; question 3: no ticks (Again).
  await answer(page);
  for (const p of await page.getByTestId('key-point').all()) await p.check();
  await page.locator('.rating button[data-rating="4"]').click();
  await page.getByTestId('interview-next').click();
  await textSoon(page.getByTestId('interview-position'), 'Question 3 of 3');
  await answer(page);
  assert.equal(await page.getByTestId('suggested-rating').getAttribute('data-rating'), '1');
  assert.match(await page.getByTestId('interview-next').textContent(), /summary/i);
  await page.getByTestId('interview-next').click();

  // The summary: three rows, ratings, recordings, what to practise next.
  await page.getByTestId('interview-summary').waitFor();
  const rows = page.getByTestId('summary-row');
  assert.equal(await rows.count(), 3);
  assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => [r.dataset.qid, r.dataset.rating])),
    [[planned[0].id, String(want)], [planned[1].id, '4'], [planned[2].id, '1']]);
  assert.equal(await page.getByTestId('summary-recording').count(), 3);
  const next = await page.getByTestId('practise-next').locator('a').count();
  assert.equal(next, (want <= 2 ? 1 : 0) + 1);

  // The reviews: one per question with mode "interview", the ratings above,
  // and the part's.
  const all = await reviews(page);
  assert.deepEqual(all.filter((r) => r.part).map((r) => [r.q, r.part, r.outcome, r.mode]),
    [[planned[0].id, firstPart.id, 'correct', 'interview']]);
  const stored = all.filter((r) => !r.part);
  assert.deepEqual(stored.map((r) => [r.q, r.rating, r.mode, r.outcome]), [
    [planned[0].id, want, 'interview', 'self_graded'],
    [planned[1].id, 4, 'interview', 'self_graded'],
    [planned[2].id, 1, 'interview', 'self_graded'],
  ]);
  // No audio in storage, and no session left once it is done.
  const entries = await page.evaluate(() => Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
  for (const [k, v] of entries) {
    assert.ok(!/blob:|data:audio|audio\/webm|"audio"/.test(v), `storage ${k} holds audio`);
  }
  assert.equal(entries.find(([k]) => k === 'ail.interview'), undefined);
  // Every request stayed on the page's origin (blob: URLs are the page's own).
  const origin = new URL(BASE).origin;
  const away = page.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(away, []);
  // The stats page counts the interview's reviews like any review.
  await gotoRoute(page, 'stats/', '[data-testid="total-reviews"]');
  assert.equal(Number(await page.getByTestId('total-reviews').textContent()), (await reviews(page)).length);
  assert.deepEqual(page.errors, []);
});

test('a refused microphone gives the note and the session goes on', async () => {
  const page = await open();
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await start(page, { length: '3' });
  const note = page.getByTestId('mic-note');
  await note.waitFor();
  assert.match(await note.textContent(), /permission was refused/);
  await page.getByTestId('interview-notes').fill('my typed answer');
  await answer(page);
  assert.equal(await page.getByTestId('answer-recording').count(), 0);
  await page.getByTestId('interview-next').click();
  await textSoon(page.getByTestId('interview-position'), 'Question 2 of 3');
  assert.equal(await page.getByTestId('interview-position').textContent(), 'Question 2 of 3');
  // Typed notes are not stored.
  const all = await page.evaluate(() => JSON.stringify(Object.assign({}, localStorage)));
  assert.ok(!all.includes('my typed answer'));
  assert.deepEqual(page.errors, []);
});

test('a reload mid-session asks first, then resumes at the same question', async () => {
  const page = await open();
  await start(page, { length: '5', record: false });
  await answer(page);
  await page.getByTestId('interview-next').click();
  await textSoon(page.getByTestId('interview-position'), 'Question 2 of 5');
  const qid = await page.locator('article.interview-question').getAttribute('data-qid');
  // Mid-answer: the clock is running when the page is left.
  await page.getByTestId('interview-start-answer').click();
  await page.waitForSelector('[data-testid="interview-stop"]');
  await page.reload();
  assert.deepEqual(page.dialogs, ['beforeunload']);
  await page.waitForSelector('[data-testid="interview-start-answer"]');
  assert.equal(await page.getByTestId('interview-position').textContent(), 'Question 2 of 5');
  assert.equal(await page.locator('article.interview-question').getAttribute('data-qid'), qid);
  assert.match(await page.getByTestId('interview-note').textContent(), /Resumed/);
  // The saved session holds no audio.
  const saved = await page.evaluate(() => localStorage.getItem('ail.interview'));
  assert.ok(saved && !/blob:|audio/.test(saved), saved);
  // Ending early keeps the one rated question.
  await page.getByTestId('interview-quit').click();
  await page.getByTestId('interview-summary').waitFor();
  assert.deepEqual(page.dialogs, ['beforeunload', 'confirm']);
  assert.equal(await page.getByTestId('summary-row').count(), 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('ail.interview')), null);
  assert.deepEqual(page.errors, []);
});

test('a corrupt saved session says so and starts from the setup', async () => {
  const page = await open();
  await page.addInitScript(() => localStorage.setItem('ail.interview', '{"bank":"x"'));
  await gotoRoute(page, 'interview/', '[data-testid="interview-setup"]');
  assert.match(await page.getByTestId('interview-note').textContent(), /could not be read/);
  assert.deepEqual(page.errors, []);
});

for (const lang of ['en', 'zh']) {
  test(`at 360 px (${lang}) the setup and a question fit, the clock stays in view`, async () => {
    const page = await open({ width: 360, height: 640, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    await gotoRoute(page, `${lang === 'zh' ? 'zh/' : ''}interview/`, '[data-testid="interview-setup"]');
    assert.equal(await horizontalOverflow(page), 0);
    await page.getByTestId('interview-start').click();
    await page.getByTestId('interview-start-answer').click();
    await page.waitForSelector('[data-testid="interview-stop"]');
    await page.getByTestId('interview-stop').click();
    await page.waitForSelector('[data-testid="key-point-list"]');
    assert.equal(await horizontalOverflow(page), 0);
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(200);
    const bar = await page.locator('.interview-bar').boundingBox();
    assert.ok(bar && bar.y >= -1 && bar.y < 5, `bar at ${bar?.y}`);
    // Tap targets: every button and checkbox row at least 44 px high.
    const small = await page.evaluate(() => [...document.querySelectorAll('.interview button, .interview label.check, .interview select')]
      .filter((e) => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML.slice(0, 60)));
    assert.deepEqual(small, []);
    await page.screenshot({ path: `/tmp/interview-360-${lang}.png`, fullPage: false });
    assert.deepEqual(page.errors, []);
  });
}

test('the interview is not offered inside an embed', async () => {
  const page = await open();
  await gotoRoute(page, 'q/fp32-rounding/?embed=1');
  assert.equal(await page.getByTestId('interview-link').count(), 0);
  assert.deepEqual(page.errors, []);
});
