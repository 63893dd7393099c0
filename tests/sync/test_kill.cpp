// The kill test (issue #4): two tablets upload forms in a loop (new forms and successive revisions)
// while the real `magtreg serve` process is SIGKILLed at random moments and restarted on the same
// database file, 40 times. Each client keeps an outbox like the tablet's (docs/sync-protocol.md: one
// immutable entry per record, retried byte for byte until its 200 arrives) and logs in once: the
// session survives the kills. Afterwards every acknowledged upload must be on disk exactly once and
// byte-identical, the database must pass PRAGMA integrity_check and the audit chain must verify.
// The seed of the kill schedule and the clients' choices is printed; MAGTREG_KILL_SEED=N replays it
// (thread timing still varies from run to run).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "core/storage/record_repository.hpp"
#include "core/storage/statement.hpp"
#include "sync/audit.hpp"
#include "tests/sync/api_fixture.hpp"

using namespace magtreg;
using namespace magtreg::tests;
using nlohmann::json;

namespace {

constexpr int k_kills = 40;

// Where the server currently listens; `generation` moves on every restart.
struct Endpoint {
  std::mutex mutex;
  int port = -1;
  int generation = 0;
};

// What the client holds for one acknowledged revision.
struct Ack {
  std::string content_hash;
  std::string canonical;  // canonical JSON of the record as uploaded
  std::string response;   // the 200 body received
  std::string state;
};

struct TrackedForm {
  core::model::FormInstance form;  // the newest content the client made
  long long acked = 0;             // last revision the server acknowledged
  long long final_revision = 1;    // the client stops editing after this one
  bool fill_at_end = false;        // the final revision marks the form Udfyldt
  std::map<long long, Ack> acks;
};

// The single outbox entry in flight: frozen when made, retried unchanged.
struct Pending {
  std::size_t form = 0;
  long long revision = 0;
  std::string body;
  std::string hash;
  std::string canonical;
  std::string state;
};

class Tablet {
 public:
  // `may_fill`: Skema 1 a fits the citizen's target group, so its forms may be marked Udfyldt (for a
  // dementia citizen the rule engine refuses that, rightly; those forms stay drafts).
  Tablet(const World& w, std::string user, std::string citizen, std::string institution, bool may_fill,
         std::uint64_t seed)
      : m_world(w), m_user(std::move(user)), m_citizen(std::move(citizen)), m_institution(std::move(institution)),
        m_may_fill(may_fill), m_rng(seed) {}

  void run(Endpoint& endpoint, const std::atomic<bool>& stop, std::atomic<long long>& acked_total) {
    std::optional<Pending> pending;
    int generation = -1;
    std::string token;
    std::unique_ptr<httplib::Client> client;
    for (;;) {
      if (!pending) {
        if (stop.load()) break;
        pending = next_entry();
      }
      {
        std::lock_guard lock(endpoint.mutex);
        if (endpoint.generation != generation) {
          generation = endpoint.generation;
          client = std::make_unique<httplib::Client>("127.0.0.1", endpoint.port);
          client->set_connection_timeout(1, 0);
          client->set_read_timeout(10, 0);
        }
      }
      if (token.empty()) {
        // Once: the session lives in the database and survives every kill. (Logging in after each
        // restart would spend most of the short lives between kills in Argon2id.)
        auto r = client->Post("/api/v1/login", json{{"username", m_user}, {"password", k_test_password}}.dump(),
                              "application/json");
        if (!r) {
          pause();
          continue;
        }
        if (r->status != 200) {
          unexpected("login", r->status, r->body);
          break;
        }
        token = json::parse(r->body)["token"].get<std::string>();
        ++m_logins;
      }
      auto r = client->Put(("/api/v1/records/form/" + m_forms[pending->form].form.id).c_str(), bearer(token),
                           pending->body, "application/json");
      if (!r) {  // no answer: the server died before, during or after the commit; send it again
        ++m_retries;
        pause();
        continue;
      }
      if (r->status == 401) {  // a lost session would be a bug of its own, but not a lost upload
        unexpected("session lost", r->status, r->body);
        token.clear();
        continue;
      }
      if (r->status != 200) {
        // A retry must be harmless: anything but 200 for a frozen outbox entry is a failure.
        unexpected("upload", r->status, r->body);
        break;
      }
      const json answer = json::parse(r->body, nullptr, false);
      if (!answer.is_object() || answer.value("status", "") != "accepted" ||
          answer.value("revision", 0LL) != pending->revision || answer.value("content_hash", "") != pending->hash) {
        unexpected("upload answer", r->status, r->body);
        break;
      }
      auto& t = m_forms[pending->form];
      t.acked = pending->revision;
      t.acks[pending->revision] = Ack{pending->hash, pending->canonical, r->body, pending->state};
      ++m_acked;
      ++acked_total;
      pending.reset();
    }
    m_stopped = true;
  }

