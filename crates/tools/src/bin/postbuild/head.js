// The first script of every page (inline, hashed for the CSP; written by
// postbuild from this file). It runs before the first paint:
// - marks <html class="js"> (the static page hides its no-script parts);
// - on the 404 page, finds the site root and sets <base> and the icon;
// - turns a hash route of earlier versions (#/q/<id>, #/lab/<slug>?…,
//   #/embed/…) on the root page into that page's real address;
// - opens the page in the language the learner chose (?lang=, the stored
//   choice; on the root page the browser's), unless a bank from elsewhere
//   is on screen;
// - remembers the language a learner picks with the language link, even
//   before a module has started (the next page would otherwise open in
//   the language stored before);
// - picks the module the loader starts (data-module): the app for a bank
//   from elsewhere (?bank=) or another variant (?seed=), hiding the parts
//   of the static page that it will replace (as the heading of a question
//   walked in another order).
(function () {
  var d = document.documentElement, l = location;
  var page = d.getAttribute('data-page'), lang = d.getAttribute('lang') === 'zh-CN' ? 'zh' : 'en';
  d.className += ' js';
  // A page the service worker controls has the math font in its cache (style.css).
  if (navigator.serviceWorker && navigator.serviceWorker.controller) d.className += ' sw';
  var root;
  if (page === '404') {
    // The host served this file for an unknown address: the root is what
    // precedes the first segment of a known kind of page, else "/".
    var m = /^(.*?\/)(?:zh\/)?(?:(?:q|lab)\/[^\/]+|labs|review|stats|interview)\/?(?:index\.html)?$/.exec(l.pathname);
    root = l.origin + (m ? m[1] : /^(.*?\/)zh\/?$/.test(l.pathname) ? RegExp.$1 : '/');
    var b = document.createElement('base');
    b.href = root;
    document.head.appendChild(b);
    var icon = document.createElement('link');
    icon.rel = 'icon';
    icon.href = 'static/icon.svg';
    document.head.appendChild(icon);
  } else {
    root = document.baseURI.replace(/[?#].*$/, '').replace(/[^\/]*$/, '');
  }
  var rel = (l.href.indexOf(root) === 0 ? l.href.slice(root.length) : '').replace(/#.*$/, '');
  var path = rel.replace(/\?.*$/, '');
  var query = rel.slice(path.length + 1);
  function has(k, v) { return new RegExp('(^|&)' + k + '=' + (v || '') + (v ? '(&|$)' : '')).test(query); }
  var stored = null;
  try { stored = localStorage.getItem('ail.lang'); } catch (e) {}
  var asked = has('lang', 'zh') ? 'zh' : has('lang', 'en') ? 'en' : null;
  var bank = has('bank');
  var want = asked || (stored === 'zh' || stored === 'en' ? stored : null);
  var h = l.hash;
  if (page === 'home' && !bank && /^#\/./.test(h)) {
    var r = /^#\/(embed\/)?((?:q|lab)\/[^?\/]+|labs|review|stats|interview)\/?(?:\?(.*))?$/.exec(h);
    if (r) {
      if (!want) want = /^zh/i.test(navigator.language || '') ? 'zh' : 'en';
      var q = [r[3], r[1] ? 'embed=1' : '', query].filter(function (x) { return x; }).join('&');
      l.replace(root + (want === 'zh' ? 'zh/' : '') + r[2] + '/' + (q ? '?' + q : ''));
      return;
    }
  }
  if (!want && page === 'home' && !bank && /^(#\/?)?$/.test(h) && path === '') {
    want = /^zh/i.test(navigator.language || '') ? 'zh' : null;
  }
  if (want && want !== lang && !bank && page !== '404') {
    var other = lang === 'zh' ? path.replace(/^zh(\/|$)/, '') : 'zh/' + path;
    l.replace(root + other + (query ? '?' + query : '') + h);
    return;
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.lang[hreflang]');
    if (!a) return;
    try { localStorage.setItem('ail.lang', a.getAttribute('hreflang') === 'zh-CN' ? 'zh' : 'en'); } catch (x) {}
  });
  if (has('embed', '1')) d.className += ' embed';
  if (has('theme', 'dark')) d.setAttribute('data-theme', 'dark');
  if (has('theme', 'light')) d.setAttribute('data-theme', 'light');
  if (bank) {
    d.setAttribute('data-module', 'app');
    d.className += ' wait';
  } else if (page === 'question' && has('seed')) {
    d.setAttribute('data-module', 'app');
    d.className += ' variant';
  }
  // In another order (shuffled, a topic, review), the heading's place in it
  // is the module's to write ("Question 3 of 20", not the bank's "of 33").
  if (page === 'question' && (has('s') || has('t') || has('r', '1'))) d.className += ' order';
})();
