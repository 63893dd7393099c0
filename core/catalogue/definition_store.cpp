// Stores, lists and imports form definition versions; builds the catalogue from them.
#include "core/catalogue/definition_store.hpp"

#include <nlohmann/json.hpp>

#include "core/rules/definition_law.hpp"
#include "core/storage/transaction.hpp"
#include "core/util/json_text.hpp"
#include "core/util/sha256.hpp"

namespace magtreg::core::catalogue {

namespace {

using forms::Catalogue;
using nlohmann::json;

constexpr const char* k_sets_file = "_sets.json";

// The embedded form sets file, found once (every definition is loaded with it).
const std::pair<std::string, std::string>& embedded_sets() {
  static const std::pair<std::string, std::string> sets = [] {
    for (auto& f : Catalogue::embedded_files())
      if (f.first == k_sets_file) return f;
    return std::pair<std::string, std::string>{k_sets_file, R"({"sets": []})"};
  }();
  return sets;
}

// One definition text checked alone (with the embedded sets) as the catalogue loads it, and its
// canonical form.
Result<StoredDefinition> parse_one(std::string_view name, std::string_view text) {
  json j = parse_json_or_discarded(std::string(text));
  if (j.is_discarded() || !j.is_object())
    return Error::make(ErrorCode::DefinitionInvalid,
                       std::string(name) + ": ikke et JSON-objekt (eller en nøgle står to gange)");
  if (j.contains("sets"))
    return Error::make(ErrorCode::DefinitionInvalid, std::string(name) + ": skemasæt importeres ikke her", "sets");
  StoredDefinition d;
  d.body = j.dump();
  auto cat = Catalogue::load({embedded_sets(), {std::string(name), d.body}});
  if (!cat) return cat.error();
  d.meta = cat->forms().front();
  if (Status law = rules::check_definition_law(d.meta); !law) {
    Error e = law.error();
    e.message = std::string(name) + ": " + e.message;
    return e;
  }
  return d;
}

StoredDefinition read_row(storage::Statement& st) {
  StoredDefinition d;
  d.meta.id = st.column_text(0);
  d.meta.version = static_cast<int>(st.column_int64(1));
  d.meta.set = st.column_text(2);
  d.meta.status = forms::definition_status_from_string(st.column_text(3)).value_or(forms::DefinitionStatus::Draft);
  d.meta.in_force_from = st.column_text(4);
  d.meta.content_hash = st.column_text(5);
  d.body = st.column_text(6);
  d.imported_by = st.column_text(7);
  d.imported_at = st.column_text(8);
  return d;
}

constexpr const char* k_select =
    "SELECT form_id, version, set_id, status, in_force_from, content_hash, body, imported_by, imported_at "
    "FROM form_definitions";

// Fills the metadata the table does not hold (titles, sources, bases) from the stored text.
Status complete_meta(StoredDefinition& d) {
  auto cat = Catalogue::load({embedded_sets(), {d.meta.id + "@" + std::to_string(d.meta.version), d.body}});
  if (!cat) return cat.error();
  const std::string hash = d.meta.content_hash;
  d.meta = cat->forms().front();
  if (d.meta.content_hash != hash)
    return Error::make(ErrorCode::StorageError, "Skemaet " + d.meta.id + " version " + std::to_string(d.meta.version) +
                                                    " passer ikke med sin gemte hash.");
  return {};
}

Status insert(storage::Database& db, const StoredDefinition& d) {
  auto ins = db.prepare(
      "INSERT INTO form_definitions(form_id, version, set_id, status, in_force_from, content_hash, body, imported_by,"
      " imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!ins) return ins.error();
  ins->bind(1, d.meta.id).bind(2, d.meta.version).bind(3, d.meta.set).bind(4, forms::to_string(d.meta.status));
  if (d.meta.in_force_from.empty()) ins->bind(5, nullptr);
  else ins->bind(5, d.meta.in_force_from);
  ins->bind(6, d.meta.content_hash).bind(7, d.body).bind(8, d.imported_by).bind(9, d.imported_at);
  return ins->run();
}

// The stored hash of (form_id, version), without reading the definition; nullopt when not stored.
Result<std::optional<std::string>> stored_hash(storage::Database& db, std::string_view form_id, int version) {
  auto q = db.prepare("SELECT content_hash FROM form_definitions WHERE form_id = ?1 AND version = ?2");
  if (!q) return q.error();
  q->bind(1, form_id).bind(2, version);
  return q->first<std::string>([](storage::Statement& st) { return st.column_text(0); });
}

}  // namespace

Result<std::vector<std::string>> seed_builtin_definitions(storage::Database& db, const std::string& now) {
  std::vector<std::string> noticed;
  for (const auto& [name, text] : Catalogue::embedded_files()) {
    if (name == k_sets_file) continue;
    // Looked up by id, version and hash first: a database that has them all (every start after the first)
    // parses nothing.
    const json j = parse_json_or_discarded(text);
    const json id = j.is_object() ? j.value("id", json()) : json();
    const json version = j.is_object() ? j.value("version", json()) : json();
    if (id.is_string() && version.is_number_integer()) {
      auto stored = stored_hash(db, id.get<std::string>(), version.get<int>());
      if (!stored) return stored.error();
      if (*stored) {
        if (**stored != sha256_hex(j.dump()))
          noticed.push_back(id.get<std::string>() + " version " + std::to_string(version.get<int>()) +
                            ": den indbyggede tekst afviger fra den gemte; den gemte bruges");
        continue;
      }
    }
    auto d = parse_one(name, text);
    if (!d) return d.error();
    d->imported_by = k_builtin_importer;
    d->imported_at = now;
    if (Status s = insert(db, *d); !s) return s.error();
  }
  return noticed;
}

Result<std::vector<StoredDefinition>> list_definitions(storage::Database& db) {
  auto q = db.prepare(std::string(k_select) + " ORDER BY form_id, version");
  if (!q) return q.error();
  auto rows = q->collect<StoredDefinition>(read_row);
  if (!rows) return rows.error();
  for (auto& d : *rows)
    if (Status s = complete_meta(d); !s) return s.error();
  return rows;
}

Result<std::optional<StoredDefinition>> find_definition(storage::Database& db, std::string_view form_id, int version) {
  auto q = db.prepare(std::string(k_select) + " WHERE form_id = ?1 AND version = ?2");
  if (!q) return q.error();
  q->bind(1, form_id).bind(2, version);
  auto row = q->first<StoredDefinition>(read_row);
  if (!row) return row.error();
  if (*row)
    if (Status s = complete_meta(**row); !s) return s.error();
  return row;
}

Result<forms::Catalogue> load_catalogue(storage::Database& db) {
  auto q = db.prepare("SELECT form_id, version, body FROM form_definitions ORDER BY form_id, version");
  if (!q) return q.error();
  std::vector<std::pair<std::string, std::string>> files{embedded_sets()};
  if (Status s = q->for_each_row([&](storage::Statement& st) {
        files.emplace_back(st.column_text(0) + "@" + std::to_string(st.column_int64(1)), st.column_text(2));
      });
      !s)
    return s.error();
  return Catalogue::load(files);
}

Result<ImportOutcome> import_definition(storage::Database& db, std::string_view source_name, std::string_view text,
                                        const std::string& actor, const std::string& now) {
  auto d = parse_one(source_name, text);
  if (!d) return d.error();
  ImportOutcome out;
  out.meta = d->meta;
  auto stored = stored_hash(db, d->meta.id, d->meta.version);
  if (!stored) return stored.error();
  auto newest = db.prepare("SELECT max(version) FROM form_definitions WHERE form_id = ?1");
  if (!newest) return newest.error();
  newest->bind(1, d->meta.id);
  auto row = newest->step();
  if (!row) return row.error();
  const std::optional<long long> highest = newest->column_optional_int64(0);
  if (*stored) {
    if (**stored != d->meta.content_hash)
      return Error::make(ErrorCode::DefinitionVersionPublished,
                         std::string(source_name) + ": skemaet " + d->meta.id + " version " +
                             std::to_string(d->meta.version) + " findes allerede med et andet indhold; en ændring er en ny version (næste: " +
                             std::to_string(highest.value_or(0) + 1) + ").",
                         "version");
    out.already_stored = true;
  } else {
    d->imported_by = actor;
    d->imported_at = now;
    if (Status s = insert(db, *d); !s) return s.error();
  }
  // The first day and the version it follows, without loading the whole catalogue (a tablet stores a
  // dozen definitions at a time).
  out.in_force_from = d->meta.in_force_from;
  if (out.in_force_from.empty())
    for (const auto& set : Catalogue::builtin().sets())
      if (set.id == d->meta.set) out.in_force_from = set.valid_from;
  auto before = db.prepare("SELECT max(version) FROM form_definitions WHERE form_id = ?1 AND version < ?2");
  if (!before) return before.error();
  before->bind(1, d->meta.id).bind(2, d->meta.version);
  if (auto stepped = before->step(); !stepped) return stepped.error();
  if (auto v = before->column_optional_int64(0)) out.previous = static_cast<int>(*v);
  return out;
}

Result<Installed> install_stored_catalogue(storage::Database& db, const std::string& now) {
  Installed out;
  {
    storage::Transaction tx(db);
    if (const Status& b = tx.begin_status(); !b) return b.error();
    auto noticed = seed_builtin_definitions(db, now);
    if (!noticed) return noticed.error();
    if (Status c = tx.commit(); !c) return c.error();
    out.noticed = std::move(*noticed);
  }
  auto count = db.prepare("SELECT count(*) FROM form_definitions");
  if (!count) return count.error();
  if (auto row = count->step(); !row) return row.error();
  out.versions = count->column_int64(0);
  auto cat = load_catalogue(db);
  if (!cat) return cat.error();
  Catalogue::install(std::move(*cat));
  return out;
}

std::string catalogue_tag(const std::vector<StoredDefinition>& all) {
  std::string lines;
  for (const auto& d : all) lines += d.meta.id + "@" + std::to_string(d.meta.version) + ":" + d.meta.content_hash + "\n";
  return sha256_hex(lines);
}

Result<Received> store_received_definitions(storage::Database& db, const std::vector<std::string>& bodies,
                                            const std::string& now) {
  Received out;
  storage::Transaction tx(db);
  if (const Status& b = tx.begin_status(); !b) return b.error();
  auto known = db.prepare("SELECT 1 FROM form_definitions WHERE content_hash = ?1");
  if (!known) return known.error();
  for (const auto& body : bodies) {
    // A text the store already holds (the server sends canonical texts) is skipped without parsing.
    if (Status again = known->reset(); !again) return again.error();
    known->bind(1, sha256_hex(body));
    auto held = known->step();
    if (!held) return held.error();
    if (*held) continue;
    auto r = import_definition(db, "server", body, "server", now);
    if (!r) {
      if (r.error().code == ErrorCode::StorageError || r.error().code == ErrorCode::StorageBusy) return r.error();
      if (out.refused++ == 0) out.first_refusal = r.error().message;
      continue;
    }
    if (!r->already_stored) ++out.added;
  }
  if (Status c = tx.commit(); !c) return c.error();
  return out;
}

}  // namespace magtreg::core::catalogue