  const std::vector<TrackedForm>& forms() const { return m_forms; }
  bool stuck() const { return m_stopped.load(); }
  const std::vector<std::string>& failures() const { return m_failures; }
  long long acked() const { return m_acked; }
  long long retries() const { return m_retries; }
  long long logins() const { return m_logins; }

 private:
  // The next outbox entry: a new form, or the next revision of one the server has acknowledged.
  Pending next_entry() {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < m_forms.size(); ++i)
      if (m_forms[i].acked < m_forms[i].final_revision) open.push_back(i);
    std::size_t index = 0;
    if (open.empty() || std::uniform_int_distribution<int>(0, 1)(m_rng) == 0) {
      TrackedForm t;
      t.form = skema_1a(m_world, m_citizen, m_institution, m_world.users.at(m_user));
      t.final_revision = std::uniform_int_distribution<int>(1, 4)(m_rng);
      t.fill_at_end = m_may_fill && std::uniform_int_distribution<int>(0, 2)(m_rng) == 0;
      m_forms.push_back(std::move(t));
      index = m_forms.size() - 1;
    } else {
      index = open[std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(m_rng)];
    }
    auto& t = m_forms[index];
    const long long revision = t.acked + 1;
    if (revision > 1) t.form.content["place"] = "Fællesstuen, ændring " + std::to_string(revision);
    if (revision == t.final_revision && t.fill_at_end) t.form.state = magtreg::core::model::FormState::Filled;
    auto record = t.form;
    record.sync.revision = revision;
    return Pending{index, revision, upload_body(record, revision), core::model::content_hash(record),
                   core::model::canonical_json(record), std::string(core::model::to_string(record.state))};
  }

  void pause() { std::this_thread::sleep_for(std::chrono::milliseconds(3)); }

  void unexpected(const char* what, int status, const std::string& body) {
    m_failures.push_back(std::string(what) + " " + std::to_string(status) + ": " + body);
  }

  const World& m_world;
  std::string m_user, m_citizen, m_institution;
  bool m_may_fill = false;
  std::mt19937_64 m_rng;
  std::vector<TrackedForm> m_forms;
  std::vector<std::string> m_failures;
  long long m_acked = 0, m_retries = 0, m_logins = 0;
  std::atomic<bool> m_stopped{false};
};

// Steps a statement that must yield a row.
void step_row(core::storage::Statement& q) {
  auto has = q.step();
  REQUIRE_MESSAGE(has.ok(), (has.ok() ? "" : has.error().message));
  REQUIRE(*has);
}

