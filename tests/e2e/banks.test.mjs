// Anyone's bank: ?bank=<https URL>, a picked file, limits with their own
// messages, and a corpus of hostile banks in which nothing executes, nothing
// hangs, and each gives a message or renders inertly. Remote banks are
// served by Playwright's router at https://banks.example/ (nothing leaves
// the machine); the service worker is blocked so every request is seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ready, BASE } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const CANARY = 'window.__pwned=1';

function text(s) { return { zh: s, en: s }; }

function question(id, prompt, extra = {}) {
  return {
    id, topic: 't', difficulty: 'easy', prompt: text(prompt),
    kind: { type: 'single', options: [{ text: text('yes'), explanation: text('because') }, { text: text('no'), explanation: text('because') }], correct: 0 },
    answer: text('The answer.'), explanation: text('Why.'), ...extra,
  };
}

function bank(questions, meta = {}) {
  return { version: 1, id: 'custom-bank', title: text('A custom bank'), author: 'Ada Author',
    topics: [{ id: 't', name: text('Topic') }], questions, ...meta };
}

/** Every bank is served at https://banks.example/<name>.json by `routes`. */
async function context(routes) {
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 800, height: 900 } });
  const page = await ctx.newPage();
  page.errors = [];
  page.dialogs = 0;
  page.external = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource|Access-Control|CORS/.test(m.text())) page.errors.push(m.text()); });
  page.on('dialog', async (d) => { page.dialogs++; await d.dismiss(); });
  page.on('request', (r) => { if (new URL(r.url()).hostname.endsWith('evil.example')) page.external.push(r.url()); });
  await ctx.route('https://banks.example/**', async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    const r = routes[name];
    if (!r) return route.fulfill({ status: 404, body: 'nope', headers: { 'access-control-allow-origin': '*' } });
    if (r.delay) await new Promise((res) => setTimeout(res, r.delay));
    // A refused connection; browsers report a CORS refusal the same way.
    if (r.abort) return route.abort('connectionrefused');
    return route.fulfill({
      status: r.status || 200,
      headers: { 'content-type': r.type || 'application/json', ...(r.cors === false ? {} : { 'access-control-allow-origin': '*' }) },
      body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body),
    });
  });
  return page;
}

function open(page, url, hash = '#/') {
  return page.goto(`${BASE}?bank=${encodeURIComponent(url)}${hash}`);
}

