// AI Interview Lab service worker, written by postbuild from
// src/bin/postbuild/sw.js, which fills in BUILD, FILES and HASHED.
// One cache per build: a new deploy is a new worker with a new cache; it
// waits until the page asks it to take over ("reload to update"), then
// deletes the old build's cache. Requests are answered from this build's
// cache only, so old and new files never mix.
const BUILD = "%BUILD%";
const PREFIX = "ail:" + self.registration.scope + ":";
const CACHE = PREFIX + BUILD;
const FILES = %FILES%;

// What the page already fetched is not downloaded again: a file with a
// content hash in its name (HASHED) may come from the HTTP cache as it is;
// any other file is revalidated with the server, which answers 304
// without the body when the cached copy is current.
const HASHED = new Set(%HASHED%);
// A page (`q/<id>/index.html`) is stored under the address the browser
// asks for, its directory (`q/<id>/`; the root page under "./"), so that
// it too is revalidated rather than fetched again under another URL.
const key = (f) => (f === "index.html" ? "./" : f.endsWith("/index.html") ? f.slice(0, -10) : f);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((f) => new Request(key(f), { cache: HASHED.has(f) ? "default" : "no-cache" }))))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
  if (event.data && event.data.type === "build" && event.ports[0]) event.ports[0].postMessage(BUILD);
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Every file by its own address, whatever the query: a page of the
    // app (its directory), the JSON Schema, the example post, a module.
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode !== "navigate") return fetch(request);
    // A page asked for without its final slash is the same page.
    if (!url.pathname.endsWith("/")) {
      const dir = await cache.match(url.origin + url.pathname + "/", { ignoreSearch: true });
      if (dir) return Response.redirect(url.pathname + "/" + url.search + url.hash, 301);
    }
    try {
      return await fetch(request);
    } catch (e) {
      // Offline and not a file of this build: the app's 404 page.
      return (await cache.match("404.html")) || Response.error();
    }
  })());
});
