// JS interop for storage, reachability and time. All EM_JS lives in wasm/.
#include "wasm/web_platform.hpp"

#include <emscripten.h>

#include <string>

namespace magtreg::wasm {

// clang-format off
EM_JS(void, js_mount_storage, (), {
  try {
    FS.mkdir('/data');
    FS.mount(IDBFS, {}, '/data');
  } catch (e) { console.error('IDBFS mount failed', e); }
  FS.syncfs(true, function(err) {
    if (err) console.error('IDBFS load failed', err);
    Module._magtreg_on_storage_ready(err ? 0 : 1);
  });
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(function(granted) { Module._magtreg_set_persisted(granted ? 1 : 0); },
                                     function() { Module._magtreg_set_persisted(-1); });
  }
});

// Saves are queued: two concurrent FS.syncfs calls corrupt each other's view. A save requested while one
// runs is folded into one follow-up save that reports the newest token.
EM_JS(void, js_request_save, (double token), {
  var q = Module.__magtregSave || (Module.__magtregSave = {busy: false, next: 0});
  q.next = Math.max(q.next, token);
  if (q.busy) return;
  var run = function() {
    var t = q.next;
    q.next = 0;
    q.busy = true;
    FS.syncfs(false, function(err) {
      q.busy = false;
      if (err) console.error('IDBFS save failed', err);
      Module._magtreg_on_storage_saved(t, err ? 0 : 1);
      if (q.next) run();
    });
  };
  run();
});

EM_JS(void, js_start_reachability, (), {
  var poll = function() {
    var ctrl = new AbortController();
    var timer = setTimeout(function() { ctrl.abort(); }, 4000);
    fetch('/api/health', {cache: 'no-store', signal: ctrl.signal})
      .then(function(r) { clearTimeout(timer); Module.__magtregOnline = r.ok; Module._magtreg_set_online(r.ok ? 1 : 0); })
      .catch(function() { clearTimeout(timer); Module.__magtregOnline = false; Module._magtreg_set_online(0); })
      .finally(function() { setTimeout(poll, Module.__magtregOnline ? 15000 : 3000); });
  };
  window.addEventListener('online', poll);
  poll();
});

// Today's date in Europe/Copenhagen as YYYY-MM-DD, from the browser's time zone database.
EM_JS(void, js_copenhagen_today, (char* out, int size), {
  var s;
  try {
    s = new Intl.DateTimeFormat('sv-SE', {timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit',
                                          day: '2-digit'}).format(new Date());
  } catch (e) { s = new Date().toISOString().slice(0, 10); }
  stringToUTF8(s, out, size);
});
// clang-format on

WebPlatform& platform() {
  static WebPlatform instance;
  return instance;
}

void WebPlatform::start() {
  js_mount_storage();
  js_start_reachability();
}

std::uint64_t WebPlatform::request_save() {
  std::uint64_t token = ++m_next_token;
  js_request_save(static_cast<double>(token));
  return token;
}

void WebPlatform::on_storage_ready(bool ok) {
  m_state.storage_ready = true;
  m_state.storage_failed = !ok;
}

void WebPlatform::on_storage_saved(std::uint64_t token, bool ok) {
  if (token > m_state.saved_token) m_state.saved_token = token;
  m_state.save_failed = !ok;
}

const shell::PlatformState& WebPlatform::snapshot() {
  double now = emscripten_get_now() / 1000.0;
  if (m_state.today.empty() || now - m_state.time_seconds > 1.0) {
    char day[16] = {0};
    js_copenhagen_today(day, sizeof day);
    m_state.today = day;
    m_state.time_seconds = now;
  }
  return m_state;
}

}  // namespace magtreg::wasm
