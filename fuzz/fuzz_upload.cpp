// libFuzzer target for the request body parser and the upload protocol handler (issue #4). Each input
// is sent as the body of PUT /api/v1/records/form/{id} through the server's real routes (mount_api on
// an httplib::Server), fed through an in-memory stream instead of a socket, against a seeded SQLite
// file; the same bytes also go through core's rule-engine input parser (`magtreg check`).
// Inputs that parse as a form get a second request with the content hash made right, so mutations
// reach the lifecycle, validation, rules and storage code behind the hash check.
// Besides crashes (ASan, UBSan), it aborts on answers the protocol forbids: a 5xx, a body that is not
// a JSON object, an error without a stable code, an acceptance without revision and hash, or a replay
// of an accepted upload that does not get the original answer byte for byte.
// Build and run: scripts/fuzz.sh SECONDS.
#include <httplib.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/model/form_instance.hpp"
#include "core/rules/check.hpp"
#include "core/sync/protocol.hpp"
#include "sync/api.hpp"
#include "sync/router.hpp"
#include "core/util/json_text.hpp"
#include "sync/http_json.hpp"
#include "tests/sync/world.hpp"

namespace {

using nlohmann::json;
namespace mt = magtreg;

// A request in, the response's bytes out: httplib's own request processing without a socket.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string request) : m_in(std::move(request)) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const size_t n = std::min(size, m_in.size() - m_pos);
    std::memcpy(ptr, m_in.data() + m_pos, n);
    m_pos += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    m_out.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  const std::string& output() const { return m_out; }

 private:
  std::string m_in;
  std::size_t m_pos = 0;
  std::string m_out;
};

class InMemoryServer : public httplib::Server {
 public:
  // The raw HTTP response to one request.
  std::string handle(const std::string& raw) {
    MemoryStream stream(raw);
    bool closed = false;
    process_request(stream, true, closed, [](httplib::Request&) {});
    return stream.output();
  }
};

struct Response {
  int status = 0;
  std::string body;
};

[[noreturn]] void fail(const char* what, const std::string& body, const Response& r) {
  std::fprintf(stderr, "fuzz_upload: %s\nrequest body: %s\nstatus %d, answer: %s\n", what, body.c_str(), r.status,
               r.body.c_str());
  std::abort();
}

Response parse_response(const std::string& raw) {
  Response r;
  if (raw.rfind("HTTP/1.1 ", 0) == 0) r.status = std::atoi(raw.c_str() + 9);
  if (auto at = raw.find("\r\n\r\n"); at != std::string::npos) r.body = raw.substr(at + 4);
  return r;
}

// Stable ids, so the committed corpus (fuzz/corpus/) names citizens, institutions and users that exist.
mt::tests::World fixed_world() {
  mt::tests::World w;
  w.municipality = "6f1c2b1e-0000-4000-8000-000000000001";
  w.inst_a = "6f1c2b1e-0000-4000-8000-00000000000a";
  w.inst_b = "6f1c2b1e-0000-4000-8000-00000000000b";
  w.citizen_a = "6f1c2b1e-0000-4000-8000-0000000000ca";
  w.citizen_b = "6f1c2b1e-0000-4000-8000-0000000000cb";
  w.users = {{"staff_a", "6f1c2b1e-0000-4000-8000-0000000000a1"},
             {"staff_b", "6f1c2b1e-0000-4000-8000-0000000000b1"},
             {"leader_a", "6f1c2b1e-0000-4000-8000-0000000000a2"},
             {"udvalg", "6f1c2b1e-0000-4000-8000-0000000000c1"},
             {"drift", "6f1c2b1e-0000-4000-8000-0000000000d1"}};
  w.cases = {{w.citizen_a, "6f1c2b1e-0000-4000-8000-0000000000e1"}, {w.citizen_b, "6f1c2b1e-0000-4000-8000-0000000000e2"}};
  return w;
}

struct Harness {
  std::string dir;
  std::unique_ptr<mt::sync::ApiContext> ctx;
  InMemoryServer http;
  mt::sync::Router routes{http};  // the server's route table over the in-memory server
  std::string token;
  bool trace = std::getenv("MAGTREG_FUZZ_TRACE") != nullptr;  // print every answer (to read a corpus)

  Response request(const std::string& method, const std::string& path, const std::string& body) {
    std::string raw = method + " " + path + " HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/json\r\n";
    if (!token.empty()) raw += "Authorization: Bearer " + token + "\r\n";
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return parse_response(http.handle(raw));
  }
};

Harness* g_harness = nullptr;

// An id that can stand in a request line as it is.
bool plain_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

void check_answer(const std::string& path, const std::string& body, const Response& r) {
  auto& h = *g_harness;
  if (h.trace) std::fprintf(stderr, "PUT %s -> %d %.160s\n", path.c_str(), r.status, r.body.c_str());
  if (r.status < 200 || r.status >= 500) fail("status outside the protocol", body, r);
  const json j = mt::core::parse_json_or_discarded(r.body);
  if (!j.is_object()) fail("answer is not a JSON object", body, r);
  if (r.status == 200) {
    if (j.value("status", "") != "accepted" || !j.contains("revision") || !j.contains("content_hash"))
      fail("200 without status, revision and content_hash", body, r);
    // The protocol's promise: the same upload again gets the original answer, byte for byte.
    const Response again = h.request("PUT", path, body);
    if (again.status != 200 || again.body != r.body) fail("replay of an accepted upload differs", body, again);
  } else {
    const auto e = j.find("error");
    if (e == j.end() || !e->is_object() || !e->contains("code") || !(*e)["code"].is_string() ||
        !e->contains("message"))
      fail("error answer without code and message", body, r);
  }
}

