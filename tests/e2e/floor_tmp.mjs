import { launch, openPage } from './harness.mjs';
const slowdown = Number(process.argv[2] || 4);
const browser = await launch();
const page = await openPage(browser, { width: 1280, height: 800 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
await page.goto('http://127.0.0.1:8135/');
const times = await page.evaluate(async () => {
  const input = document.querySelector('input');
  const out = [];
  for (let i = 0; i < 15; i++) {
    const changed = new Promise((resolve) => { const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); }); mo.observe(document.querySelector('article.lab'), { subtree: true, childList: true, characterData: true }); });
    input.value = String(i + 2);
    const t0 = performance.now();
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const t1 = await changed;
    const render = await new Promise((r) => requestAnimationFrame(() => { const a = performance.now(); setTimeout(() => r(performance.now() - a), 0); }));
    out.push([t1 - t0, render]);
  }
  return out;
});
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('floor: dom', med(times.map(x => x[0])).toFixed(2), 'render', med(times.map(x => x[1])).toFixed(2), JSON.stringify(times.map(x => x[1].toFixed(1))));
await browser.close();
