// JS interop for storage, reachability and time. All EM_JS lives in wasm/.
#include "wasm/web_platform.hpp"

#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace magtreg::wasm {

// clang-format off
EM_JS(void, js_mount_storage, (), {
  try {
    FS.mkdir('/data');
    FS.mount(IDBFS, {}, '/data');
  } catch (e) { console.error('IDBFS mount failed', e); }
  FS.syncfs(true, function(err) {
    performance.mark('magtreg-storage-ready');
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

// Reachability: the browser's online/offline events answer at once (issue 30 item 7: offline is shown
// within 2 s of the network going); /api/health, polled every 5 s while online and every 3 s while
// offline, tells whether the server itself answers. One poll chain: an event restarts it.
EM_JS(void, js_start_reachability, (), {
  var timer = 0, seq = 0;
  var report = function(on) { Module.__magtregOnline = on; Module._magtreg_set_online(on ? 1 : 0); };
  var poll = function() {
    clearTimeout(timer);
    var mine = ++seq;
    var ctrl = new AbortController();
    var abort = setTimeout(function() { ctrl.abort(); }, 3000);
    fetch('/api/health', {cache: 'no-store', signal: ctrl.signal})
      .then(function(r) { if (mine === seq) report(r.ok); })
      .catch(function() { if (mine === seq) report(false); })
      .finally(function() {
        clearTimeout(abort);
        if (mine === seq) timer = setTimeout(poll, Module.__magtregOnline ? 5000 : 3000);
      });
  };
  window.addEventListener('online', poll);
  window.addEventListener('offline', function() { ++seq; report(false); clearTimeout(timer); timer = setTimeout(poll, 3000); });
  poll();
});

// One same-origin fetch; the answer (status 0 when there is none) is handed back with its id. Bodies are
// copied into wasm memory that the C++ side frees. Times out after 20 s.
EM_JS(void, js_http, (double id, const char* method, const char* path, const char* body, const char* bearer), {
  var m = UTF8ToString(method), p = UTF8ToString(path), b = UTF8ToString(body), t = UTF8ToString(bearer);
  var headers = {'Accept': 'application/json'};
  if (t) headers['Authorization'] = 'Bearer ' + t;
  if (b) headers['Content-Type'] = 'application/json; charset=utf-8';
  var ctrl = new AbortController();
  var timer = setTimeout(function() { ctrl.abort(); }, 20000);
  var done = function(status, text) {
    clearTimeout(timer);
    var n = lengthBytesUTF8(text) + 1;
    var ptr = _malloc(n);
    stringToUTF8(text, ptr, n);
    Module._magtreg_on_http_done(id, status, ptr);
  };
  fetch(p, {method: m, headers: headers, body: b ? b : undefined, cache: 'no-store', signal: ctrl.signal})
    .then(function(r) { return r.text().then(function(text) { done(r.status, text); }); })
    .catch(function() { done(0, ''); });
});

// The data key of the user's encrypted record store (docs/client.md "At rest"), with WebCrypto: a key
// derived from the password (PBKDF2-SHA-256, 600,000 rounds, random 16-byte salt) wraps a random 32-byte
// data key with AES-256-GCM (random 12-byte IV, the envelope's version as associated data). Unwrapping
// fails its authentication exactly when the password is wrong: no verifier is kept. With `rewrap`, an
// opened key is wrapped anew under that password (a password changed on the server). The password and
// the keys stay in this call; the data key goes to wasm as hex. status 1 opened, 0 wrong password,
// -1 unavailable (no WebCrypto outside a secure context, or an unreadable envelope).
EM_JS(void, js_store_key, (double id, const char* password, const char* envelope, const char* rewrap), {
  var pw = UTF8ToString(password), envText = UTF8ToString(envelope), newPw = UTF8ToString(rewrap), t0 = performance.now();
  var str = function(text) {
    var n = lengthBytesUTF8(text) + 1, ptr = _malloc(n);
    stringToUTF8(text, ptr, n);
    return ptr;
  };
  var done = function(status, keyHex, env, err) {
    Module._magtreg_on_store_key(id, status, str(keyHex), str(env), str(err), performance.now() - t0);
  };
  var subtle = window.crypto && window.crypto.subtle;
  if (!subtle) { done(-1, '', '', 'WebCrypto is unavailable: the page is not a secure context'); return; }
  var b64 = function(u8) { var s = ''; for (var i = 0; i < u8.length; ++i) s += String.fromCharCode(u8[i]); return btoa(s); };
  var unb64 = function(s) { var b = atob(s), u8 = new Uint8Array(b.length); for (var i = 0; i < b.length; ++i) u8[i] = b.charCodeAt(i); return u8; };
  var hex = function(u8) { var s = ''; for (var i = 0; i < u8.length; ++i) s += ('0' + u8[i].toString(16)).slice(-2); return s; };
  var aad = new TextEncoder().encode('magtreg-store-key/1');
  var kek = function(salt, iterations, secret) {
    return subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveKey']).then(function(base) {
      return subtle.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations}, base,
                              {name: 'AES-GCM', length: 256}, false, ['encrypt', 'decrypt']);
    });
  };
  var fail = function(e) { done(-1, '', '', String(e)); };
  // Wraps `key` under `secret` with a fresh salt and IV; answers with the key and its new envelope.
  var wrap = function(key, secret) {
    var salt = crypto.getRandomValues(new Uint8Array(16)), iv = crypto.getRandomValues(new Uint8Array(12));
    var iterations = 600000;
    kek(salt, iterations, secret).then(function(k) {
      return subtle.encrypt({name: 'AES-GCM', iv: iv, additionalData: aad}, k, key);
    }).then(function(wrapped) {
      done(1, hex(key), JSON.stringify({v: 1, kdf: 'PBKDF2-SHA-256', iterations: iterations, salt: b64(salt),
                                        cipher: 'AES-256-GCM', iv: b64(iv), wrapped: b64(new Uint8Array(wrapped))}), '');
    }, fail);
  };
  if (!envText) {
    wrap(crypto.getRandomValues(new Uint8Array(32)), pw);
    return;
  }
  var e;
  try { e = JSON.parse(envText); } catch (x) { fail('the key envelope is not JSON'); return; }
  if (!e || e.v !== 1 || e.kdf !== 'PBKDF2-SHA-256' || e.cipher !== 'AES-256-GCM' || !(e.iterations >= 600000)) {
    fail('unknown key envelope');
    return;
  }
  kek(unb64(e.salt), e.iterations, pw).then(function(k) {
    return subtle.decrypt({name: 'AES-GCM', iv: unb64(e.iv), additionalData: aad}, k, unb64(e.wrapped)).then(
      function(key) { if (newPw) wrap(new Uint8Array(key), newPw); else done(1, hex(new Uint8Array(key)), envText, ''); },
      function() { done(0, '', '', ''); });
  }, fail);
});

