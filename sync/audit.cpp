// The audit log's rows, its keyed chain (HMAC-SHA-256 through libsodium), the key file and the anchor.
#include "sync/audit.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "core/storage/transaction.hpp"
#include "core/util/sha256.hpp"
#include "sync/clock.hpp"
#include "sync/metrics.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;

namespace {

// [SECTION] rows
// Unit separators keep field boundaries unambiguous ("ab"+"c" differs from "a"+"bc").
std::string row_message(const AuditRow& row) {
  std::string s = row.prev_hash;
  for (const std::string* f : {&row.at, &row.entry.user_id, &row.entry.action, &row.entry.object_kind,
                               &row.entry.object_id, &row.entry.citizen_id, &row.entry.outcome}) {
    s += '\x1f';
    s += *f;
  }
  s += '\x1f';
  s += std::to_string(row.seq);
  return s;
}

// The row from which the chain is keyed: written once, when the log got its key.
constexpr const char* k_marker_action = "audit_key";
constexpr const char* k_reanchor_action = "audit_reanchor";
constexpr const char* k_chain_kind = "audit_log";
bool is_marker(const AuditRow& r) { return r.entry.action == k_marker_action && r.entry.object_kind == k_chain_kind; }

AuditRow read_row(st::Statement& s) {
  AuditRow r;
  r.seq = s.column_int64(0);
  r.at = s.column_text(1);
  r.entry.user_id = s.column_text(2);
  r.entry.action = s.column_text(3);
  r.entry.object_kind = s.column_text(4);
  r.entry.object_id = s.column_text(5);
  r.entry.citizen_id = s.column_text(6);
  r.entry.outcome = s.column_text(7);
  r.prev_hash = s.column_text(8);
  r.hash = s.column_text(9);
  return r;
}

constexpr const char* k_columns =
    "SELECT seq, at, user_id, action, object_kind, object_id, citizen_id, outcome, prev_hash, hash FROM audit_log";

// [SECTION] the key
using Key = std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES>;

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::string mac_hex(const Key& key, std::string_view message) {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key.data());
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string row_mac(const Key& key, const AuditRow& row) { return mac_hex(key, row_message(row)); }

struct Chain {
  Key key{};
  AuditFiles files;
  std::mutex mutex;         // guards `anchored` and writes to the anchor file from this process
  long long anchored = 0;   // the highest head this process wrote to the anchor
};

std::mutex g_chains_mutex;
std::map<std::string, std::shared_ptr<Chain>> g_chains;  // by the database path as given, and canonical

std::string canonical(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? path : p.string();
}

std::shared_ptr<Chain> registered(const std::string& db_path) {
  std::lock_guard lock(g_chains_mutex);
  if (auto it = g_chains.find(db_path); it != g_chains.end()) return it->second;
  if (auto it = g_chains.find(canonical(db_path)); it != g_chains.end()) {
    g_chains[db_path] = it->second;
    return it->second;
  }
  return nullptr;
}

void register_chain(const std::string& db_path, std::shared_ptr<Chain> chain) {
  std::lock_guard lock(g_chains_mutex);
  g_chains[db_path] = chain;
  g_chains[canonical(db_path)] = std::move(chain);
}

AuditVerdict verdict(AuditState state, long long seq, long long rows, std::string detail) {
  return {state, seq, rows, 0, std::move(detail)};
}

enum class KeyLoad { Loaded, Missing, Invalid };

KeyLoad load_key(const std::string& path, Key& key, std::string& why) {
  struct stat sb {};
  if (::stat(path.c_str(), &sb) != 0) {
    if (errno == ENOENT) return KeyLoad::Missing;
    why = std::strerror(errno);
    return KeyLoad::Invalid;
  }
  if ((sb.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    why = "filen kan læses af andre end ejeren (skal have rettighederne 0600)";
    return KeyLoad::Invalid;
  }
  std::ifstream in(path);
  std::string hex;
  if (!(in >> hex) || hex.size() != 2 * key.size() ||
      sodium_hex2bin(key.data(), key.size(), hex.c_str(), hex.size(), nullptr, nullptr, nullptr) != 0) {
    why = "filen indeholder ikke en nøgle (64 hexadecimale tegn)";
    return KeyLoad::Invalid;
  }
  return KeyLoad::Loaded;
}

// Creates the key file with O_EXCL (never over an existing one). EEXIST: another process was first.
bool create_key(const std::string& path, Key& key, std::string& why) {
  randombytes_buf(key.data(), key.size());
  char hex[2 * sizeof(Key) + 2];
  sodium_bin2hex(hex, sizeof hex - 1, key.data(), key.size());
  std::strcat(hex, "\n");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    why = std::strerror(errno);
    return false;
  }
  const auto n = static_cast<ssize_t>(std::strlen(hex));
  const bool ok = ::write(fd, hex, static_cast<std::size_t>(n)) == n && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) why = "nøglen kunne ikke skrives";
  return ok;
}

