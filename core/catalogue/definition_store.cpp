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

std::pair<std::string, std::string> embedded_sets() {
  for (auto& f : Catalogue::embedded_files())
    if (f.first == k_sets_file) return f;
  return {k_sets_file, R"({"sets": []})"};
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

}  // namespace

Result<std::vector<std::string>> seed_builtin_definitions(storage::Database& db, const std::string& now) {
  std::vector<std::string> noticed;
  for (const auto& [name, text] : Catalogue::embedded_files()) {
    if (name == k_sets_file) continue;
    auto d = parse_one(name, text);
    if (!d) return d.error();
    auto stored = find_definition(db, d->meta.id, d->meta.version);
    if (!stored) return stored.error();
    if (*stored) {
      if ((*stored)->meta.content_hash != d->meta.content_hash)
        noticed.push_back(d->meta.id + " version " + std::to_string(d->meta.version) +
                          ": den indbyggede tekst afviger fra den gemte; den gemte bruges");
      continue;
    }
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
  auto stored = find_definition(db, d->meta.id, d->meta.version);
  if (!stored) return stored.error();
  auto newest = db.prepare("SELECT max(version) FROM form_definitions WHERE form_id = ?1");
  if (!newest) return newest.error();
  newest->bind(1, d->meta.id);
  auto row = newest->step();
  if (!row) return row.error();
  const std::optional<long long> highest = newest->column_optional_int64(0);
  if (*stored) {
    if ((*stored)->meta.content_hash != d->meta.content_hash)
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
  auto cat = load_catalogue(db);
  if (!cat) return cat.error();
  if (const forms::FormMeta* meta = cat->find_form(d->meta.id, d->meta.version)) out.in_force_from = cat->in_force_from(*meta);
  for (const auto& f : cat->forms())
    if (f.id == d->meta.id && f.version < d->meta.version && (!out.previous || f.version > *out.previous))
      out.previous = f.version;
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
  for (const auto& body : bodies) {
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
