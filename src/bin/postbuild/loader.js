// The last script of every page's head (an inline module, hashed for the
// CSP; written by postbuild from this file, which puts in the built
// modules' file names). It starts the module the head script picked and,
// if it cannot be fetched, says so above the static page, which stays
// readable.
const d = document.documentElement;
const [js, wasm] = d.getAttribute('data-module') === 'app'
  ? ['./APP_JS', './APP_WASM']
  : ['./PRACTICE_JS', './PRACTICE_WASM'];
try {
  const module = await import(js);
  await module.default({ module_or_path: wasm });
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
