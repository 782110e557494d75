// KaTeX as a test oracle for our LaTeX (a test-time dependency only, never
// shipped): every formula of the shipped bank and of math_corpus.json (common
// ML formulas we wrote) is rendered by KaTeX (output "mathml") and by our
// parser (`check-bank --mathml`, the tree the app draws). Every formula KaTeX
// accepts must parse here, and the two must have the same tokens: the
// contents of mi, mn, mo and mtext in order, and the structure of fractions,
// scripts, roots, under/over scripts and tables. A difference fails with the
// formula and the first differing token.
//
// The comparison reads both as MathML Core would draw them, so these are
// equal (each rule is applied to both sides):
// - a letter with KaTeX's mathvariant (bold, double-struck, script, ...)
//   and our Unicode mathematical letter (MathML Core ignores mathvariant
//   other than normal, which is why we write the letter itself);
// - `mi` and `mo` for a symbol (KaTeX writes `\top` as mi, we as mo): the
//   token is the symbol;
// - adjacent letters as one word (KaTeX spells `\bmod` as m, o, d);
// - the vertical bars | and ∣ (KaTeX writes `|x|` with U+2223), ‖ and ∥;
// - runs of white space in mtext (KaTeX writes no-break spaces);
// - invisible operators (function application), spaces and whitespace-only
//   mtext, which change spacing only; rows (mrow), which group only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import katex from 'katex';

const ROOT = new URL('../../', import.meta.url).pathname;
const CHECK_BANK = `${ROOT}target/release/check-bank`;

/** Unicode mathematical alphanumerics, as our parser writes styled letters. */
const STYLES = {
  bold: [0x1d400, 0x1d41a, 0x1d7ce],
  italic: [0x1d434, 0x1d44e, null],
  'bold-italic': [0x1d468, 0x1d482, null],
  script: [0x1d49c, 0x1d4b6, null],
  'double-struck': [0x1d538, 0x1d552, 0x1d7d8],
};
/** Letters that Unicode has outside the blocks above (in Letterlike Symbols). */
const HOLES = {
  italic: { h: 'ℎ' },
  script: { B: 'ℬ', E: 'ℰ', F: 'ℱ', H: 'ℋ', I: 'ℐ', L: 'ℒ', M: 'ℳ', R: 'ℛ', e: 'ℯ', g: 'ℊ', o: 'ℴ' },
  'double-struck': { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' },
};
const BOLD_GREEK = { lower: 0x1d6c2, upper: 0x1d6a8 };

function styled(text, variant) {
  if (variant === 'calligraphic') variant = 'script';
  const base = STYLES[variant];
  if (!base) return text;
  return [...text].map((c) => {
    const hole = HOLES[variant]?.[c];
    if (hole) return hole;
    const code = c.codePointAt(0);
    if (c >= 'A' && c <= 'Z') return String.fromCodePoint(base[0] + code - 65);
    if (c >= 'a' && c <= 'z') return String.fromCodePoint(base[1] + code - 97);
    if (c >= '0' && c <= '9' && base[2]) return String.fromCodePoint(base[2] + code - 48);
    if (variant === 'bold' && code >= 0x3b1 && code <= 0x3c9) return String.fromCodePoint(BOLD_GREEK.lower + code - 0x3b1);
    if (variant === 'bold' && code >= 0x391 && code <= 0x3a9) return String.fromCodePoint(BOLD_GREEK.upper + code - 0x391);
    return c;
  }).join('');
}

const decode = (s) => s
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const LEAVES = new Set(['mi', 'mn', 'mo', 'mtext']);
const STRUCTURE = new Set(['mfrac', 'msqrt', 'mroot', 'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mtable', 'mtr', 'mtd']);
const INVISIBLE = new Set(['\u2061', '\u2062', '\u2063', '\u2064', '']);

/** The comparable tokens of a MathML string. */
export function tokens(mathml) {
  const src = mathml.replace(/<annotation[\s\S]*?<\/annotation>/g, '');
  const out = [];
  const stack = [];
  const re = /<(\/?)([a-z]+)([^>]*?)(\/?)>|([^<]+)/g;
  let m;
  while ((m = re.exec(src))) {
    const [, close, tag, attrs, selfClose, text] = m;
    if (text !== undefined) {
      const top = stack[stack.length - 1];
      if (!top || !LEAVES.has(top.tag)) continue;
      let t = decode(text);
      if (top.tag === 'mtext') t = t.replace(/\s+/g, ' ').trim();
      else t = styled(t.trim(), top.variant).replace(/\u2223/g, '|').replace(/\u2225/g, '‖');
      if (INVISIBLE.has(t)) continue;
      // A leaf inside an mo (KaTeX's \bmod) counts as the mo's text.
      const kind = top.tag === 'mn' ? 'n' : top.tag === 'mtext' ? 't' : 's';
      out.push(`${kind}:${t}`);
      continue;
    }
    if (selfClose) continue; // mspace, and empty elements
    if (close) {
      stack.pop();
      if (STRUCTURE.has(tag)) out.push(`/${tag}`);
      continue;
    }
    const variant = /mathvariant="([^"]+)"/.exec(attrs)?.[1];
    stack.push({ tag, variant: variant ?? stack[stack.length - 1]?.variant });
    if (STRUCTURE.has(tag)) out.push(tag);
  }
  // Adjacent letters make one word, on both sides.
  const merged = [];
  for (const t of out) {
    const prev = merged[merged.length - 1];
    const word = /^s:[\p{Lu}\p{Ll}\p{Lo}]+$/u;
    if (prev && word.test(prev) && word.test(t)) merged[merged.length - 1] = prev + t.slice(2);
    else merged.push(t);
  }
  return merged;
}