// [SECTION] the anchor
struct Anchor {
  bool exists = false;
  bool any = false;  // at least one head counts (after the last valid reset line)
  long long seq = 0;
  std::string hash;
};

std::string reset_message(long long seq, const std::string& hash) {
  return std::string("reset\x1f") + std::to_string(seq) + "\x1f" + hash;
}

// The highest head the anchor names since its last valid (keyed) reset line.
Anchor read_anchor(const Chain& chain) {
  Anchor a;
  std::ifstream in(chain.files.anchor_path);
  if (!in) return a;
  a.exists = true;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == "reset") {
      long long seq = 0;
      std::string hash, mac;
      if (!(words >> seq >> hash >> mac) || mac != mac_hex(chain.key, reset_message(seq, hash))) continue;
      a = {true, true, seq, hash};
      continue;
    }
    long long seq = 0;
    std::string hash;
    try {
      seq = std::stoll(first);
    } catch (...) {
      continue;
    }
    if (!(words >> hash)) continue;
    if (!a.any || seq > a.seq) a = {true, true, seq, hash};
  }
  return a;
}

bool append_anchor_line(const Chain& chain, const std::string& line) {
  const int fd = ::open(chain.files.anchor_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  // One write() per line: lines from the server and a command line running beside it never interleave.
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  return ok;
}

core::Status anchor_head(Chain& chain, long long seq, const std::string& hash) {
  std::lock_guard lock(chain.mutex);
  if (seq <= chain.anchored) return {};
  if (!append_anchor_line(chain, std::to_string(seq) + " " + hash + "\n"))
    return Error::make(ErrorCode::AuditUnavailable,
                       "Revisionsloggens anker kunne ikke skrives: " + chain.files.anchor_path);
  chain.anchored = seq;
  return {};
}

// [SECTION] writing rows
struct Head {
  long long seq = 0;
  std::string hash = k_audit_genesis;
};

core::Result<Head> read_head(st::Database& db) {
  auto tip = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!tip) return tip.error();
  auto has = tip->step();
  if (!has) return has.error();
  if (!*has) return Head{};
  return Head{tip->column_int64(0), tip->column_text(1)};
}

// Inserts one keyed row; the caller holds a transaction. Returns the new head.
core::Result<Head> insert_row(st::Database& db, const Chain& chain, const AuditEntry& entry, const std::string& at) {
  auto head = read_head(db);
  if (!head) return head.error();
  AuditRow row;
  row.seq = head->seq + 1;
  row.prev_hash = head->hash;
  row.at = at;
  row.entry = entry;
  row.hash = row_mac(chain.key, row);
  auto ins = db.prepare(
      "INSERT INTO audit_log(seq, at, user_id, action, object_kind, object_id, citizen_id, outcome, prev_hash, hash)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!ins) return ins.error();
  auto opt = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional(s); };
  ins->bind(1, row.seq)
      .bind(2, row.at)
      .bind(3, opt(entry.user_id))
      .bind(4, entry.action)
      .bind(5, entry.object_kind)
      .bind(6, opt(entry.object_id))
      .bind(7, opt(entry.citizen_id))
      .bind(8, entry.outcome)
      .bind(9, row.prev_hash)
      .bind(10, row.hash);
  if (auto r = ins->run(); !r) return r.error();
  return Head{row.seq, row.hash};
}

