// The sync loop's state machine.
#include "shell/sync_loop.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/util/json_text.hpp"

namespace magtreg::shell {

using nlohmann::json;

namespace {
constexpr double k_backoff_base = 1.0, k_backoff_cap = 60.0, k_periodic = 30.0;

std::string server_message(const std::string& body, std::string& code) {
  json j = core::parse_json_or_discarded(body);
  if (!j.is_object()) return {};
  auto e = j.find("error");
  if (e == j.end() || !e->is_object()) return {};
  auto c = e->find("code");
  if (c != e->end() && c->is_string()) code = c->get<std::string>();
  auto m = e->find("message");
  return m != e->end() && m->is_string() ? m->get<std::string>() : std::string();
}
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
  m_request = requests.http({"PUT", "/api/v1/records/" + e->kind + "/" + e->id, e->payload, token});
  m_phase = Phase::Uploading;
  return true;
}

void SyncLoop::check_visible(PlatformRequests& requests, const std::string& token) {
  m_phase = Phase::CheckingVisible;
  m_view.phase = "Rydder op";
  m_request = requests.http({"GET", "/api/v1/visible-citizens", "", token});
}

void SyncLoop::download(PlatformRequests& requests, core::client::ClientStore& store, const std::string& token) {
  m_phase = Phase::Downloading;
  m_view.phase = "Henter ændringer";
  m_request = requests.http({"GET", "/api/v1/changes?after=" + std::to_string(store.cursor()) + "&limit=200", "", token});
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
    std::string code;
    std::string message = server_message(r.body, code);
    if (m_phase == Phase::CheckingVisible && r.status != 200 && r.status != 401) {
      if (finish(now, store)) changed = true;  // the run itself succeeded; purge on the institutions alone
      continue;
    }
    if (r.status == 401) {
      m_view.needs_login = true;
      fail(now, "Sessionen er udløbet. Log ind igen for at synkronisere.");
      continue;
    }
    if (r.status == 0 || r.status >= 500 || r.status == 429) {
      fail(now, r.status == 0 ? "Serveren kunne ikke nås. Prøver igen." : (message.empty() ? "Serverfejl." : message));
      continue;
    }
    if (m_phase == Phase::Uploading) {
      json j = core::parse_json_or_discarded(r.body);
      if (r.status == 200 && j.is_object()) {
        long long seq = 0;
        if (auto it = j.find("server_seq"); it != j.end() && it->is_number_integer()) seq = it->get<long long>();
        json findings = j.contains("findings") && j["findings"].is_array() ? j["findings"] : json::array();
        (void)store.mark_acked(m_entry, seq, findings);
      } else {
        json current = j.is_object() && j.contains("current") ? j["current"] : json();
        std::string reason = message.empty() ? "Serveren afviste posten (HTTP " + std::to_string(r.status) + ")." : message;
        if (j.is_object() && j.contains("issues") && j["issues"].is_array())
          for (const auto& is : j["issues"])
            if (is.is_object() && is.contains("message") && is["message"].is_string())
              reason += "\n• " + is["message"].get<std::string>();
        (void)store.mark_rejected(m_entry, reason, current);
      }
      changed = true;
      if (!send_next(requests, store, token)) download(requests, store, token);
    } else if (m_phase == Phase::Downloading) {
      json j = core::parse_json_or_discarded(r.body);
      if (r.status != 200 || !j.is_object() || !j.contains("records")) {
        fail(now, message.empty() ? "Ændringer kunne ikke hentes." : message);
        continue;
      }
      long long next = store.cursor();
      if (auto it = j.find("next_after"); it != j.end() && it->is_number_integer()) next = it->get<long long>();
      auto applied = store.apply_changes(j["records"], next);
      if (!applied) {
        fail(now, applied.error().message);
        continue;
      }
      if (applied->applied || applied->conflicts) changed = true;
      bool more = j.contains("has_more") && j["has_more"].is_boolean() && j["has_more"].get<bool>();
      if (more) download(requests, store, token);
      else if (m_purge) check_visible(requests, token);  // then purge what the user may no longer see
      else if (finish(now, store)) changed = true;
    } else if (m_phase == Phase::CheckingVisible) {
      // Without the list (an older server, a refusal) the purge still runs on the institutions alone.
      json j = core::parse_json_or_discarded(r.body);
      std::optional<std::vector<std::string>> ids;
      if (r.status == 200 && j.is_object() && j.contains("ids") && j["ids"].is_array()) {
        ids.emplace();
        for (const auto& id : j["ids"])
          if (id.is_string()) ids->push_back(id.get<std::string>());
      }
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
