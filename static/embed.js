// AI Interview Lab embed loader. A host page writes
//   <div data-ai-lab="q/fp32-rounding"></div>
//   <script src="https://<where the app lives>/static/embed.js" async></script>
// and gets an iframe that sizes itself to its content. Options on the div:
// data-lang="zh|en", data-theme="light|dark", data-seed="<u64>" (questions),
// data-bank="https://…/bank.json" (your own bank; its server must allow CORS).
// Each iframe opens the page of that question or lab (q/<id>/?embed=1&…),
// which is readable as soon as it arrives. The iframe is cross-origin to
// the host, so it cannot touch the host page;
// the only message accepted from it is its height, and only from that frame
// and the app's exact origin.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  // The app lives one directory above static/embed.js.
  var app = new URL("../", script.src);
  var appOrigin = app.origin;
  var frames = [];

  function target(spec) {
    // "q/<id>" or "lab/<slug>?<query>"; anything else is refused.
    var m = /^(q\/[a-z0-9-]+|lab\/[a-z0-9-]+(\?[A-Za-z0-9_.,;:=&%+\-]*)?)$/.exec(spec || "");
    return m ? m[1] : null;
  }

  function mount(div) {
    if (div.getAttribute("data-ai-lab-mounted")) return;
    var spec = target(div.getAttribute("data-ai-lab"));
    if (!spec) {
      div.textContent = "AI Interview Lab: data-ai-lab must be q/<id> or lab/<slug>?…";
      return;
    }
    div.setAttribute("data-ai-lab-mounted", "1");
    var lang = div.getAttribute("data-lang");
    var bank = div.getAttribute("data-bank");
    var theme = div.getAttribute("data-theme");
    var seed = div.getAttribute("data-seed");
    var path = spec.split("?")[0], query = spec.split("?")[1] || "";
    var search = new URLSearchParams(query);
    if (spec.charAt(0) === "q" && /^[0-9]{1,20}$/.test(seed || "")) search.set("seed", seed);
    search.set("embed", "1");
    search.set("host", location.origin);
    if (lang === "zh" || lang === "en") search.set("lang", lang);
    if (theme === "light" || theme === "dark") search.set("theme", theme);
    var src;
    if (bank && /^https:\/\/[^\s]+$/.test(bank)) {
      // Someone else's bank has no pages: the app shows it on the root page.
      var outer = new URLSearchParams();
      outer.set("host", location.origin);
      outer.set("bank", bank);
      if (lang === "zh" || lang === "en") outer.set("lang", lang);
      if (theme === "light" || theme === "dark") outer.set("theme", theme);
      var inner = new URLSearchParams(query);
      if (spec.charAt(0) === "q" && /^[0-9]{1,20}$/.test(seed || "")) inner.set("seed", seed);
      var rest = inner.toString();
      src = "index.html?" + outer.toString() + "#/embed/" + path + (rest ? "?" + rest : "");
    } else {
      // The page itself (q/<id>/, lab/<slug>/), in its language.
      src = (lang === "zh" ? "zh/" : "") + path + "/?" + search.toString();
    }
    var frame = document.createElement("iframe");
    frame.src = new URL(src, app).href;
    frame.title = "AI Interview Lab: " + spec;
    frame.loading = "lazy";
    frame.setAttribute("width", "100%");
    frame.setAttribute("height", "480");
    frame.setAttribute("frameborder", "0");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.style.border = "0";
    frame.style.width = "100%";
    frame.style.display = "block";
    div.appendChild(frame);
    frames.push(frame);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== appOrigin) return;
    var data = event.data;
    if (!data || data.type !== "ail-height" || typeof data.height !== "number") return;
    var h = Math.ceil(data.height);
    if (!(h > 0 && h < 20000)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = h + "px";
        frames[i].setAttribute("height", String(h));
      }
    }
  });

  function mountAll() {
    var divs = document.querySelectorAll("div[data-ai-lab]");
    for (var i = 0; i < divs.length; i++) mount(divs[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