// [SECTION] checking
core::Result<bool> has_marker(st::Database& db) {
  auto q = db.prepare("SELECT 1 FROM audit_log WHERE action = ?1 AND object_kind = ?2 LIMIT 1");
  if (!q) return q.error();
  q->bind(1, k_marker_action).bind(2, k_chain_kind);
  return q->step();
}

core::Result<long long> row_count(st::Database& db) {
  auto q = db.prepare("SELECT count(*) FROM audit_log");
  if (!q) return q.error();
  auto has = q->step();
  if (!has) return has.error();
  return q->column_int64(0);
}

// True when the database holds what the log exists for: citizens, or forms about them.
core::Result<bool> holds_citizen_data(st::Database& db) {
  auto q = db.prepare("SELECT EXISTS(SELECT 1 FROM citizens) OR EXISTS(SELECT 1 FROM form_instances)");
  if (!q) return q.error();
  auto has = q->step();
  if (!has) return has.error();
  return q->column_int64(0) != 0;
}

// The anchor's head against the log: the row must still be there with the same MAC.
core::Result<AuditVerdict> check_anchor(st::Database& db, const Chain& chain, long long rows) {
  const Anchor a = read_anchor(chain);
  if (!a.exists)
    return verdict(AuditState::AnchorMissing, 0, rows,
                   "Revisionsloggens anker " + chain.files.anchor_path + " mangler; en afkortet log kan ikke udelukkes.");
  if (!a.any) return verdict(AuditState::Intact, 0, rows, {});
  auto q = db.prepare("SELECT hash FROM audit_log WHERE seq = ?1");
  if (!q) return q.error();
  q->bind(1, a.seq);
  auto has = q->step();
  if (!has) return has.error();
  if (!*has)
    return verdict(AuditState::Truncated, rows + 1, rows,
                   "Ankeret nævner række " + std::to_string(a.seq) + ", men loggen har kun " + std::to_string(rows) +
                       " rækker: rækker er fjernet.");
  if (q->column_text(0) != a.hash)
    return verdict(AuditState::ChainBroken, a.seq, rows,
                   "Række " + std::to_string(a.seq) + " er ikke den række, ankeret nævner.");
  return verdict(AuditState::Intact, 0, rows, {});
}

// Walks every row: SHA-256 before the marker, the MAC from it on. `chain` null: unkeyed rows only.
core::Result<AuditVerdict> walk(st::Database& db, const Chain* chain) {
  auto q = db.prepare(std::string(k_columns) + " ORDER BY seq");
  if (!q) return q.error();
  std::string prev = k_audit_genesis;
  long long expected_seq = 1;
  bool keyed = false;
  long long unkeyed = 0;
  for (;;) {
    auto has = q->step();
    if (!has) return has.error();
    if (!*has) break;
    AuditRow r = read_row(*q);
    if (r.seq != expected_seq)
      return verdict(AuditState::ChainBroken, expected_seq, 0,
                     "Række " + std::to_string(expected_seq) + " mangler i revisionsloggen.");
    if (!keyed && chain && is_marker(r)) {
      keyed = true;
      unkeyed = r.seq - 1;
    }
    const std::string want = keyed ? row_mac(chain->key, r) : audit_row_hash(r);
    if (r.prev_hash != prev || r.hash != want)
      return verdict(AuditState::ChainBroken, r.seq, 0,
                     "Række " + std::to_string(r.seq) + " passer ikke med kæden: den er ændret, eller rækker før den er fjernet.");
    prev = r.hash;
    ++expected_seq;
  }
  const long long rows = expected_seq - 1;
  if (chain && rows > 0 && !keyed)
    return verdict(AuditState::ChainBroken, 1, rows, "Revisionsloggen har ingen nøglerække, men en nøgle findes.");
  auto v = verdict(AuditState::Intact, 0, rows, {});
  v.unkeyed = chain ? unkeyed : rows;
  return v;
}

