// The sync loop (docs/client.md): when online it sends the outbox oldest first, then downloads the
// changes after the stored cursor; failures back off exponentially with full jitter; "Synkroniser nu"
// starts a run at once. Runs inside the frame: one HTTP exchange at a time, never blocking.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/client/client_store.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

struct SyncStatusView {
  bool running = false;
  std::string phase;       // Danish: "Sender 1 af 3", "Henter ændringer"
  int done = 0, total = 0;  // upload progress of the current run
  std::string last_error;  // Danish, from the last failed run
  std::string last_success;  // Copenhagen "HH:MM" of the last complete run
  double retry_in = 0;     // seconds until the next automatic attempt after a failure
  bool needs_login = false;  // the server refused the session: log in again to sync
  int purged_forms = 0;      // removed from the tablet by purges since the app started (locked on the server)
  bool device_revoked = false;  // the server answered DEVICE_REVOKED: the app erases the tablet's stores
  // The server answered SESSION_REVOKED (the account disabled, its password changed): the Danish reason.
  // The app closes the store and opens it again only after a login with the server.
  std::string access_revoked;
};

class SyncLoop {
 public:
  void request_now() { m_requested = true; }
  void local_change() { m_kick = true; }
  void reset() { *this = SyncLoop(); }
  void session_renewed() { m_view.needs_login = false; m_kick = true; }
  // The user's institutions: a purge after each complete run removes citizens outside them.
  void set_visible_institutions(std::vector<std::string> ids) { m_visible = std::move(ids); }
  // Whether a complete run ends with the purge (ClientStore::purge); off until a user is known.
  void set_purge(bool on) { m_purge = on; }
  // Drives the loop; true when local data changed (the app refreshes its model).
  bool tick(const PlatformState& platform, PlatformRequests& requests, core::client::ClientStore& store,
            const std::string& token);
  const SyncStatusView& view() const { return m_view; }

 private:
  enum class Phase { Idle, Uploading, Downloading, FetchingForms, CheckingVisible };
  void start(const PlatformState& platform, PlatformRequests& requests, core::client::ClientStore& store,
             const std::string& token);
  bool send_next(PlatformRequests& requests, core::client::ClientStore& store, const std::string& token);
  void download(PlatformRequests& requests, core::client::ClientStore& store, const std::string& token);
  void fail(double now, const std::string& message);
  // Asks the server which citizens the user may see now (GET …/visible-citizens) before the purge.
  void check_visible(PlatformRequests& requests, const std::string& token);
  // After the changes: the server's form catalogue, when its tag differs from the one last stored.
  void fetch_forms(PlatformRequests& requests, const std::string& token);
  // After the catalogue: the purge's visible citizens, or the end of the run.
  bool after_forms(double now, PlatformRequests& requests, core::client::ClientStore& store, const std::string& token);
  // true when the purge removed something
  bool finish(double now, core::client::ClientStore& store,
              const std::optional<std::vector<std::string>>& visible_citizens = std::nullopt);

  Phase m_phase = Phase::Idle;
  std::uint64_t m_request = 0;
  core::client::OutboxEntry m_entry;
  bool m_requested = false, m_kick = true;
  int m_failures = 0;
  double m_next_at = 0;
  Tristate m_last_online = Tristate::Unknown;
  SyncStatusView m_view;
  std::vector<std::string> m_visible;
  bool m_purge = false;
  std::string m_forms_tag;  // the server's catalogue tag as last stored in this store
  std::mt19937 m_rng{std::random_device{}()};
};

}  // namespace magtreg::shell
