// The last script of every page's head (an inline module, hashed for the
// CSP; written by postbuild from this file, which puts in the built
// modules' file names). Once the browser has shown the static page's
// largest paint, it starts the module the head script picked: the page
// has the link to itself until then, and its largest paint is its own
// text, never a copy that waited for the module (Lighthouse's simulation
// counts every request that ended before that paint as one it waited
// for). If the module cannot be fetched, it says so above the static page,
// which stays readable.
const d = document.documentElement;
const [js, wasm] = d.getAttribute('data-module') === 'app'
  ? ['./APP_JS', './APP_WASM']
  : ['./PRACTICE_JS', './PRACTICE_WASM'];
// The browser reports the largest paint once that frame is on screen; a
// page that paints nothing it would report (a hidden tab) goes on after 1 s.
await new Promise((painted) => {
  new PerformanceObserver((_, seen) => {
    seen.disconnect();
    painted();
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(painted, 1000);
});
try {
  // The wasm and its glue at once: two requests in parallel, not one after
  // the other (the glue's init takes a pending Response).
  const response = fetch(wasm);
  response.catch(() => {}); // reported by init below, if the glue arrives
  const module = await import(js);
  await module.default({ module_or_path: response });
} catch (e) {
  const zh = d.lang === 'zh-CN';
  const note = document.createElement('div');
  note.className = 'load-note';
  note.setAttribute('role', 'alert');
  note.setAttribute('data-testid', 'module-failed');
  const text = document.createElement('span');
  text.textContent = zh
    ? '交互部分没有加载成功（离线了？）。这一页仍然可以阅读。'
    : 'The interactive part could not be loaded (offline?). This page can still be read.';
  const retry = document.createElement('button');
  retry.className = 'button';
  retry.textContent = zh ? '重试' : 'Retry';
  retry.setAttribute('data-testid', 'module-retry');
  retry.addEventListener('click', () => location.reload());
  note.append(text, retry);
  document.body.prepend(note);
  d.classList.remove('wait');
}