test('?bank= loads someone\'s bank: title, author, count; progress is kept per bank', async () => {
  const b = bank([question('first-q', 'What is **one**?'), question('second-q', 'And two?')]);
  const page = await context({ 'good.json': { body: b } });
  await open(page, 'https://banks.example/good.json');
  await page.waitForSelector('[data-testid="bank-meta"]');
  assert.equal(await page.getByTestId('bank-title').textContent(), 'A custom bank');
  assert.equal(await page.getByTestId('bank-author').textContent(), 'Ada Author');
  assert.equal(await page.getByTestId('bank-count').textContent(), '2 questions');
  await page.goto(`${BASE}?bank=${encodeURIComponent('https://banks.example/good.json')}#/q/first-q`);
  await page.waitForSelector('[data-testid="question-prompt"]');
  await page.locator('[data-option="0"]').check();
  await page.getByTestId('submit').first().click();
  const doc = JSON.parse(await page.evaluate(() => localStorage.getItem('ail.progress')));
  assert.deepEqual(Object.keys(doc.banks), ['custom-bank']);
  // The same bank embedded (data-bank passes it to the iframe this way).
  await page.goto(`${BASE}index.html?bank=${encodeURIComponent('https://banks.example/good.json')}#/embed/q/second-q`);
  await page.waitForSelector('[data-testid="question-prompt"]');
  assert.match(await page.getByTestId('question-prompt').textContent(), /And two\?/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a bank file can be picked, its errors are named, and the built-in bank comes back', async () => {
  const page = await context({});
  await page.goto(`${BASE}#/`);
  // The static home page has the bank's title too: wait for the module,
  // whose copy of the page replaces it (both are there for a moment).
  await ready(page);
  await page.waitForSelector('[data-testid="bank-meta"]');
  const builtin = await page.getByTestId('bank-title').textContent();
  // The home page's link to open another bank: the app, on the root page.
  await page.getByTestId('own-bank').click();
  await page.waitForURL(/\?bank=$/);
  await page.waitForSelector('[data-testid="bank-file"]');
  const good = bank([question('only-q', 'Only one.'), { id: 'broken', topic: 'nope' }]);
  await page.getByTestId('bank-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await page.waitForFunction(() => document.querySelector('[data-testid="bank-title"]')?.textContent === 'A custom bank');
  assert.equal(await page.getByTestId('bank-count').textContent(), '1 question');
  assert.match(await page.getByTestId('bank-problems').textContent(), /question `broken`/);
  // A file with a syntax error: line and column, and the current bank stays.
  await page.getByTestId('bank-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "version": 1,\n  "id": oops\n}') });
  await page.waitForSelector('[data-testid="bank-file-error"]');
  assert.match(await page.getByTestId('bank-file-error').textContent(), /bad\.json: line 3, column 9/);
  assert.equal(await page.getByTestId('bank-title').textContent(), 'A custom bank');
  await page.getByTestId('builtin-bank').click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="bank-title"]')?.textContent === t, builtin);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('each limit and fetch failure has its own message', async () => {
  const big = JSON.stringify(bank([question('q', 'x'.repeat(5 * 1024 * 1024))]));
  const many = bank(Array.from({ length: 2001 }, (_, i) => question(`q-${i}`, 'q')));
  const page = await context({
    'html.json': { body: '<html>', type: 'text/html' },
    'big.json': { body: big },
    'many.json': { body: many },
    'refused.json': { abort: true },
    'slow.json': { body: bank([question('q', 'q')]), delay: 11000 },
    'syntax.json': { body: '{"version": 1,\n "title": }' },
  });
  const cases = [
    ['https://banks.example/missing.json', /HTTP 404/],
    ['https://banks.example/html.json', /is “text\/html”, not JSON/],
    ['https://banks.example/big.json', /the limit is 5 MB/],
    ['https://banks.example/many.json', /2001 questions; the limit is 2000/],
    ['https://banks.example/refused.json', /network error, or the server does not allow cross-origin reads/],
    ['https://banks.example/syntax.json', /line 2, column \d+/],
    ['http://banks.example/plain.json', /only from https:\/\//],
    ['javascript:alert(1)', /only from https:\/\//],
    // "Paths" the browser's URL parser reads as another host (this test
    // site is http, so they would be plain http from evil.example).
    ['/\\evil.example/b.json', /only from https:\/\//],
    ['/\t/evil.example/b.json', /only from https:\/\//],
    ['https://banks.example/slow.json', /did not answer within 10 s/],
  ];
  for (const [url, re] of cases) {
    await open(page, url);
    await page.waitForSelector('[data-testid="load-error"]', { timeout: 20000 })
      .catch((e) => { throw new Error(`${url}: ${e.message}`); });
    assert.match(await page.getByTestId('load-error').textContent(), re, url);
    assert.equal(await page.getByTestId('use-builtin').count(), 1);
  }
  assert.equal(page.dialogs, 0);
  assert.deepEqual(page.external, [], 'nothing was asked of another host');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The hostile corpus: each entry is a bank (or raw text) and what the app must do. */
function corpus() {
  const md = (name, prompt, extra) => [name, bank([question(`q-${name}`, prompt, extra)])];
  const entries = [
    md('script-tag', `<script>${CANARY}</script> hello`),
    md('img-onerror', `<img src=x onerror="${CANARY}">`),
    md('svg-script', `<svg onload="${CANARY}"><script>${CANARY}</script></svg>`),
    md('iframe-srcdoc', `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`),
    md('js-link', `[click me](javascript:${CANARY})`),
    md('data-html-link', '[x](data:text/html,<script>parent.__pwned=1</script>)'),
    md('vbscript-link', '[x](vbscript:msgbox(1))'),
    md('raw-anchor', `<a href="javascript:${CANARY}">x</a>`),
    md('mathml-href', `<math href="javascript:${CANARY}"><mi>x</mi></math>`),
    md('latex-href', `$\\href{javascript:${CANARY}}{x}$`),
    md('latex-class', '$\\class{evil}{x}$'),
    md('latex-style', '$\\style{background:url(https://evil.example/x)}{x}$'),
    md('latex-operatorname', `$\\operatorname{<img src=x onerror=${CANARY}>}$`),
    md('latex-text-script', `$\\text{<script>${CANARY}</script>}$`),
    md('autolink', `<javascript:${CANARY}>`),
    md('reference-link', `[x][r]\n\n[r]: javascript:${CANARY}`),
    md('entity-link', `[x](&#106;avascript:${CANARY})`),
    md('image-js', `![x](javascript:${CANARY})`),
    md('image-remote', '![tracker](https://evil.example/track.png)'),
    md('style-tag', '<style>body{display:none}</style>'),
    md('form-button', `<form action="javascript:${CANARY}"><button>go</button></form>`),
    md('huge-string', 'A'.repeat(2_000_000)),
    md('deep-quotes', '>'.repeat(20000) + ' deep'),
    md('deep-latex', '$' + '\\frac{'.repeat(3000) + 'x' + '}{y}'.repeat(3000) + '$'),
    md('deep-latex-accents', '$' + '\\hat'.repeat(3000) + ' x$'),
    md('latex-color-style', '$\\color{red;background:url(https://evil.example/c)}{x}$'),
    md('latex-textcolor-js', `$\\textcolor{javascript:${CANARY}}{x}$`),
    md('latex-hspace-huge', '$a\\hspace{1e308em}b$'),
    md('latex-text-html', `$\\textbf{<img src=x onerror=${CANARY}>}$`),
    md('follow-up-script', 'ok', { follow_ups: [{ prompt: text(`<script>${CANARY}</script>`), answer: text(`<img src=x onerror="${CANARY}">`) }] }),
    md('option-link', 'choose', { kind: { type: 'single', options: [{ text: text(`[a](javascript:${CANARY})`), explanation: text('x') }, { text: text('b'), explanation: text('y') }], correct: 0 } }),
    md('bidi-override', 'abc\u202Eevil\u202C \u200B zero width'),
    ['deep-json', '{"version":1,"id":"x","title":' + '['.repeat(20000) + ']'.repeat(20000) + '}'],
    ['duplicate-keys', '{"version":1,"id":"a","id":"b","title":{"zh":"t","en":"t"},"author":"x","topics":[],"questions":[]}'],
    ['lone-surrogate', '{"version":1,"id":"x","title":{"zh":"\\ud800","en":"\\udc00x"},"author":"a","topics":[],"questions":[]}'],
    ['html-id', bank([question('<img src=x onerror=window.__pwned=1>', 'id attack')])],
    ['proto-pollution', '{"__proto__":{"polluted":1},"version":1,"id":"x","title":{"zh":"t","en":"t"},"author":"a","topics":[],"questions":[]}'],
  ];
  return entries;
}

test('hostile banks: nothing executes, nothing hangs, each gives a message or renders inertly', async () => {
  const entries = corpus();
  assert.ok(entries.length >= 25, `${entries.length} hostile banks`);
  const routes = Object.fromEntries(entries.map(([name, body]) => [`${name}.json`, { body }]));
  const page = await context(routes);
  // index.html's own scripts (the language picker and Trunk's loader), in <head>.
  await page.goto(BASE);
  const pageScripts = await page.locator('head script').count();
  const pageStyles = await page.locator('head style').count();
  for (const [name, body] of entries) {
    const url = `https://banks.example/${name}.json`;
    await open(page, url);
    // Something is shown within the timeout: the bank, or a message.
    await page.waitForSelector('[data-testid="bank-meta"], [data-testid="load-error"]', { timeout: 15000 })
      .catch((e) => { throw new Error(`${name}: ${e.message}`); });
    const qid = typeof body === 'object' ? body.questions[0].id : null;
    if (qid && await page.getByTestId('load-error').count() === 0) {
      {
        await page.goto(`${BASE}?bank=${encodeURIComponent(url)}#/q/${encodeURIComponent(qid)}`);
        await page.waitForSelector('[data-testid="question-prompt"], .load-error', { timeout: 15000 })
          .catch((e) => { throw new Error(`${name}: ${e.message}`); });
        if (await page.getByTestId('reveal').count()) await page.getByTestId('reveal').click();
        // Click every link the content produced: none may run script.
        for (const a of await page.locator('[data-testid="question-prompt"] a, section.answer a').all()) {
          const href = await a.getAttribute('href');
          assert.ok(!href || /^(https?:|mailto:|#)/.test(href), `${name}: unsafe href ${href}`);
        }
      }
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `${name} executed script`);
    assert.equal(await page.evaluate(() => ({}).polluted), undefined, `${name} polluted Object.prototype`);
    assert.equal(page.dialogs, 0, name);
    // (The page's own data block is the one script in the body; its styles
    // are inline in <head>.)
    assert.equal(await page.locator('body :is(script:not(#ail-page), iframe, style, form:not(.slot), img, object, embed)').count(), 0, `${name} made an element it should not`);
    assert.equal(await page.locator('head script').count(), pageScripts, `${name} added a script`);
    assert.equal(await page.locator('head style').count(), pageStyles, `${name} added a style`);
  }
  assert.deepEqual(page.external, [], 'no request to a third party');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a mock interview over someone\'s bank: its questions, graded kinds rated by their grade', async () => {
  const b = bank([question('first-q', 'What is **one**?'), question('second-q', 'And two?')]);
  const page = await context({ 'good.json': { body: b } });
  await open(page, 'https://banks.example/good.json', '#/interview');
  await page.getByTestId('interview-setup').waitFor();
  await page.getByTestId('interview-start').click();
  await page.getByTestId('interview-start-answer').click();
  await page.getByTestId('interview-stop').click();
  // A choice question has no key points: it is answered and graded, and
  // Next waits until there is a rating.
  assert.equal(await page.getByTestId('key-point-list').count(), 0);
  assert.equal(await page.getByTestId('interview-next').isDisabled(), true);
  await page.locator('[data-option="0"]').check();
  await page.getByTestId('submit').first().click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="interview-next"]').disabled);
  assert.equal(await page.locator('.rating button[aria-pressed="true"]').getAttribute('data-rating'), '3');
  await page.getByTestId('interview-next').click();
  await page.getByTestId('interview-position').filter({ hasText: '2 of 2' }).waitFor();
  const doc = JSON.parse(await page.evaluate(() => localStorage.getItem('ail.progress')));
  assert.deepEqual(doc.banks['custom-bank'].reviews.map((r) => [r.q, r.rating, r.mode]), [['first-q', 3, 'interview']]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
