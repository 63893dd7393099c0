// Generic storage of one kind of synced citizen-data record: insert, revision-checked update, apply a
// server copy as-is, get, acknowledge. The per-kind repositories add their list queries on top.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/action_plan.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/citizen.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_event.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/note.hpp"
#include "core/model/report_batch.hpp"
#include "core/model/sync_meta.hpp"
#include "core/records/kinds.hpp"
#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::storage {

// Who is writing. The server gives every write the next server_seq (the download cursor); the tablet
// keeps server_seq as the server last acknowledged it.
enum class Side { Client, Server };

// Takes the next value of the server's global change counter; call inside the write's transaction.
Result<long long> next_server_seq(Database& db);

template <class T>
class RecordRepository {
 public:
  explicit RecordRepository(Database& db, Side side = Side::Client) : m_db(db), m_side(side) {}

  // The record kind on the wire and in the outbox ("citizen", "form", ...).
  static std::string_view kind();

  // Stores a new record with record.sync.revision (>= 1) and returns the stored meta (the content hash
  // is always computed here). The same id again: the identical content is a harmless replay (returns
  // the stored meta); other content is REVISION_CONFLICT.
  Result<model::SyncMeta> insert(const T& record);

  // Replaces the record when its stored revision is `expected_revision`; the new revision is
  // expected_revision + 1. Otherwise nothing is written and:
  //   stored == expected + 1 with the same content  -> ok (a replay), the stored meta
  //   stored == expected + 1 with other content     -> REVISION_CONFLICT
  //   any other stored revision                     -> REVISION_STALE
  //   no such record                                -> NOT_FOUND
  Result<model::SyncMeta> update(const T& record, long long expected_revision);

  // Writes a copy received from the server exactly as given (revision, server_seq, deleted): how the
  // tablet applies a download. INVALID_INPUT (field content_hash) when a given hash does not match.
  Result<model::SyncMeta> put(const T& record);

  // NOT_FOUND when absent (tombstones are returned; check sync.deleted).
  Result<T> get(std::string_view id);
  Result<std::optional<T>> find(std::string_view id);

  // The server acknowledged `revision` of the record at `server_seq` (tablet side). NOT_FOUND when the
  // record is absent or older than `revision`. server_seq only moves forward: a late answer for an
  // older revision does not undo a newer acknowledgement or download.
  Status acknowledge(std::string_view id, long long revision, long long server_seq);

  // Rows of this table matching `where_and_order` (SQL after "WHERE"; the table is aliased `t`).
  Result<std::vector<T>> query(std::string_view where_and_order, const std::function<void(Statement&)>& bind);

 protected:

  Database& m_db;
  Side m_side;
};

#define MAGTREG_REPOSITORY(T) extern template class RecordRepository<T>;
MAGTREG_RECORD_KINDS(MAGTREG_REPOSITORY)
#undef MAGTREG_REPOSITORY

}  // namespace magtreg::core::storage
