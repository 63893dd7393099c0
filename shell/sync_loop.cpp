// The sync loop's state machine.
#include "shell/sync_loop.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>

#include "core/catalogue/definition_store.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/utc.hpp"
#include "core/util/json_util.hpp"
#include "core/time/format.hpp"
#include "shell/api.hpp"

namespace magtreg::shell {

namespace {
constexpr double k_backoff_base = 1.0, k_backoff_cap = 60.0, k_periodic = 30.0;
}  // namespace

void SyncLoop::fail(double now, const std::string& message) {
  m_phase = Phase::Idle;
  m_view.running = false;
  m_view.phase.clear();
  m_view.last_error = message;
  ++m_failures;
  // Full jitter: a uniform delay between 0 and the capped exponential step.
  double ceiling = std::min(k_backoff_cap, k_backoff_base * std::pow(2.0, std::min(m_failures, 10)));
  std::uniform_real_distribution<double> d(0.0, ceiling);
  m_next_at = now + std::max(0.5, d(m_rng));
}

bool SyncLoop::finish(double now, core::client::ClientStore& store,
                      const std::optional<std::vector<std::string>>& visible_citizens) {
  // Everything is sent and the server's changes are in: what it holds locked can go (never unsynced data).
  bool purged_any = false;
  if (m_purge)
    if (auto purged = store.purge(m_visible, visible_citizens); purged) {
      m_view.purged_forms += purged->forms;
      purged_any = purged->any();
    }
  m_phase = Phase::Idle;
  m_view.running = false;
  m_view.phase.clear();
  m_view.last_error.clear();
  m_failures = 0;
  m_next_at = now + k_periodic;
  m_view.last_success = core::time::format_iso(core::time::now_local()).substr(11);
  return purged_any;
}

bool SyncLoop::send_next(PlatformRequests& requests, core::client::ClientStore& store, const std::string& token) {
  auto e = store.next_pending();
  if (!e) return false;
  m_entry = *e;
  (void)store.mark_attempt(e->seq);
  ++m_view.done;
  m_view.total = std::max(m_view.total, m_view.done + store.outbox_counts().pending - 1);
  m_view.phase = "Sender " + std::to_string(m_view.done) + " af " + std::to_string(m_view.total);
  m_request = requests.http(api::upload(token, *e));
  m_phase = Phase::Uploading;
  return true;
}

void SyncLoop::check_visible(PlatformRequests& requests, const std::string& token) {
  m_phase = Phase::CheckingVisible;
  m_view.phase = "Rydder op";
  m_request = requests.http(api::visible_citizens(token));
}

void SyncLoop::fetch_forms(PlatformRequests& requests, const std::string& token) {
  m_phase = Phase::FetchingForms;
  m_view.phase = "Henter skemaer";
  m_request = requests.http(api::form_definitions(token, m_forms_tag));
}

bool SyncLoop::after_forms(double now, PlatformRequests& requests, core::client::ClientStore& store,
                           const std::string& token) {
  if (m_purge) {
    check_visible(requests, token);  // then purge what the user may no longer see
    return false;
  }
  return finish(now, store);
}

void SyncLoop::download(PlatformRequests& requests, core::client::ClientStore& store, const std::string& token) {
  m_phase = Phase::Downloading;
  m_view.phase = "Henter ændringer";
  m_request = requests.http(api::changes(token, store.cursor(), 200));
}

void SyncLoop::start(const PlatformState&, PlatformRequests& requests, core::client::ClientStore& store,
                     const std::string& token) {
  m_requested = m_kick = false;
  m_view.running = true;
  m_view.done = 0;
  m_view.total = store.outbox_counts().pending;
  if (!send_next(requests, store, token)) download(requests, store, token);
}

bool SyncLoop::tick(const PlatformState& platform, PlatformRequests& requests, core::client::ClientStore& store,
                    const std::string& token) {
  const double now = platform.time_seconds;
  bool changed = false;
  // Network back: try at once, with a fresh backoff.
  if (platform.online == Tristate::Yes && m_last_online != Tristate::Yes) {
    m_kick = true;
    m_failures = 0;
  }
  m_last_online = platform.online;
  m_view.retry_in = m_phase == Phase::Idle && !m_view.last_error.empty() ? std::max(0.0, m_next_at - now) : 0;

  for (const auto& r : platform.http_done) {
    if (r.id != m_request || m_phase == Phase::Idle) continue;
    m_request = 0;
    if (m_phase == Phase::CheckingVisible && r.status != 200 && r.status != 401) {
      if (finish(now, store)) changed = true;  // the run itself succeeded; purge on the institutions alone
      continue;
    }
    if (r.status == 401) {
      m_view.needs_login = true;
      if (auto refused = api::error_of(r, "Synkroniseringen"); refused.error.code == core::ErrorCode::SessionRevoked) {
        m_view.access_revoked = refused.error.message;
        fail(now, refused.error.message);
        continue;
      }
      fail(now, "Sessionen er udløbet. Log ind igen for at synkronisere.");
      continue;
    }
    if (r.status == 403)
      if (auto refused = api::error_of(r, "Synkroniseringen"); refused.error.code == core::ErrorCode::DeviceRevoked) {
        m_view.device_revoked = true;  // after the uploads of this run: what the store held is on the server
        fail(now, refused.error.message);
        continue;
      }
    if (api::unreachable(r) || r.status >= 500 || r.status == 429) {
      fail(now, api::unreachable(r) ? "Serveren kunne ikke nås. Prøver igen." : api::error_of(r, "Synkroniseringen").error.message);
      continue;
    }
    if (m_phase == Phase::Uploading) {
      // Accepted, or refused for good (kept with the reason; what was typed stays). An accepting answer
      // that cannot be read leaves the entry pending: the retry sends the same revision and the server
      // answers it from its receipt.
      if (api::ok(r)) {
        auto answer = api::upload_answer(r);
        if (!answer) {
          fail(now, answer.error().message);
          continue;
        }
        (void)store.mark_acked(m_entry, *answer);
      } else {
        (void)store.mark_rejected(m_entry, api::error_of(r, "Posten"));
      }
      changed = true;
      if (!send_next(requests, store, token)) download(requests, store, token);
    } else if (m_phase == Phase::Downloading) {
      auto page = api::ok(r) ? api::changes_page(r) : core::Result<core::sync::ChangesPage>(core::Error{});
      if (!page) {
        fail(now, api::ok(r) ? page.error().message : api::error_of(r, "Ændringerne").error.message);
        continue;
      }
      auto applied = store.apply_changes(*page);
      if (!applied) {
        fail(now, applied.error().message);
        continue;
      }
      if (applied->applied || applied->conflicts) changed = true;
      if (page->has_more) download(requests, store, token);
      else fetch_forms(requests, token);
    } else if (m_phase == Phase::FetchingForms) {
      // The catalogue is stored in this store and installed (core/catalogue). A server without the route,
      // or an answer that cannot be read, leaves the tablet on the catalogue it has: the run goes on.
      auto answer = api::ok(r) ? api::form_definitions_answer(r) : core::Result<core::sync::FormDefinitions>(core::Error{});
      if (answer && !answer->unchanged) {
        auto received = core::catalogue::store_received_definitions(store.db(), answer->bodies, core::time::utc_now_text());
        if (received && received->refused > 0)
          std::fprintf(stderr, "magtreg: %d form definitions from the server cannot be used here: %s\n", received->refused,
                       received->first_refusal.c_str());
        // Nothing new stored: the catalogue installed at unlock is already this store's.
        const bool installed = received && (received->added == 0 ||
                                            core::catalogue::install_stored_catalogue(store.db(), core::time::utc_now_text()).ok());
        if (installed) {
          if (core::is_sha256_hex(answer->tag)) m_forms_tag = answer->tag;
          changed = changed || received->added > 0;
        }
      }
      if (after_forms(now, requests, store, token)) changed = true;
    } else if (m_phase == Phase::CheckingVisible) {
      // Without the list (an older server, a refusal) the purge still runs on the institutions alone.
      std::optional<std::vector<std::string>> ids;
      if (auto v = api::visible_citizens_answer(r)) ids = std::move(v->ids);
      if (finish(now, store, ids)) changed = true;
    }
  }

  if (m_phase == Phase::Idle && !token.empty() && !m_view.needs_login) {
    bool due = now >= m_next_at || (m_kick && m_failures == 0);
    if (m_requested || (due && platform.online == Tristate::Yes)) start(platform, requests, store, token);
  }
  return changed;
}

}  // namespace magtreg::shell