// A same-origin page in a new window (the printable report, a CSV download). It runs within a few
// frames of the tap, inside the browser's transient user activation, so popup blockers let it through.
EM_JS(void, js_open_url, (const char* url), {
  var u = UTF8ToString(url);
  var w = window.open(u, '_blank');
  if (!w) console.warn('magtreg: the browser blocked the new window for ' + u);
});

// A printable server document in a new tab: the tab is opened now (inside the user's tap, so no popup
// blocker refuses it), the document is fetched with the session token and shown from a Blob URL.
EM_JS(void, js_open_document, (const char* path, const char* bearer), {
  var p = UTF8ToString(path), t = UTF8ToString(bearer);
  var w = window.open('about:blank', '_blank');
  if (w && w.document && w.document.body) w.document.body.textContent = 'Henter dokumentet …';
  var show = function(text, type) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    if (w) w.location.href = url; else window.open(url, '_blank');
  };
  fetch(p, {headers: t ? {'Authorization': 'Bearer ' + t} : {}, cache: 'no-store'})
    .then(function(r) { return r.text().then(function(text) {
      if (r.ok) return show(text, 'text/html;charset=utf-8');
      var msg = 'Dokumentet kunne ikke hentes (HTTP ' + r.status + ').';
      try { msg = JSON.parse(text).error.message || msg; } catch (e) {}
      show(msg, 'text/plain;charset=utf-8');
    }); })
    .catch(function() { show('Dokumentet kunne ikke hentes: serveren kan ikke nås.', 'text/plain;charset=utf-8'); });
});

