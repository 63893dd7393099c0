// What the shell knows of the platform it runs on: a plain state snapshot the platform layer fills in
// before each frame, and the few requests the shell may make of it. The shell never calls JS itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace magtreg::shell {

enum class Tristate { Unknown, No, Yes };

// One finished HTTP exchange. status 0 = no answer (network down, server unreachable, aborted).
struct HttpResponse {
  std::uint64_t id = 0;
  int status = 0;
  std::string body;
};

struct HttpRequest {
  std::string method;  // "GET", "POST", "PUT"
  std::string path;    // same origin: a route of core/sync/routes.hpp with its query
  std::string body;    // JSON; empty for GET
  std::string bearer;  // session token, or empty
};

// The answer to PlatformRequests::store_key.
struct StoreKeyResult {
  enum class Outcome { Opened, WrongPassword, Unavailable };
  std::uint64_t id = 0;
  Outcome outcome = Outcome::Unavailable;
  std::string key;       // Opened: the store's 32-byte data key (raw bytes)
  std::string envelope;  // Opened: the key wrapped under the password (new when one was created)
  std::string error;     // Unavailable: why (English, for the console)
  double millis = 0;     // how long the key derivation and unwrapping took
};

struct PlatformState {
  bool storage_ready = false;       // local database loaded from IndexedDB
  bool storage_failed = false;      // IndexedDB could not be read: nothing will persist
  Tristate online = Tristate::Unknown;  // the sync server answers
  Tristate persisted = Tristate::Unknown;  // navigator.storage.persist() granted
  std::uint64_t saved_token = 0;    // last save token whose IndexedDB write completed
  bool save_failed = false;
  std::string today;                // "YYYY-MM-DD", Europe/Copenhagen
  double time_seconds = 0;          // monotonic
  double last_input_seconds = 0;    // the user's last touch, click, key or scroll, on time_seconds' clock
  float visible_bottom = 0;         // CSS px from the top where the visible page ends (on-screen keyboard); 0 = all
  std::vector<HttpResponse> http_done;  // exchanges completed since the previous frame
  std::vector<StoreKeyResult> keys_done;  // store keys derived since the previous frame
  // The page's address fragment when it loaded, back from the municipality's login (single sign-on):
  // "sso=CODE" or "sso_error=STABLE_CODE"; empty otherwise. The platform removes it from the address bar.
  std::string sso_return;
};

class PlatformRequests {
 public:
  virtual ~PlatformRequests() = default;
  // Writes the local database to IndexedDB; returns a token that PlatformState::saved_token reaches
  // once the write has completed (saves are queued, never run concurrently).
  virtual std::uint64_t request_save() = 0;
  // Starts an asynchronous HTTP request; its answer arrives in PlatformState::http_done under the id.
  virtual std::uint64_t http(const HttpRequest& request) = 0;
  // The data key of the user's encrypted record store (docs/client.md "At rest"). `envelope` is the key
  // wrapped under the user's password (PBKDF2-SHA-256, 600,000 rounds, AES-256-GCM); an empty envelope
  // makes a new random key and its envelope. Unwrapping fails exactly when the password is wrong. The
  // answer arrives in PlatformState::keys_done under the returned id. `rewrap_password`: when the
  // envelope opens, the key is wrapped anew under this password and the new envelope returned (the
  // user's password was changed on the server since the store was made).
  virtual std::uint64_t store_key(const std::string& password, const std::string& envelope,
                                  const std::string& rewrap_password = {}) = 0;
  // Opens a same-origin document of the server (printable HTML) in a new browser tab, fetched with the
  // session token. Called while handling the user's tap, so the browser allows the new tab.
  virtual void open_document(const std::string& path, const std::string& bearer) = 0;
  // Deletes a file of the local folder (logout removes the user's data); true when it is gone.
  virtual bool remove_file(const std::string& path) = 0;
  // Opens a same-origin URL in a new browser window (the printable report, a CSV download).
  virtual void open_url(const std::string& url) { (void)url; }
  // Leaves the app for a same-origin URL in this window (single sign-on: the server sends the browser on
  // to the municipality's login, which sends it back to the app).
  virtual void navigate(const std::string& url) { (void)url; }
};

}  // namespace magtreg::shell
