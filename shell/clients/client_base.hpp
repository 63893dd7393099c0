// What every feature client of the app shares (issue #13): the session it acts for, the context of one
// call (platform, transport, the tablet's store), the status line of a screen, the exchanges a client has
// in flight, and the fate of a record it saved — which it follows through the outbox until the server
// accepts or refuses it. Every write of a user goes through ClientStore::save and the outbox; a client
// never sends a record itself.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/client/client_store.hpp"
#include "core/records/accept.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/messages_session.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell {

// The logged-in user and their token.
struct Session {
  std::string token;
  core::sync::SessionUser user;
  // The writer of a save now (core::records::Writer): who, and the current instant.
  core::records::Writer writer() const;
};

// One call into a client: the frame's platform state, the transport, the tablet's records, the session.
// A client that stored something sets `wrote`, so the app persists the database and starts a sync.
struct ClientContext {
  const PlatformState& platform;
  PlatformRequests& requests;
  core::client::ClientStore& store;
  const Session& session;
  bool wrote = false;
};

// The refusal of the last action, for the screen: `field` is the record's member ("valid_to"), so the
// screen can show it beside the field; empty for the whole screen.
struct ActionError {
  std::string code, message, field;
  std::vector<std::string> issues;  // what is missing (every field, every closing gap)
  bool empty() const { return message.empty(); }
};
ActionError action_error_of(const core::sync::ApiError& e);
ActionError action_error_of(const core::Error& e, const std::vector<core::records::IssueNote>& issues = {});

// A screen's status line.
struct ActionStatus {
  bool busy = false;           // a request is in flight
  std::string busy_text;       // Danish, e.g. "Henter opgaver …"
  ActionError error;
  std::string notice;          // Danish, e.g. "Afgørelsen er gemt."
  std::vector<std::string> findings;  // the server's (or core's) warnings on the last save
};

// The exchanges one client has in flight, each with what to do with a 2xx answer (given the context of
// the frame the answer arrives in); any other answer becomes the status's error.
class Exchanges {
 public:
  using Handler = std::function<void(ClientContext&, const HttpResponse&)>;
  void send(ClientContext& ctx, const HttpRequest& request, std::string busy_text, ActionStatus& status,
            std::string what, Handler on_ok);
  // Hands this frame's answers to their handlers; true when any arrived.
  bool deliver(ClientContext& ctx, ActionStatus& status);
  bool idle() const { return m_pending.empty(); }
  void clear() { m_pending.clear(); }

 private:
  struct Pending {
    Handler on_ok;
    std::string what;
  };
  std::map<std::uint64_t, Pending> m_pending;
};

// A record a screen saved, followed through the outbox.
struct PendingWrite {
  std::string kind, id;
  std::string done_text;  // the notice once the server has it, e.g. "Afgørelsen er gemt."
};

// Saves `record` as the user (ClientStore::save: core's checks, then stored and queued). Refused: the
// status gets the error with every issue and false is returned. Stored: `pending` follows it, the status
// says it is on the tablet and on its way, ctx.wrote is set.
template <class T>
bool save_record(ClientContext& ctx, T record, std::string done_text, ActionStatus& status,
                 std::optional<PendingWrite>& pending) {
  auto saved = ctx.store.save(std::move(record), ctx.session.writer());
  status.error = {};
  status.findings.clear();
  if (!saved.accepted()) {
    status.error = action_error_of(saved.status.error(), saved.issues);
    return false;
  }
  for (const auto& f : saved.findings) status.findings.push_back(f.message);
  pending = PendingWrite{std::string(core::records::Kind<T>::name), saved.record.id, std::move(done_text)};
  status.notice = "Gemt på tabletten – sendes til serveren …";
  ctx.wrote = true;
  return true;
}

// Follows a saved record: once the server has accepted it the status shows `done_text` and the server's
// findings, once refused its reason; `pending` is cleared then. True when the status changed (the
// record's fate is settled: the client reloads what depends on it).
bool follow_write(core::client::ClientStore& store, std::optional<PendingWrite>& pending, ActionStatus& status);

// The record with `id`: from the tablet when it holds it, otherwise read from the server (and handed to
// `done` when it answers, in that frame's context; nullopt when it does not exist or cannot be read).
template <class T>
void load_record(ClientContext& ctx, Exchanges& exchanges, ActionStatus& status, const std::optional<std::string>& id,
                 std::string busy_text, std::function<void(ClientContext&, std::optional<T>)> done);

}  // namespace magtreg::shell