// Leaves the app for a same-origin address in this window (single sign-on's start).
EM_JS(void, js_navigate, (const char* url), { window.location.assign(UTF8ToString(url)); });
// The address fragment the page loaded with when it is the server's single sign-on answer ("sso=CODE",
// "sso_error=CODE"), removed from the address bar at once so a reload or a shared link never reuses it.
EM_JS(void, js_take_sso_return, (char* out, int size), {
  var h = (window.location.hash || '').replace(/^#/, '');
  if (!/^sso(_error)?=[A-Za-z0-9_-]{1,100}$/.test(h)) { stringToUTF8('', out, size); return; }
  try { history.replaceState(null, '', window.location.pathname + window.location.search); } catch (e) {}
  stringToUTF8(h, out, size);
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
// Where the visible part of the page ends, in CSS px from the canvas's top: the visual viewport shrinks
// when the on-screen keyboard opens while the canvas keeps its size (issue 30 item 3). 0 when all of the
// canvas is visible or the browser has no visualViewport.
EM_JS(double, js_visible_bottom, (), {
  var vv = window.visualViewport, c = document.getElementById('canvas');
  if (!vv || !c) return 0;
  var r = c.getBoundingClientRect();
  var bottom = vv.offsetTop + vv.height - r.top;
  return bottom >= r.height - 1 ? 0 : Math.max(0, bottom);
});
// The last time the user touched, clicked, typed or scrolled (performance.now(), ms): the idle lock
// (issue 16) counts from it. Captured before the page's own handlers see the event.
EM_JS(void, js_track_input, (), {
  var mark = function() { Module.__magtregLastInput = performance.now(); };
  ['pointerdown', 'keydown', 'touchstart', 'wheel'].forEach(function(type) {
    window.addEventListener(type, mark, {capture: true, passive: true});
  });
  mark();
});
EM_JS(double, js_last_input, (), { return Module.__magtregLastInput || 0; });
// clang-format on

WebPlatform& platform() {
  static WebPlatform instance;
  return instance;
}

void WebPlatform::start() {
  char back[160] = {0};
  js_take_sso_return(back, sizeof back);
  m_state.sso_return = back;
  js_mount_storage();
  js_start_reachability();
  js_track_input();
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

std::uint64_t WebPlatform::http(const shell::HttpRequest& request) {
  std::uint64_t id = ++m_next_http;
  js_http(static_cast<double>(id), request.method.c_str(), request.path.c_str(), request.body.c_str(),
          request.bearer.c_str());
  return id;
}

std::uint64_t WebPlatform::store_key(const std::string& password, const std::string& envelope,
                                     const std::string& rewrap_password) {
  std::uint64_t id = ++m_next_http;
  js_store_key(static_cast<double>(id), password.c_str(), envelope.c_str(), rewrap_password.c_str());
  return id;
}

void WebPlatform::on_store_key(std::uint64_t id, int status, const std::string& key_hex, std::string envelope,
                               std::string error, double millis) {
  shell::StoreKeyResult r;
  r.id = id;
  r.millis = millis;
  r.outcome = status > 0 ? shell::StoreKeyResult::Outcome::Opened
              : status == 0 ? shell::StoreKeyResult::Outcome::WrongPassword
                            : shell::StoreKeyResult::Outcome::Unavailable;
  if (r.outcome == shell::StoreKeyResult::Outcome::Opened) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    for (std::size_t i = 0; i + 1 < key_hex.size(); i += 2)
      r.key += static_cast<char>(nibble(key_hex[i]) << 4 | nibble(key_hex[i + 1]));
    r.envelope = std::move(envelope);
  }
  r.error = std::move(error);
  if (!r.error.empty()) std::fprintf(stderr, "magtreg: store key unavailable: %s\n", r.error.c_str());
  m_state.keys_done.push_back(std::move(r));
}

void WebPlatform::open_document(const std::string& path, const std::string& bearer) {
  js_open_document(path.c_str(), bearer.c_str());
}

void WebPlatform::on_http_done(std::uint64_t id, int status, std::string body) {
  m_state.http_done.push_back(shell::HttpResponse{id, status, std::move(body)});
}

void WebPlatform::open_url(const std::string& url) { js_open_url(url.c_str()); }

void WebPlatform::navigate(const std::string& url) { js_navigate(url.c_str()); }

bool WebPlatform::remove_file(const std::string& path) {
  std::remove(path.c_str());
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return true;
  std::fclose(f);
  return false;
}

const shell::PlatformState& WebPlatform::snapshot() {
  double now = emscripten_get_now() / 1000.0;
  m_state.time_seconds = now;
  m_state.last_input_seconds = js_last_input() / 1000.0;
  m_state.visible_bottom = static_cast<float>(js_visible_bottom());
  if (m_state.today.empty() || now - m_today_at > 1.0) {
    char day[16] = {0};
    js_copenhagen_today(day, sizeof day);
    m_state.today = day;
    m_today_at = now;
  }
  return m_state;
}

}  // namespace magtreg::wasm
