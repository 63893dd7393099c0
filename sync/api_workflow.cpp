// The work after registration (docs/workflows.md): the øjeoverblik per role, the monthly report
// (preview, list, printable document per recipient), the letter on the right to complain and what
// stands in the way of closing a case. Records themselves are written through PUT …/records
// (api_records.cpp), where core/workflow checks them. Every answer that shows a citizen's data is audited
// once per citizen.
#include <httplib.h>

#include <set>

#include "core/cases/cases.hpp"
#include "core/records/scope.hpp"
#include "core/forms/catalogue.hpp"
#include "core/storage/form_repository.hpp"
#include "core/storage/note_repository.hpp"
#include "core/storage/record_repository.hpp"
#include "core/storage/transaction.hpp"
#include "core/sync/messages_work.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/workflow/documents.hpp"
#include "core/workflow/reporting.hpp"
#include "core/workflow/work.hpp"
#include "core/sync/routes.hpp"
#include "sync/api.hpp"
#include "sync/directory.hpp"
#include "sync/http_json.hpp"
#include "sync/router.hpp"

namespace magtreg::sync {

namespace st = core::storage;
namespace model = core::model;
namespace wf = core::workflow;
namespace proto = core::sync;
using core::Error;
using core::ErrorCode;
using core::access::Action;
using nlohmann::json;

namespace {

const Error k_forbidden = Error::make(ErrorCode::Forbidden, "Du har ikke adgang til disse oplysninger.");
// What a request naming an id outside the caller's scope and one naming no such thing both get: the same
// status, body and code, so ids cannot be probed (issue 12, low). The refusal is audited either way.
const Error k_no_such_or_forbidden =
    Error::make(ErrorCode::Forbidden, "Findes ikke, eller du har ikke adgang til det.", "id");

// One audit row per citizen whose data the answer shows, in one transaction.
core::Status audit_citizens(st::Database& db, const Caller& caller, const std::string& action,
                            const std::string& kind, const std::string& id, const std::set<std::string>& citizens) {
  st::Transaction tx(db);
  if (!tx.begin_status()) return tx.begin_status();
  if (citizens.empty()) {
    if (auto a = append_audit(db, {caller.user.id, action, kind, id, "", "ok"}, utc_now_text()); !a) return a;
  }
  for (const auto& c : citizens)
    if (auto a = append_audit(db, {caller.user.id, action, kind, id, c, "ok"}, utc_now_text()); !a) return a;
  return tx.commit();
}

// "moves" for a quarterly move report (its first form is a move), otherwise "monthly".
core::Result<std::string> batch_kind(st::Database& db, const model::ReportBatch& b) {
  if (b.form_ids.empty()) return std::string("monthly");
  st::RecordRepository<model::FormInstance> forms(db);
  auto first = forms.find(b.form_ids.front());
  if (!first) return first.error();
  if (!*first) return std::string("monthly");
  return std::string(wf::is_move_report(b, {**first}, core::forms::Catalogue::current()) ? "moves" : "monthly");
}

// The institutions of the caller's scope for any of `actions` (own, or the municipality's).
std::optional<std::vector<std::string>> institutions_for(st::Database& db, const Caller& caller,
                                                         std::initializer_list<Action> actions) {
  std::set<std::string> ids;
  bool any = false;
  for (Action a : actions)
    if (auto v = visible_institutions(db, caller, a)) {
      any = true;
      ids.insert(v->begin(), v->end());
    }
  if (!any) return std::nullopt;
  return std::vector<std::string>(ids.begin(), ids.end());
}

bool may_on_institution(const Caller& caller, Action action, const model::Institution& inst) {
  return core::access::allowed(caller.principal, action, {inst.id, inst.municipality_id});
}

std::vector<proto::RecipientRow> recipient_rows(const std::vector<wf::RecipientShare>& shares) {
  std::vector<proto::RecipientRow> rows;
  for (const auto& sh : shares) rows.push_back({sh.recipient.kind, sh.recipient.name, sh.form_ids});
  return rows;
}

void send_html(httplib::Response& res, const std::string& html) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(html, "text/html; charset=utf-8");
}

}  // namespace