// Valid and nearly valid upload bodies for the fixed world, written fresh by scripts/fuzz.sh before each
// run (MAGTREG_FUZZ_WRITE_SEEDS=DIR), so the seeds always match the current model and hash.
void write_seeds(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  auto put = [&](const std::string& name, const std::string& text) {
    std::FILE* f = std::fopen((dir + "/" + name).c_str(), "wb");
    if (!f) return;
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  };
  const auto w = fixed_world();
  auto form = mt::tests::skema_1a(w, w.citizen_a, w.inst_a, w.users.at("staff_a"));
  form.id = "6f1c2b1e-0000-4000-8000-0000000000f1";
  put("draft_rev1.json", mt::tests::upload_body(form, 1));
  auto filled = form;
  filled.state = magtreg::core::model::FormState::Filled;
  put("filled_rev2.json", mt::tests::upload_body(filled, 2));
  auto locked = filled;
  locked.state = magtreg::core::model::FormState::Locked;
  locked.locked_by = w.users.at("staff_a");
  locked.locked_at = "2024-03-04T12:00:00Z";
  put("locked_by_staff_rev3.json", mt::tests::upload_body(locked, 3));
  auto other = mt::tests::skema_1a(w, w.citizen_b, w.inst_b, w.users.at("staff_a"));
  other.id = "6f1c2b1e-0000-4000-8000-0000000000f2";
  put("other_institution.json", mt::tests::upload_body(other, 1));
  auto edited = form;
  edited.content["place"] = "I haven";
  json wrong = json::parse(mt::tests::upload_body(edited, 1));
  wrong["content_hash"] = json::parse(mt::tests::upload_body(form, 1))["content_hash"];
  put("wrong_hash.json", wrong.dump());
  json unknown = json::parse(mt::tests::upload_body(form, 1));
  unknown["extra"] = true;
  put("unknown_field.json", unknown.dump());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* seeds = std::getenv("MAGTREG_FUZZ_WRITE_SEEDS")) {
    write_seeds(seeds);
    std::exit(0);
  }
  namespace fs = std::filesystem;
  // A fresh database per run, on tmpfs when there is one: the fuzzer wants executions, not fsyncs.
  const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  std::string tmpl = (base / "magtreg-fuzz-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  static Harness harness;
  g_harness = &harness;
  harness.dir = tmpl;
  std::atexit([] { std::filesystem::remove_all(g_harness->dir); });
  const std::string db = harness.dir + "/fuzz.db";
  auto world = mt::tests::seed_world(db, fixed_world());
  if (!world) {
    std::fprintf(stderr, "fuzz_upload: seeding failed: %s\n", world.error().message.c_str());
    std::exit(1);
  }
  harness.ctx = std::make_unique<mt::sync::ApiContext>(db);
  if (auto ok = harness.ctx->pool.open(); !ok) {
    std::fprintf(stderr, "fuzz_upload: %s\n", ok.error().message.c_str());
    std::exit(1);
  }
  harness.http.set_payload_max_length(mt::sync::k_max_request_body);
  mt::sync::mount_api(harness.routes, *harness.ctx);
  const Response login = harness.request(
      "POST", "/api/v1/login", json{{"username", "staff_a"}, {"password", mt::tests::k_test_password}}.dump());
  const json j = mt::core::parse_json_or_discarded(login.body);
  if (login.status != 200 || !j.is_object() || !j.contains("token")) {
    std::fprintf(stderr, "fuzz_upload: login failed: %d %s\n", login.status, login.body.c_str());
    std::exit(1);
  }
  harness.token = j["token"].get<std::string>();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);

  // The rule engine's input parser and the engine behind it (the same bytes as a `magtreg check` file).
  (void)mt::core::rules::run_check(body);

  // The body as sent, to the address of the id it names (or a fixed one).
  std::string id = "6f1c2b1e-0000-4000-8000-0000000000f1";
  // Parsed as the server parses it (core/util/json_text: nesting beyond 64 levels is refused before
  // nlohmann/json builds it), so the harness itself never recurses through a hostile body.
  const json envelope = mt::core::parse_json_or_discarded(body);
  const json* record = nullptr;
  if (envelope.is_object()) {
    auto d = envelope.find("data");
    if (d != envelope.end() && d->is_object()) {
      record = &*d;
      auto i = d->find("id");
      if (i != d->end() && i->is_string() && plain_id(i->get<std::string>())) id = i->get<std::string>();
    }
  }
  const std::string path = "/api/v1/records/form/" + id;
  check_answer(path, body, g_harness->request("PUT", path, body));

  // The same envelope with the content hash made right, so the handler goes past the hash check.
  if (record) {
    auto form = mt::core::model::form_instance_from_json(*record);
    if (form) {
      json fixed = envelope;
      auto rev = envelope.find("revision");
      form->sync.revision = rev != envelope.end() && rev->is_number_integer() ? rev->get<long long>() : 1;
      fixed["content_hash"] = mt::core::model::content_hash(*form);
      if (fixed != envelope) {
        const std::string text = fixed.dump(-1, ' ', false, json::error_handler_t::replace);
        check_answer(path, text, g_harness->request("PUT", path, text));
      }
    }
  }

  // The protocol's pure decision, with values taken from the input.
  if (size >= 2) {
    std::optional<mt::core::sync::StoredRevision> stored;
    if (data[0] & 1) stored = mt::core::sync::StoredRevision{static_cast<long long>(data[0] >> 1), body.substr(2)};
    (void)mt::core::sync::decide_upload(stored, static_cast<long long>(static_cast<std::int8_t>(data[1])),
                                        body.substr(1));
  }
  return 0;
}