core::Result<std::shared_ptr<Chain>> chain_for(st::Database& db) {
  if (auto c = registered(db.path())) return c;
  auto opened = open_audit_chain(db, default_audit_files(db.path()));
  if (!opened) return opened.error();
  if (!opened->ok())
    return Error::make(ErrorCode::AuditUnavailable,
                       opened->detail + " (" + std::string(to_string(opened->state)) + ")");
  if (auto c = registered(db.path())) return c;
  return Error::make(ErrorCode::AuditUnavailable, "Revisionsloggen kunne ikke åbnes.");
}

}  // namespace

std::string audit_row_hash(const AuditRow& row) { return core::sha256_hex(row_message(row)); }

std::string_view to_string(AuditState state) {
  switch (state) {
    case AuditState::Intact: return "AUDIT_INTACT";
    case AuditState::KeyMissing: return "AUDIT_KEY_MISSING";
    case AuditState::KeyInvalid: return "AUDIT_KEY_INVALID";
    case AuditState::AnchorMissing: return "AUDIT_ANCHOR_MISSING";
    case AuditState::ChainBroken: return "AUDIT_CHAIN_BROKEN";
    case AuditState::Truncated: return "AUDIT_TRUNCATED";
  }
  return "AUDIT_CHAIN_BROKEN";
}

AuditFiles default_audit_files(const std::string& db_path) { return {db_path + ".audit-key", db_path + ".audit-anchor"}; }

core::Result<AuditVerdict> open_audit_chain(st::Database& db, const AuditFiles& files, bool adopt_unkeyed) {
  if (!sodium_ready()) return Error::make(ErrorCode::Internal, "libsodium kunne ikke startes.");
  auto chain = std::make_shared<Chain>();
  chain->files = files;
  auto rows = row_count(db);
  if (!rows) return rows.error();
  std::string why;
  switch (load_key(files.key_path, chain->key, why)) {
    case KeyLoad::Invalid:
      return verdict(AuditState::KeyInvalid, 0, *rows, "Revisionsloggens nøgle " + files.key_path + " kan ikke bruges: " + why);
    case KeyLoad::Loaded: break;
    case KeyLoad::Missing: {
      // Never re-created for a log that had one: a new key would make a rewritten log verify.
      auto marker = has_marker(db);
      if (!marker) return marker.error();
      if (*marker || read_anchor(*chain).exists)
        return verdict(AuditState::KeyMissing, 0, *rows,
                       "Revisionsloggens nøgle " + files.key_path +
                           " mangler. Loggen er nøglet, så nøglen skal lægges tilbage fra sikkerhedskopien; en ny"
                           " nøgle oprettes ikke.");
      if (*rows > 0 && !adopt_unkeyed) {
        auto v = verdict(AuditState::KeyMissing, 0, *rows,
                         "Revisionsloggens nøgle " + files.key_path + " mangler, og loggens " + std::to_string(*rows) +
                             " rækker er unøglede (række 1–" + std::to_string(*rows) +
                             "). Sådan ser både en log fra før nøglerne og en omskrevet log ud, så en ny nøgle"
                             " oprettes ikke af sig selv. Læg nøglen og ankeret tilbage fra sikkerhedskopien; kun"
                             " hvis databasen bevisligt er fra før loggen fik nøgle: 'magtreg audit --adopt-unkeyed'.");
        v.unkeyed = *rows;
        return v;
      }
      if (*rows == 0) {
        auto data = holds_citizen_data(db);
        if (!data) return data.error();
        if (*data)
          return verdict(AuditState::KeyMissing, 0, 0,
                         "Revisionsloggens nøgle " + files.key_path +
                             " mangler, og loggen er tom, men databasen har borgere eller skemaer: loggen kan være"
                             " slettet sammen med nøglen. Læg nøglen, ankeret og loggen tilbage fra"
                             " sikkerhedskopien; en ny nøgle oprettes ikke.");
      }
      // A new log, or (adopted) one written before keys existed: key it from a verified state.
      auto legacy = walk(db, nullptr);
      if (!legacy) return legacy.error();
      if (!legacy->ok()) return *legacy;
      if (!create_key(files.key_path, chain->key, why)) {
        if (load_key(files.key_path, chain->key, why) != KeyLoad::Loaded)  // another process made it first
          return verdict(AuditState::KeyInvalid, 0, *rows,
                         "Revisionsloggens nøgle " + files.key_path + " kunne ikke oprettes: " + why);
      }
      break;
    }
  }
  // The marker row: the first keyed row, naming how many unkeyed rows came before it.
  {
    st::Transaction tx(db);
    if (!tx.begin_status()) return tx.begin_status().error();
    auto marker = has_marker(db);
    if (!marker) return marker.error();
    if (!*marker) {
      // An anchor with heads but no marker row: the log was keyed, and the rows from its key on are gone.
      if (read_anchor(*chain).any) {
        auto a = check_anchor(db, *chain, *rows);
        if (!a) return a.error();
        if (!a->ok()) return *a;
        return verdict(AuditState::ChainBroken, 1, *rows, "Revisionsloggens nøglerække er fjernet.");
      }
      auto legacy = walk(db, nullptr);
      if (!legacy) return legacy.error();
      if (!legacy->ok()) return *legacy;
      const std::string what = *rows ? "legacy:" + std::to_string(*rows) : "new";
      auto head = insert_row(db, *chain, {"", k_marker_action, k_chain_kind, what, "", "ok"}, utc_now_text());
      if (!head) return head.error();
      if (auto c = tx.commit(); !c) return c.error();
      if (auto a = anchor_head(*chain, head->seq, head->hash); !a) return a.error();
      ++*rows;
    }
  }
  register_chain(db.path(), chain);
  return check_anchor(db, *chain, *rows);
}

