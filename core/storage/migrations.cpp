// Applying numbered migrations under PRAGMA user_version.
#include "core/storage/migrations.hpp"

#include "core/storage/transaction.hpp"

namespace magtreg::core::storage {
namespace {
Error migration_error(std::string message) { return Error::make(ErrorCode::MigrationFailed, std::move(message)); }
}  // namespace

Result<int> schema_version(Database& db) {
  Result<Statement> st = db.prepare("PRAGMA user_version");
  if (!st) return st.error();
  Result<bool> row = st->step();
  if (!row) return row.error();
  if (!*row) return storage_error("user_version", "no row");
  return static_cast<int>(st->column_int64(0));
}

Status migrate(Database& db, const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i)
    if (migrations[i].version != static_cast<int>(i) + 1)
      return migration_error("Migrationslisten er ugyldig: migration nr. " + std::to_string(i + 1) +
                             " har versionen " + std::to_string(migrations[i].version) + ".");
  const int latest = static_cast<int>(migrations.size());

  Result<int> current = schema_version(db);
  if (!current) return migration_error("Databasens skemaversion kunne ikke læses: " + current.error().message);
  if (*current > latest)
    return migration_error("Databasen har skemaversion " + std::to_string(*current) +
                           ", men dette program kender kun op til version " + std::to_string(latest) +
                           ". Databasen er lavet af en nyere version af Magtreg; opdatér programmet.");

  for (int v = *current + 1; v <= latest; ++v) {
    const Migration& m = migrations[static_cast<std::size_t>(v - 1)];
    Transaction tx(db);
    if (!tx.begin_status()) return migration_error("Migration " + std::to_string(v) + " kunne ikke starte: " +
                                                   tx.begin_status().error().message);
    // Re-read inside the write lock: another connection may have migrated meanwhile.
    Result<int> now = schema_version(db);
    if (!now) return migration_error(now.error().message);
    if (*now >= v) continue;
    if (Status st = db.exec(m.sql); !st)
      return migration_error("Migration " + std::to_string(v) + " (" + std::string(m.name) +
                             ") fejlede: " + st.error().message);
    if (Status st = db.exec("PRAGMA user_version = " + std::to_string(v)); !st)
      return migration_error(st.error().message);
    if (Status st = tx.commit(); !st)
      return migration_error("Migration " + std::to_string(v) + " kunne ikke gemmes: " + st.error().message);
  }
  return {};
}

Status migrate(Database& db) { return migrate(db, schema_migrations()); }

Result<Database> open_database(const std::string& path, const DatabaseOptions& options) {
  Result<Database> db = Database::open(path, options);
  if (!db) return db.error();
  if (Status st = migrate(*db); !st) return st.error();
  return std::move(db).value();
}

}  // namespace magtreg::core::storage
