// Record upload (PUT …/records/{kind}/{id}), single-record read and the paged download
// (GET …/changes): HTTP adapters over core. What a write may be is decided by
// core::records::accept_upload, the same function the tablet runs before it saves; this file holds the
// transaction, the sync protocol's receipts and the audit. A retried upload gets its original answer
// byte for byte, the same revision with other content is REVISION_CONFLICT, an old or skipped revision
// is REVISION_STALE with the server's current version (docs/sync-protocol.md).
#include <httplib.h>

#include <type_traits>

#include "core/records/accept.hpp"
#include "core/records/kinds.hpp"
#include "core/storage/change_feed.hpp"
#include "core/storage/record_repository.hpp"
#include "core/storage/transaction.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/protocol.hpp"
#include "core/time/copenhagen.hpp"
#include "core/sync/routes.hpp"
#include "sync/api.hpp"
#include "sync/devices.hpp"
#include "sync/clock.hpp"
#include "sync/directory.hpp"
#include "sync/http_json.hpp"
#include "sync/request_context.hpp"
#include "sync/router.hpp"

namespace magtreg::sync {

namespace st = core::storage;
namespace rec = core::records;
namespace proto = core::sync;
using core::Error;
using core::ErrorCode;
using core::Result;
using core::Status;
using nlohmann::json;

namespace {

Error invalid(std::string message, std::string field) {
  return Error::make(ErrorCode::InvalidInput, std::move(message), std::move(field));
}

// [SECTION] receipts: the original answer of each accepted upload
struct Receipt {
  std::string content_hash;
  std::string response;
};

Result<std::optional<Receipt>> find_receipt(st::Database& db, std::string_view kind, const std::string& id,
                                            long long revision) {
  auto q = db.prepare(
      "SELECT content_hash, response FROM upload_receipts WHERE record_kind = ?1 AND record_id = ?2 AND revision = ?3");
  if (!q) return q.error();
  q->bind(1, kind).bind(2, id).bind(3, revision);
  return q->first<Receipt>([](const st::Statement& r) { return Receipt{r.column_text(0), r.column_text(1)}; });
}

Status store_receipt(st::Database& db, std::string_view kind, const std::string& id, long long revision,
                     const std::string& hash, const std::string& user_id, const std::string& response) {
  auto q = db.prepare(
      "INSERT INTO upload_receipts(record_kind, record_id, revision, content_hash, user_id, response)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q) return q.error();
  q->bind(1, kind).bind(2, id).bind(3, revision).bind(4, hash).bind(5, user_id).bind(6, response);
  return q->run();
}

rec::Writer writer_of(const Caller& caller) {
  return {caller.principal, utc_now_text(), core::time::now_local()};
}

// [SECTION] the upload itself
// A stored form's scope, read without its content: the columns the access decision needs (its citizen
// and its form, which says the action). Nothing when no form has the id.
Result<std::optional<core::model::FormInstance>> stored_form_scope(st::Database& db, const std::string& id) {
  auto q = db.prepare("SELECT citizen_id, form_id, form_version FROM form_instances WHERE id = ?1");
  if (!q) return q.error();
  q->bind(1, id);
  auto row = q->step();
  if (!row) return row.error();
  if (!*row) return std::optional<core::model::FormInstance>();
  core::model::FormInstance scope;
  scope.id = id;
  scope.citizen_id = q->column_text(0);
  scope.form_id = q->column_text(1);
  scope.form_version = static_cast<int>(q->column_int64(2));
  return std::optional(std::move(scope));
}

template <class T>
void handle_upload(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  constexpr std::string_view kind = rec::Kind<T>::name;
  const std::string id = req.matches[2];
  with_db(ctx, res, [&](st::Database& db) {
    auto caller = require_caller(ctx, db, req, res);
    if (!caller) return;
    auto request = proto::upload_request_from_body(req.body);
    if (!request) return send_error(res, request.error());
    auto parsed = rec::Kind<T>::parse(request->data);
    if (!parsed) {
      Error e = parsed.error();
      e.field = e.field.empty() ? "data" : "data." + e.field;
      return send_error(res, e);
    }
    T record = std::move(*parsed);
    if (record.id != id) return send_error(res, invalid("Postens id svarer ikke til adressen.", "data.id"));
    record.sync.revision = request->revision;
    const std::string hash = core::model::content_hash(record);
    if (hash != request->content_hash)
      return send_error(res, invalid("Indholdets kontrolsum passer ikke til indholdet.", "content_hash"));

    // Everything below happens in one IMMEDIATE transaction: the access decision, the write, its event,
    // the receipt and the audit row commit together (synchronous=FULL) before the answer leaves.
    std::lock_guard write_lock(ctx.upload_mutex);
    st::Transaction tx(db);
    if (!tx.begin_status()) return send_error(res, tx.begin_status().error());
    AuditEntry audit{caller->user.id, "write", std::string(kind), id, rec::Kind<T>::citizen_of(record), "ok"};
    auto refuse = [&](const proto::ApiError& e, const char* outcome) {
      tx.rollback();
      audit.outcome = outcome;
      current_request().upload_outcome = outcome;
      audit_now(db, audit);
      proto::ApiError told = e;
      told.error = for_client(e.error, res);
      send_json(res, http_status(told.error.code), proto::to_json(told));
    };
    // A refusal reveals nothing about a record the caller may not see, and its audit row names the
    // citizen whose data was asked for (issue #12).
    auto deny = [&](const std::string& citizen_id) {
      audit.citizen_id = citizen_id;
      refuse({rec::write_refused(record, citizen_id)}, "denied");
    };

    // Access is decided on the stored record before anything about it is answered: who may write the
    // record as it is, then who may write it as sent. A stored form is judged on its scope before its
    // content (up to 1 MiB) is read and parsed, so another municipality's form is refused as fast as an
    // unknown id (issue #29, finding 7: 25 ms against 5 ms told them apart).
    if constexpr (std::is_same_v<T, core::model::FormInstance>) {
      auto scope = stored_form_scope(db, id);
      if (!scope) return send_error(res, scope.error());
      if (*scope) {
        auto ok = rec::may_write(db, caller->principal, **scope);
        if (!ok) return send_error(res, ok.error());
        if (!*ok) return deny((*scope)->citizen_id);
      }
    }
    st::RecordRepository<T> repo(db, st::Side::Server);
    auto stored = repo.find(id);
    if (!stored) return send_error(res, stored.error());
    for (const T* r : {*stored ? &**stored : nullptr, &record}) {
      if (r == nullptr) continue;
      auto ok = rec::may_write(db, caller->principal, *r);
      if (!ok) return send_error(res, ok.error());
      if (!*ok) return deny(rec::Kind<T>::citizen_of(*r));
    }

    auto receipt = find_receipt(db, kind, id, request->revision);
    if (!receipt) return send_error(res, receipt.error());
    if (*receipt && (*receipt)->content_hash == hash) {
      // A retry: the original answer, byte for byte.
      audit.outcome = "replay";
      current_request().upload_outcome = "replay";
      if (auto a = append_audit(db, audit, utc_now_text()); !a) return send_error(res, a.error());
      if (auto c = tx.commit(); !c) return send_error(res, c.error());
      res.status = 200;
      res.set_content((*receipt)->response, "application/json; charset=utf-8");
      return;
    }

    std::optional<proto::RecordEnvelope> current;
    std::optional<proto::StoredRevision> stored_rev;
    if (*stored) {
      current = proto::envelope_of(**stored);
      stored_rev = proto::StoredRevision{(*stored)->sync.revision, (*stored)->sync.content_hash};
    }
    switch (proto::decide_upload(stored_rev, request->revision, hash)) {
      case proto::UploadDecision::Conflict:
        return refuse({Error::make(ErrorCode::RevisionConflict,
                                   "Posten er allerede gemt i denne version med andet indhold. Se serverens version."),
                       {}, {}, current},
                      "conflict");
      case proto::UploadDecision::Stale:
        return refuse({Error::make(ErrorCode::RevisionStale,
                                   "Posten er ændret på serveren siden din version. Se serverens version."),
                       {}, {}, current},
                      "stale");
      case proto::UploadDecision::Replay:
      case proto::UploadDecision::Insert:
      case proto::UploadDecision::Update: break;
    }

    auto accepted = rec::accept_upload(db, rec::Side::Server, writer_of(*caller), *stored, record);
    if (!accepted.accepted())
      return refuse({accepted.status.error(), accepted.issues, accepted.findings, current},
                    accepted.denied() ? "denied" : "refused");

    Result<core::model::SyncMeta> meta = core::model::SyncMeta{};
    if (!*stored)
      meta = repo.insert(accepted.record);
    else if ((*stored)->sync.revision == request->revision)
      meta = (*stored)->sync;  // the same content stored by other means (no receipt): accept as is
    else
      meta = repo.update(accepted.record, request->revision - 1);
    if (!meta) return refuse({meta.error(), {}, {}, current}, "refused");
    if (accepted.event) {
      st::RecordRepository<core::model::FormEvent> events(db, st::Side::Server);
      if (auto e = events.insert(*accepted.event); !e) return send_error(res, e.error());
    }
    if (auto a = rec::apply_server_effects(db, accepted.record); !a) return send_error(res, a.error());
    const proto::UploadAnswer answer{std::string(kind), id, meta->revision, meta->content_hash, meta->server_seq,
                                     accepted.findings};
    const std::string text = proto::to_json(answer).dump(-1, ' ', false, json::error_handler_t::replace);
    if (auto r = store_receipt(db, kind, id, request->revision, hash, caller->user.id, text); !r)
      return send_error(res, r.error());
    if (auto a = append_audit(db, audit, utc_now_text()); !a) return send_error(res, a.error());
    if (auto c = tx.commit(); !c) return send_error(res, c.error());
    current_request().upload_outcome = "stored";
    res.status = 200;
    res.set_content(text, "application/json; charset=utf-8");
  });
}

// [SECTION] reads
// The record as an envelope and the citizen it belongs to; nothing when unknown.
struct ReadRecord {
  json envelope;
  std::string citizen_id;
};

Result<std::optional<ReadRecord>> read_any(st::Database& db, std::string_view kind, const std::string& id) {
  Result<std::optional<ReadRecord>> out = std::optional<ReadRecord>();
  rec::for_kind(kind, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, core::model::FormEvent>) return;  // read with their form
    st::RecordRepository<T> repo(db);
    auto r = repo.find(id);
    if (!r) {
      out = r.error();
      return;
    }
    if (*r) out = std::optional(ReadRecord{proto::to_json(proto::envelope_of(**r), false), rec::Kind<T>::citizen_of(**r)});
  });
  return out;
}

long long query_integer(const httplib::Request& req, const char* name, long long fallback, bool& ok) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) {
    ok = false;
    return fallback;
  }
  return std::stoll(v);
}

}  // namespace

