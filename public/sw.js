// Magtreg service worker: precaches the app shell so the app starts with no network; app files are
// fetched network-first (a new build is picked up when online) with the cache as fallback. The API is
// never cached: sync decides what is current.
'use strict';
const CACHE = 'magtreg-app-v1';
const APP_FILES = ['/', '/index.html', '/magtreg.js', '/magtreg.wasm', '/manifest.webmanifest', '/icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(APP_FILES)).then(() => self.skipWaiting()));
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
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req, {ignoreSearch: true})
        .then((hit) => hit || (req.mode === 'navigate' ? caches.match('/index.html') : undefined))
        .then((hit) => hit || new Response('Offline', {status: 503, statusText: 'Offline'}))));
});