namespace {
core::Status append_row(st::Database& db, const AuditEntry& entry, const std::string& at_utc);
}  // namespace

core::Status append_audit(st::Database& db, const AuditEntry& entry, const std::string& at_utc) {
  auto written = append_row(db, entry, at_utc);
  if (!written) metrics().count_audit_write_failure();
  return written;
}

namespace {
core::Status append_row(st::Database& db, const AuditEntry& entry, const std::string& at_utc) {
  auto chain = chain_for(db);
  if (!chain) return chain.error();
  const bool own = !db.in_transaction();
  st::Transaction tx(db);
  if (!tx.begin_status()) return tx.begin_status();
  auto head = insert_row(db, **chain, entry, at_utc);
  if (!head) return head.error();
  if (auto c = tx.commit(); !c) return c;
  // Committed: the head may be anchored. Inside a caller's transaction it is anchored after that
  // commits (anchor_audit_head); a failed anchor write is reported, the row stands.
  if (own)
    if (auto a = anchor_head(**chain, head->seq, head->hash); !a)
      std::fprintf(stderr, "magtreg: %s (AUDIT_ANCHOR_FAILED)\n", a.error().message.c_str());
  return {};
}
}  // namespace

core::Status anchor_audit_head(st::Database& db) {
  if (db.in_transaction()) return {};
  auto chain = registered(db.path());
  if (!chain) return {};  // nothing appended through this process yet
  auto head = read_head(db);
  if (!head) return head.error();
  if (head->seq == 0) return {};
  return anchor_head(*chain, head->seq, head->hash);
}

core::Result<std::vector<AuditRow>> audit_of_citizen(st::Database& db, const std::string& citizen_id) {
  auto q = db.prepare(std::string(k_columns) + " WHERE citizen_id = ?1 ORDER BY seq");
  if (!q) return q.error();
  q->bind(1, citizen_id);
  return q->collect<AuditRow>(read_row);
}

core::Result<AuditVerdict> check_audit_chain(st::Database& db) {
  std::shared_ptr<Chain> chain = registered(db.path());
  if (!chain) {
    auto opened = open_audit_chain(db, default_audit_files(db.path()));
    if (!opened) return opened.error();
    chain = registered(db.path());
    if (!chain) return *opened;  // no usable key
  }
  auto w = walk(db, chain.get());
  if (!w) return w.error();
  if (!w->ok()) return *w;
  auto anchored = check_anchor(db, *chain, w->rows);
  if (anchored) anchored->unkeyed = w->unkeyed;
  return anchored;
}