function ours(formulas) {
  const out = execFileSync(CHECK_BANK, ['--mathml'], { input: JSON.stringify(formulas), maxBuffer: 64 << 20 });
  return JSON.parse(out.toString());
}

test('KaTeX and our parser agree on every formula of the bank and of the ML corpus', () => {
  const bank = JSON.parse(execFileSync(CHECK_BANK, ['--formulas', `${ROOT}static/bank.json`]).toString());
  const corpus = JSON.parse(readFileSync(new URL('./math_corpus.json', import.meta.url), 'utf8'));
  // [source, display]: the corpus is inline, the bank's come with their style.
  const seen = new Set();
  const formulas = [...corpus.map((f) => [f, false]), ...bank]
    .filter(([f, d]) => !seen.has(`${d}${f}`) && seen.add(`${d}${f}`));
  assert.ok(formulas.length >= 150, `${formulas.length} formulas`);
  const mine = ours(formulas);
  const failures = [];
  let compared = 0;
  formulas.forEach(([f, displayMode], i) => {
    let theirs;
    try {
      theirs = katex.renderToString(f, { output: 'mathml', displayMode, throwOnError: true, strict: 'ignore' });
    } catch {
      // KaTeX refuses it too; the bank's own validation says why.
      return;
    }
    if (mine[i].error) {
      failures.push(`${f}\n    KaTeX renders it; we refuse it: ${mine[i].error}`);
      return;
    }
    const [a, b] = [tokens(mine[i].mathml), tokens(theirs)];
    compared += 1;
    const at = a.findIndex((t, j) => t !== b[j]);
    if (at >= 0 || a.length !== b.length) {
      const j = at >= 0 ? at : Math.min(a.length, b.length);
      failures.push(`${f}\n    first difference at token ${j}: ours ${a[j] ?? '(end)'}, KaTeX ${b[j] ?? '(end)'}\n    ours:  ${a.slice(Math.max(0, j - 3), j + 3).join(' ')}\n    KaTeX: ${b.slice(Math.max(0, j - 3), j + 3).join(' ')}`);
    }
  });
  console.log(`# ${formulas.length} formulas (${corpus.length} in the corpus), ${compared} compared token by token, ${failures.length} differ`);
  assert.equal(failures.length, 0, `${failures.length} formulas differ:\n${failures.slice(0, 400).join('\n')}`);
});

test('the comparison itself: equal trees compare equal, a different token is found', () => {
  assert.deepEqual(tokens('<mrow><mi mathvariant="bold">x</mi><mo>⁡</mo></mrow>'), ['s:𝐱']);
  assert.deepEqual(tokens('<mrow><mi>m</mi><mi>o</mi><mi>d</mi></mrow>'), tokens('<mi>mod</mi>'));
  assert.deepEqual(tokens('<mfrac><mn>1</mn><mn>2</mn></mfrac>'), ['mfrac', 'n:1', 'n:2', '/mfrac']);
  assert.notDeepEqual(tokens('<mo>-</mo>'), tokens('<mo>−</mo>'));
  assert.deepEqual(tokens('<mi mathvariant="double-struck">R</mi>'), ['s:ℝ']);
});
