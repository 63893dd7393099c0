// Starts the app: Emscripten's Module (the canvas, the started callback), the start-failure message and
// the service worker. A file, not an inline script, so the Content-Security-Policy allows no inline script.
'use strict';
var Module = {
  canvas: document.getElementById('canvas'),
  onMagtregStarted: function () { document.getElementById('status').classList.add('hidden'); },
  printErr: function (t) { console.error(t); }
};
Module.canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
window.addEventListener('error', function () {
  var s = document.getElementById('status');
  if (!s.classList.contains('hidden')) s.textContent = 'Magtreg kunne ikke starte. Genindlæs siden.';
});
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(function (e) { console.warn('service worker', e); });
}