core::Result<std::optional<long long>> verify_audit_chain(st::Database& db) {
  auto v = check_audit_chain(db);
  if (!v) return v.error();
  if (v->state == AuditState::KeyMissing || v->state == AuditState::KeyInvalid)
    return Error::make(ErrorCode::AuditUnavailable, v->detail + " (" + std::string(to_string(v->state)) + ")");
  if (v->ok()) return std::optional<long long>();
  return std::optional<long long>(v->seq > 0 ? v->seq : v->rows + 1);
}

core::Result<AuditVerdict> check_backup_chain(st::Database& backup, const AuditFiles& files) {
  Chain chain;
  chain.files = files;
  std::string why;
  switch (load_key(files.key_path, chain.key, why)) {
    case KeyLoad::Loaded: break;
    case KeyLoad::Missing:
      return verdict(AuditState::KeyMissing, 0, 0,
                     "Revisionsloggens nøgle " + files.key_path + " mangler; sikkerhedskopiens log kan ikke kontrolleres.");
    case KeyLoad::Invalid:
      return verdict(AuditState::KeyInvalid, 0, 0, "Revisionsloggens nøgle " + files.key_path + " kan ikke bruges: " + why);
  }
  auto walked = walk(backup, &chain);
  if (!walked) return walked.error();
  if (!walked->ok()) return *walked;
  auto head = read_head(backup);
  if (!head) return head.error();
  if (head->seq == 0) return *walked;
  std::ifstream in(files.anchor_path);
  if (!in)
    return verdict(AuditState::AnchorMissing, 0, walked->rows,
                   "Revisionsloggens anker " + files.anchor_path + " mangler; sikkerhedskopien kan ikke genkendes.");
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string first, hash;
    words >> first;
    if (first == "reset") words >> first;
    if (first == std::to_string(head->seq) && (words >> hash) && hash == head->hash) return *walked;
  }
  return verdict(AuditState::ChainBroken, head->seq, walked->rows,
                 "Sikkerhedskopiens sidste revisionsrække (" + std::to_string(head->seq) +
                     ") står ikke i ankeret: kopien er ikke en tidligere tilstand af denne servers revisionslog.");
}

core::Result<AuditVerdict> reanchor_audit_chain(st::Database& db, const AuditFiles& files) {
  auto opened = open_audit_chain(db, files);
  if (!opened) return opened.error();
  auto chain = registered(db.path());
  if (!chain) return *opened;  // no usable key: nothing can be acknowledged
  auto before = check_audit_chain(db);
  if (!before) return before.error();
  if (before->ok()) return *before;
  // A row that does not verify stays evidence for good: only the anchor can be acknowledged.
  if (before->state == AuditState::ChainBroken) {
    auto w = walk(db, chain.get());
    if (!w) return w.error();
    if (!w->ok()) return *w;
  }
  st::Transaction tx(db);
  if (!tx.begin_status()) return tx.begin_status().error();
  auto head = insert_row(db, *chain,
                         {"", k_reanchor_action, k_chain_kind,
                          std::string(to_string(before->state)) + ":" + std::to_string(before->seq), "", "ok"},
                         utc_now_text());
  if (!head) return head.error();
  if (auto c = tx.commit(); !c) return c.error();
  {
    std::lock_guard lock(chain->mutex);
    const std::string line = "reset " + std::to_string(head->seq) + " " + head->hash + " " +
                             mac_hex(chain->key, reset_message(head->seq, head->hash)) + "\n";
    if (!append_anchor_line(*chain, line))
      return Error::make(ErrorCode::AuditUnavailable, "Revisionsloggens anker kunne ikke skrives: " + files.anchor_path);
    chain->anchored = head->seq;
  }
  return check_audit_chain(db);
}

}  // namespace magtreg::sync
