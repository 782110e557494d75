// Our MathML next to KaTeX's rendering of the same formulas, in Chromium,
// for a reviewer's eyes (not a test; the token-by-token comparison is
// katex.test.mjs). Writes target/math-side-by-side/page.html (open it in
// any browser) and screenshots of it, page-0.png, page-1.png, ...
//
//   cargo build --release -p ail-tools --bin check-bank
//   node tests/e2e/math_side_by_side.mjs [bank|corpus|all] [limit]
//   MATH_FONT="DejaVu Math TeX Gyre" node tests/e2e/math_side_by_side.mjs
//     (our column in an installed OpenType MATH font, to judge one)
//   MATH_FONT_FILE=static/fonts/ail-math.woff2 node tests/e2e/math_side_by_side.mjs
//     (our column in a font file, loaded with @font-face as "AIL Math",
//     as static/style.css does; screenshots go to
//     target/math-side-by-side-<file name>/ so both runs can be compared)
//
// Left column: our tree as MathML Core (the elements the app builds, via
// `check-bank --mathml`). Right column: KaTeX's HTML rendering with its own
// CSS and fonts from node_modules (nothing is fetched from the network).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import katex from 'katex';
import { chromium } from 'playwright-core';

const ROOT = new URL('../../', import.meta.url).pathname;
const which = process.argv[2] ?? 'corpus';
const limit = Number(process.argv[3] ?? 400);
const CHECK_BANK = `${ROOT}target/release/check-bank`;

const corpus = JSON.parse(readFileSync(new URL('./math_corpus.json', import.meta.url), 'utf8')).map((f) => [f, false]);
const bank = which === 'corpus' ? [] : JSON.parse(execFileSync(CHECK_BANK, ['--formulas', `${ROOT}static/bank.json`]).toString());
const seen = new Set();
const formulas = [...(which === 'bank' ? [] : corpus), ...bank]
  .filter(([f, d]) => !seen.has(`${d}${f}`) && seen.add(`${d}${f}`))
  .slice(0, limit);
const ours = JSON.parse(execFileSync(CHECK_BANK, ['--mathml'], { input: JSON.stringify(formulas), maxBuffer: 64 << 20 }).toString());

const fontFile = process.env.MATH_FONT_FILE ? resolve(process.env.MATH_FONT_FILE) : null;
const fontFamily = fontFile ? '"AIL Math", math' : process.env.MATH_FONT ? `"${process.env.MATH_FONT}"` : null;
// The font as a data: URL, so a page opened from file:// may use it.
const fontFace = fontFile
  ? `@font-face{font-family:"AIL Math";src:url(data:font/woff2;base64,${readFileSync(fontFile).toString('base64')}) format("woff2");font-display:block}`
  : '';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const katexCss = join(dirname(createRequire(import.meta.url).resolve('katex')), 'katex.min.css');
const rows = formulas.map(([f, display], i) => {
  let theirs;
  try {
    theirs = katex.renderToString(f, { displayMode: display, throwOnError: true, strict: 'ignore' });
  } catch (e) {
    theirs = `<span class="err">KaTeX: ${esc(e.message)}</span>`;
  }
  // Our tree's MathML, from our own serializer of it (a test tool only;
  // the app never inserts markup strings).
  const mine = ours[i].page
    ? `<math${display ? ' display="block"' : ''}>${ours[i].page}</math>`
    : `<span class="err">${esc(ours[i].error)}</span>`;
  return `<tr><td class="src">${esc(f)}</td><td>${mine}</td><td>${theirs}</td></tr>`;
});
const out = join(ROOT, `target/math-side-by-side${fontFile ? `-${basename(fontFile).replace(/\.[^.]*$/, '')}` : ''}`);
mkdirSync(out, { recursive: true });
const page = join(out, 'page.html');
writeFileSync(page, `<!doctype html><meta charset="utf-8"><title>Our MathML and KaTeX</title>
<link rel="stylesheet" href="${pathToFileURL(katexCss)}">
<style>${fontFace}body{font:14px system-ui;margin:16px}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #ddd;padding:6px 8px;vertical-align:middle}
td.src{font:12px monospace;color:#555;max-width:28em;word-break:break-all}th{text-align:left}math{font-size:1.21em${fontFamily ? `;font-family:${fontFamily}` : ''}}.err{color:#b00}</style>
<h1>${formulas.length} formulas: ours (MathML Core) and KaTeX</h1>
<table><tr><th>LaTeX</th><th>ours</th><th>KaTeX</th></tr>${rows.join('\n')}</table>`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const tab = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
await tab.goto(pathToFileURL(page).href);
await tab.evaluate(() => document.fonts.ready);
if (fontFile) {
  const loaded = await tab.evaluate(() => [...document.fonts].filter((f) => f.family.includes('AIL Math')).map((f) => f.status));
  console.log(`AIL Math from ${fontFile}: ${loaded.join(', ') || 'not declared'}`);
}
const height = await tab.evaluate(() => document.documentElement.scrollHeight);
let shots = 0;
for (let y = 0; y < height; y += 1600, shots += 1) {
  await tab.screenshot({ path: join(out, `page-${shots}.png`), fullPage: true, clip: { x: 0, y, width: 1280, height: Math.min(1600, height - y) } });
}
await browser.close();
console.log(`${formulas.length} formulas: ${page} and ${shots} screenshots in ${out}`);