void mount_record_routes(Router& http, ApiContext& ctx) {
  http.add(routes::upload,
           [&ctx](const httplib::Request& req, httplib::Response& res) {
    const std::string kind = req.matches[1];
    bool routed = false;
    rec::for_kind(kind, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (rec::Kind<T>::uploaded) {
        routed = true;
        handle_upload<T>(ctx, req, res);
      }
    });
    if (!routed)
      send_error(res, Error::make(ErrorCode::NotFound, "Posttypen »" + kind + "« kan ikke sendes til serveren.", "kind"));
  });

  http.add(routes::record,
           [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const std::string kind = req.matches[1];
      const std::string id = req.matches[2];
      auto record = read_any(db, kind, id);
      if (!record) return send_error(res, record.error());
      AuditEntry audit{caller->user.id, "read", kind, id, *record ? (*record)->citizen_id : "", "ok"};
      // A record that does not exist and one the caller may not see answer alike, so ids cannot be
      // probed; the audit row names the citizen whose record was asked for.
      auto refuse = [&](const char* outcome) {
        audit.outcome = outcome;
        audit_now(db, audit);
        send_error(res, Error::make(ErrorCode::Forbidden, "Findes ikke, eller du har ikke adgang til det.", "id"));
      };
      if (!*record) return refuse("not_found");
      auto placement = citizen_placement(db, (*record)->citizen_id);
      if (!placement) return send_error(res, placement.error());
      if (!*placement || !core::access::allowed(caller->principal, core::access::Action::ViewForms, **placement))
        return refuse("denied");
      if (!audit_read(db, audit, res)) return;
      send_json(res, 200, (*record)->envelope);
    });
  });

  http.add(routes::changes, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      // A revoked tablet has uploaded what it held (the sync loop uploads first): it downloads nothing
      // more and erases its stores (devices.hpp).
      if (auto device = session_device(db, bearer_token(req)))
        if (auto contact = check_device_contact(db, caller->user.municipality_id, *device, caller->user.id, utc_now_text());
            !contact) {
          if (contact.error().code == ErrorCode::DeviceRevoked)
            audit_now(db, {caller->user.id, "download", "device", *device, "", "revoked"});
          return send_error(res, contact.error());
        }
      bool ok = true;
      const long long after = query_integer(req, routes::query::after, 0, ok);
      if (!ok) return send_error(res, invalid("»after« skal være et ikke-negativt heltal.", "after"));
      const long long limit = query_integer(req, routes::query::limit, 200, ok);
      if (!ok) return send_error(res, invalid("»limit« skal være et heltal mellem 1 og 1000.", "limit"));
      auto institutions = visible_institutions(db, *caller, core::access::Action::ViewForms);
      if (!institutions) {
        audit_now(db, {caller->user.id, "download", "changes", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til borgeres oplysninger."));
      }
      auto page = st::changes_after(db, after, *institutions, static_cast<int>(limit));
      if (!page) return send_error(res, page.error());
      proto::ChangesPage out{{}, page->next_after, page->has_more};
      // Report batches name guardians and go to the roles that report or review (as GET /reports does).
      bool sees_reports = false;
      for (auto a : {core::access::Action::CompleteLeaderPart, core::access::Action::ReviewReport,
                     core::access::Action::RegisterMove})
        sees_reports = sees_reports || core::access::scope_of(caller->user.role, a) != core::access::Scope::None;
      st::Transaction tx(db);
      if (!tx.begin_status()) return send_error(res, tx.begin_status().error());
      for (auto& c : page->records) {
        if (c.kind == rec::Kind<core::model::ReportBatch>::name && !sees_reports) continue;
        std::string citizen_id = c.kind == "citizen" ? c.id : "";
        if (citizen_id.empty() && c.data.is_object()) {
          auto it = c.data.find("citizen_id");
          if (it != c.data.end() && it->is_string()) citizen_id = it->get<std::string>();
        }
        if (auto a = append_audit(db, {caller->user.id, "download", c.kind, c.id, citizen_id, "ok"}, utc_now_text()); !a)
          return send_audit_unavailable(res, a.error());
        out.records.push_back({c.kind, c.id, c.revision, c.content_hash, c.server_seq, std::move(c.data)});
      }
      if (auto c = tx.commit(); !c) return send_audit_unavailable(res, c.error());
      send_json(res, 200, proto::to_json(out));
    });
  });
}

}  // namespace magtreg::sync