void mount_workflow_routes(Router& http, ApiContext& ctx) {
  // [SECTION] øjeoverblik
  http.add(routes::work, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      auto institutions = institutions_for(db, *caller, {Action::ViewForms});
      if (!institutions) {
        audit_now(db, {caller->user.id, "read", "work", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ingen opgaver med borgeres sager."));
      }
      auto scope = core::records::load_scope(db, *institutions);
      if (!scope) return send_error(res, scope.error());
      auto mun = find_municipality(db, caller->principal.municipality_id);
      if (!mun) return send_error(res, mun.error());
      if (*mun) scope->municipality = **mun;
      scope->role = caller->user.role;
      scope->now = core::time::now_local();
      const proto::WorkList work{wf::work_items(*scope, core::forms::Catalogue::current()),
                                 core::time::format_iso(scope->now)};
      std::set<std::string> citizens;
      for (const auto& item : work.items)
        if (!item.citizen_id.empty()) citizens.insert(item.citizen_id);
      if (auto a = audit_citizens(db, *caller, "read", "work", "", citizens); !a)
        return send_audit_unavailable(res, a.error());
      send_json(res, 200, proto::to_json(work));
    });
  });

  // [SECTION] monthly report
  http.add(routes::report_preview, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const std::string institution_id = req.get_param_value(routes::query::institution);
      // kind=moves: the administration's quarterly report of moves without consent (month = the quarter's
      // last month); otherwise the leader's monthly report.
      const bool moves = req.get_param_value(routes::query::kind) == routes::query::moves;
      auto unit = core::records::reporting_unit(db, institution_id);
      if (!unit && unit.error().code != ErrorCode::NotFound) return send_error(res, unit.error());
      if (!unit || !may_on_institution(*caller, moves ? Action::RegisterMove : Action::CompleteLeaderPart, unit->institution)) {
        audit_now(db, {caller->user.id, "read", "report_preview", institution_id, "", unit ? "denied" : "not_found"});
        return send_error(res, k_no_such_or_forbidden);
      }
      const auto now = core::time::now_local();
      const wf::Month this_month{now.date.year, now.date.month};
      wf::Month month = moves ? wf::last_complete_quarter(this_month) : wf::previous_month(this_month);
      if (req.has_param(routes::query::month)) {
        auto m = wf::parse_month(req.get_param_value(routes::query::month));
        if (!m) return send_error(res, m.error());
        month = moves ? wf::quarter_end_of(*m) : *m;
      }
      auto scope = core::records::load_scope(db, {institution_id});
      if (!scope) return send_error(res, scope.error());
      const auto& catalogue = core::forms::Catalogue::current();
      const auto forms = moves ? wf::forms_for_move_report(institution_id, month, scope->forms, scope->batches, catalogue)
                               : wf::forms_for_monthly_report(institution_id, month, scope->forms, scope->batches, catalogue);
      const auto shares = moves ? wf::move_report_recipients(*unit, forms) : wf::report_recipients(*unit, forms, scope->citizens);
      proto::ReportPreview preview;
      std::set<std::string> citizens;
      for (const auto& f : forms) {
        preview.forms.push_back(proto::summary_of(f, scope->citizens, catalogue));
        citizens.insert(f.citizen_id);
      }
      const auto due = moves ? core::time::quarterly_move_report_due(month.year, (month.month - 1) / 3 + 1,
                                                                     unit->municipality.report_day_of_month)
                             : core::time::monthly_report_due(month.year, month.month, unit->municipality.report_day_of_month);
      if (auto a = audit_citizens(db, *caller, "read", "report_preview", institution_id, citizens); !a)
        return send_audit_unavailable(res, a.error());
      preview.institution_id = institution_id;
      preview.institution_name = unit->institution.name;
      preview.moves = moves;
      preview.month = wf::format_month(month);
      preview.month_text = moves ? wf::format_quarter(month) : core::time::format_danish_month(month.year, month.month);
      preview.month_closed = this_month > month;
      preview.due = core::time::format_iso(due);
      preview.due_text = core::time::format_danish(due);
      preview.recipients = recipient_rows(shares);
      send_json(res, 200, proto::to_json(preview));
    });
  });

  http.add(routes::reports, [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      auto institutions = institutions_for(db, *caller, {Action::CompleteLeaderPart, Action::ReviewReport, Action::RegisterMove});
      if (!institutions) {
        audit_now(db, {caller->user.id, "list", "report_batch", "", "", "denied"});
        return send_error(res, Error::make(ErrorCode::Forbidden, "Din rolle har ikke adgang til indberetninger."));
      }
      std::string month;
      if (req.has_param(routes::query::month)) {
        auto m = wf::parse_month(req.get_param_value(routes::query::month));
        if (!m) return send_error(res, m.error());
        month = wf::format_month(*m);
      }
      proto::ReportList list;
      for (const auto& inst_id : *institutions) {
        if (req.has_param(routes::query::institution) && req.get_param_value(routes::query::institution) != inst_id) continue;
        auto inst = find_institution(db, inst_id);
        if (!inst) return send_error(res, inst.error());
        st::RecordRepository<model::ReportBatch> repo(db);
        auto batches = repo.query("t.deleted = 0 AND t.institution_id = ?1 AND (?2 = '' OR t.month = ?2)"
                                  " ORDER BY t.month DESC, t.created_at DESC",
                                  [&](st::Statement& q) { q.bind(1, inst_id).bind(2, month); });
        if (!batches) return send_error(res, batches.error());
        for (const auto& b : *batches) {
          auto kind = batch_kind(db, b);
          if (!kind) return send_error(res, kind.error());
          list.reports.push_back({b, *kind == "moves", *inst ? (*inst)->name : ""});
        }
      }
      if (!audit_read(db, {caller->user.id, "list", "report_batch", month, "", "ok"}, res)) return;
      send_json(res, 200, proto::to_json(list));
    });
  });

  // The batch with its forms, or the printable document for one recipient (?recipient=N, 0-based).
  http.add(routes::report,
           [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const std::string id = req.matches[1];
      const bool document = req.matches[2].length() > 0;
      st::RecordRepository<model::ReportBatch> repo(db);
      auto batch = repo.find(id);
      if (!batch) return send_error(res, batch.error());
      if (!*batch || (*batch)->sync.deleted) {
        audit_now(db, {caller->user.id, "read", "report_batch", id, "", "not_found"});
        return send_error(res, k_no_such_or_forbidden);
      }
      auto unit = core::records::reporting_unit(db, (*batch)->institution_id);
      if (!unit) return send_error(res, unit.error());
      if (!may_on_institution(*caller, Action::CompleteLeaderPart, unit->institution) &&
          !may_on_institution(*caller, Action::ReviewReport, unit->institution) &&
          !may_on_institution(*caller, Action::RegisterMove, unit->institution)) {
        audit_now(db, {caller->user.id, "read", "report_batch", id, "", "denied"});
        return send_error(res, k_no_such_or_forbidden);
      }
      auto scope = core::records::load_scope(db, {(*batch)->institution_id});
      if (!scope) return send_error(res, scope.error());
      std::set<std::string> citizens;
      proto::ReportDetail detail{**batch, false, unit->institution.name, {}};
      for (const auto& fid : (*batch)->form_ids)
        for (const auto& f : scope->forms)
          if (f.id == fid) {
            detail.forms.push_back(proto::summary_of(f, scope->citizens, core::forms::Catalogue::current()));
            citizens.insert(f.citizen_id);
          }
      if (!document) {
        if (auto a = audit_citizens(db, *caller, "read", "report_batch", id, citizens); !a)
          return send_audit_unavailable(res, a.error());
        auto kind = batch_kind(db, **batch);
        if (!kind) return send_error(res, kind.error());
        detail.moves = *kind == "moves";
        return send_json(res, 200, proto::to_json(detail));
      }
      const std::string r = req.get_param_value(routes::query::recipient);
      if (r.empty() || r.size() > 3 || r.find_first_not_of("0123456789") != std::string::npos ||
          std::stoul(r) >= (*batch)->recipients.size())
        return send_error(res, Error::make(ErrorCode::InvalidInput, "Vælg en af indberetningens modtagere.", "recipient"));
      const std::string html = wf::report_document_html(*unit, **batch, std::stoul(r), scope->forms, scope->citizens,
                                                        core::forms::Catalogue::current());
      if (auto a = audit_citizens(db, *caller, "print", "report_batch", id, citizens); !a)
        return send_audit_unavailable(res, a.error());
      send_html(res, html);
    });
  });

  // [SECTION] complaint letter
  http.add(routes::complaint_letter,
           [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const std::string id = req.matches[1];
      auto placement = citizen_placement(db, id);
      if (!placement) return send_error(res, placement.error());
      if (!*placement || !core::access::allowed(caller->principal, Action::CompleteLeaderPart, **placement)) {
        audit_now(db, {caller->user.id, "print", "complaint_letter", id, *placement ? id : "",
                       *placement ? "denied" : "not_found"});
        return send_error(res, k_no_such_or_forbidden);
      }
      st::RecordRepository<model::Citizen> citizens(db);
      auto c = citizens.get(id);
      if (!c) return send_error(res, c.error());
      auto unit = core::records::reporting_unit(db, c->institution_id);
      if (!unit) return send_error(res, unit.error());
      const std::string html =
          wf::complaint_letter_html(*c, *unit, core::time::format_iso(core::time::now_local().date));
      if (!audit_read(db, {caller->user.id, "print", "complaint_letter", id, id, "ok"}, res)) return;
      send_html(res, html);
    });
  });

  // [SECTION] case closing
  http.add(routes::case_closing,
           [&ctx](const httplib::Request& req, httplib::Response& res) {
    with_db(ctx, res, [&](st::Database& db) {
      auto caller = require_caller(ctx, db, req, res);
      if (!caller) return;
      const std::string id = req.matches[1];
      st::RecordRepository<model::Case> cases(db);
      auto c = cases.find(id);
      if (!c) return send_error(res, c.error());
      if (!*c) {
        audit_now(db, {caller->user.id, "read", "case", id, "", "not_found"});
        return send_error(res, k_no_such_or_forbidden);
      }
      auto placement = citizen_placement(db, (*c)->citizen_id);
      if (!placement) return send_error(res, placement.error());
      if (!*placement || !core::access::allowed(caller->principal, Action::ViewForms, **placement)) {
        audit_now(db, {caller->user.id, "read", "case", id, (*c)->citizen_id, "denied"});
        return send_error(res, k_no_such_or_forbidden);
      }
      auto missing = core::records::closing_gaps_of(db, **c);
      if (!missing) return send_error(res, missing.error());
      if (!audit_read(db, {caller->user.id, "read", "case", id, (*c)->citizen_id, "ok"}, res)) return;
      send_json(res, 200, proto::to_json(proto::closing_answer_of(id, *missing)));
    });
  });
}

}  // namespace magtreg::sync
