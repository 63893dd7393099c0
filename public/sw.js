// Magtreg service worker: the app shell (page, boot.js, app.css, magtreg.js, magtreg.wasm, manifest, icon) is
// precached as one set and served cache-first, so the app starts at once and with no network. CACHE is named
// after the build (scripts/stamp_sw.py writes the build's copy of this file): a new build changes these bytes, the
// browser installs the new worker, which precaches the new set whole before it takes over and deletes the
// old cache. A tablet never mixes one build's magtreg.js with another's magtreg.wasm, and it runs the new
// build from the next load after the new worker has installed. The API is never cached: sync decides
// what is current.
'use strict';
const CACHE = 'magtreg-app-dev';
const APP_FILES = ['/', '/index.html', '/boot.js', '/app.css', '/magtreg.js', '/magtreg.wasm', '/manifest.webmanifest', '/icon.svg'];

self.addEventListener('install', (event) => {
  // The API never reaches this worker (ServiceWorker static routing, where the browser has it): the app's
  // steady API traffic would otherwise keep the worker busy, and the browser defers its check for a new
  // build while the worker is busy.
  if (event.addRoutes) {
    event.addRoutes([{condition: {urlPattern: new URLPattern({pathname: '/api/*'})}, source: 'network'}])
      .catch((e) => console.warn('service worker routes', e));
  }
  // cache: 'reload' bypasses the HTTP cache, so the set is this build's files.
  event.waitUntil(caches.open(CACHE)
    .then((c) => c.addAll(APP_FILES.map((f) => new Request(f, {cache: 'reload'}))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // The shell from the cache; anything else (the printable reports /rapport, icons) from the server; with no
  // network, a page navigation gets the app.
  event.respondWith(
    caches.open(CACHE).then((c) => c.match(req, {ignoreSearch: true}).then((hit) => hit || fetch(req).catch(() =>
      (req.mode === 'navigate' ? c.match('/index.html') : Promise.resolve(undefined))
        .then((page) => page || new Response('Offline', {status: 503, statusText: 'Offline'}))))));
});