std::uint64_t kill_seed() {
  if (const char* s = std::getenv("MAGTREG_KILL_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

}  // namespace

TEST_CASE("kill test: acknowledged uploads survive SIGKILL at random moments, exactly once and byte-identical") {
  const std::uint64_t seed = kill_seed();
  std::printf("kill test: seed %llu (MAGTREG_KILL_SEED=%llu to replay the schedule)\n",
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  const std::string db_path = ChildServer::temp_path("kill.db");
  struct RemoveDir {
    std::string dir;
    ~RemoveDir() { std::filesystem::remove_all(dir); }
  } cleanup{std::filesystem::path(db_path).parent_path().string()};
  auto seeded = seed_world(db_path);
  REQUIRE_MESSAGE(seeded.ok(), (seeded.ok() ? "" : seeded.error().message));
  const World world = *seeded;

  Endpoint endpoint;
  auto start = [&] {
    auto s = std::make_unique<ChildServer>();
    s->set_db(db_path);
    REQUIRE_MESSAGE(s->start(), s->output());
    std::lock_guard lock(endpoint.mutex);
    endpoint.port = s->port();
    ++endpoint.generation;
    return s;
  };
  auto server = start();

  std::atomic<bool> stop{false};
  std::atomic<long long> acked_total{0};
  Tablet a(world, "staff_a", world.citizen_a, world.inst_a, true, seed + 1);
  Tablet b(world, "staff_b", world.citizen_b, world.inst_b, false, seed + 2);
  std::thread ta([&] { a.run(endpoint, stop, acked_total); });
  std::thread tb([&] { b.run(endpoint, stop, acked_total); });

  // The killer: once the restarted server has acknowledged an upload (so every life sees uploads in
  // flight), SIGKILL it after a random 0-150 ms more and restart it on the same file.
  std::mt19937_64 rng(seed);
  int kills = 0;
  for (; kills < k_kills; ++kills) {
    const long long before = acked_total.load();
    for (int i = 0; i < 10000 && acked_total.load() == before && !a.stuck() && !b.stuck(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (acked_total.load() == before) break;  // no progress in 10 s (or a client gave up): reported below
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 150)(rng)));
    server->kill_now();
    server = start();
  }
  // Let the clients finish what is in flight against the last server, then kill it once more, so the
  // file is checked as a crash left it.
  stop = true;
  ta.join();
  tb.join();
  server->kill_now();

  const long long acked = a.acked() + b.acked();
  std::printf("kill test: %d kills, %lld uploads acknowledged, %lld retried after no answer, %lld logins\n",
              kills, acked, a.retries() + b.retries(), a.logins() + b.logins());
  for (const auto* t : {&a, &b})
    for (const auto& f : t->failures()) FAIL_CHECK("unexpected answer: " << f);
  CHECK_MESSAGE(kills == k_kills, "no upload was acknowledged for 10 s after restart " << kills);

  auto db = core::storage::Database::open(db_path, sync::server_database_options());
  REQUIRE(db.ok());
  {
    auto q = db->prepare("PRAGMA integrity_check");
    REQUIRE(q.ok());
    step_row(*q);
    CHECK(q->column_text(0) == "ok");
  }
  auto chain = sync::verify_audit_chain(*db);
  REQUIRE(chain.ok());
  CHECK_MESSAGE(!chain->has_value(), "audit chain breaks at seq " << chain->value_or(0));

  // Every acknowledged revision has exactly one receipt holding the very answer the client got, and
  // exactly one "ok" write in the audit log (a retry that found it stored is audited as "replay").
  long long forms = 0, revisions = 0, filled = 0;
  core::storage::RecordRepository<core::model::FormInstance> repo(*db, core::storage::Side::Server);
  for (const auto* t : {&a, &b}) {
    for (const auto& f : t->forms()) {
      if (f.acked == 0) continue;
      ++forms;
      // The client drained its outbox, so the stored revision is the last acknowledged one.
      auto stored = repo.find(f.form.id);
      REQUIRE(stored.ok());
      REQUIRE_MESSAGE(stored->has_value(), "acknowledged form missing: " << f.form.id);
      const auto& last = f.acks.at(f.acked);
      CHECK((*stored)->sync.revision == f.acked);
      CHECK((*stored)->sync.content_hash == last.content_hash);
      CHECK(core::model::canonical_json(**stored) == last.canonical);
      if (last.state == "udfyldt") ++filled;
      for (const auto& [revision, ack] : f.acks) {
        ++revisions;
        auto q = db->prepare(
            "SELECT content_hash, response FROM upload_receipts WHERE record_kind = 'form' AND record_id = ?1"
            " AND revision = ?2");
        REQUIRE(q.ok());
        q->bind(1, f.form.id).bind(2, revision);
        auto has = q->step();
        REQUIRE(has.ok());
        REQUIRE_MESSAGE(*has, "no receipt for " << f.form.id << " revision " << revision);
        CHECK(q->column_text(0) == ack.content_hash);
        CHECK(q->column_text(1) == ack.response);
      }
      auto w = db->prepare(
          "SELECT count(*) FROM audit_log WHERE action = 'write' AND object_kind = 'form' AND object_id = ?1"
          " AND outcome = 'ok'");
      REQUIRE(w.ok());
      w->bind(1, f.form.id);
      step_row(*w);
      CHECK(w->column_int64(0) == static_cast<long long>(f.acks.size()));
    }
  }
  CHECK(forms > 0);
  // No duplicates and nothing unacknowledged left behind: the file holds exactly what was acknowledged.
  CHECK(scalar(*db, "SELECT count(*) FROM form_instances") == forms);
  CHECK(scalar(*db, "SELECT count(*) FROM upload_receipts WHERE record_kind = 'form'") == revisions);
  CHECK(scalar(*db, "SELECT count(*) FROM audit_log WHERE action = 'write' AND object_kind = 'form'"
                    " AND outcome = 'ok'") == revisions);
  CHECK(scalar(*db, "SELECT count(*) FROM form_events WHERE to_state = 'udfyldt'") == filled);
  CHECK(scalar(*db, "SELECT count(DISTINCT server_seq) FROM form_instances") == forms);
  std::printf("kill test: %lld forms, %lld revisions verified; %lld answers lost and replayed from receipts\n",
              forms, revisions,
              scalar(*db, "SELECT count(*) FROM audit_log WHERE object_kind = 'form' AND outcome = 'replay'"));
}
