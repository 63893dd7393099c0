// The report client.
#include "shell/clients/report_client.hpp"

#include <algorithm>

#include "core/access/policy.hpp"
#include "core/time/format.hpp"
#include "core/time/local_date_time.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"
#include "core/workflow/reporting.hpp"
#include "shell/api.hpp"

namespace magtreg::shell {

namespace wf = core::workflow;

namespace {
// "marts 2025", or for a quarterly move report "1. kvartal 2025".
std::string month_text(const std::string& month, bool moves) {
  auto m = wf::parse_month(month);
  if (!m) return month;
  return moves ? wf::format_quarter(*m) : core::time::format_danish_month(m->year, m->month);
}

bool reviews_reports(const ClientContext& ctx) {
  return core::access::scope_of(ctx.session.user.user.role, core::access::Action::ReviewReport) !=
         core::access::Scope::None;
}

std::string form_label(const core::sync::FormSummary& f) {
  std::string label = f.short_title;
  if (f.started_at)
    if (auto t = core::time::parse_local_date_time(*f.started_at)) label += " – " + core::time::format_danish(*t);
  return label;
}
}  // namespace

void ReportClient::open(ClientContext& ctx, const ReportRequest& request) {
  const auto version = m_state.version;
  m_state = ReportState{};
  m_state.version = version + 1;
  m_batch_cases.clear();
  m_state.open_batch = request.batch_id;
  m_state.report_moves = request.moves;
  if (!request.batch_id.empty()) return load_batch(ctx, request.batch_id);
  m_state.report_institution = request.institution_id;
  const auto& own = ctx.session.user.institutions;
  if (m_state.report_institution.empty() && !own.empty()) m_state.report_institution = own.front().id;
  m_state.report_month = request.month;
  if (m_state.report_month.empty() && ctx.platform.today.size() >= 7) {
    // The last month (or, for moves, the last quarter) that is over.
    if (auto m = wf::parse_month(ctx.platform.today.substr(0, 7)))
      m_state.report_month = wf::format_month(request.moves ? wf::last_complete_quarter(*m) : wf::previous_month(*m));
  }
  if (auto m = wf::parse_month(m_state.report_month); m && request.moves)
    m_state.report_month = wf::format_month(wf::quarter_end_of(*m));
  m_state.report_month_text = month_text(m_state.report_month, request.moves);
  load(ctx);
}

void ReportClient::load(ClientContext& ctx) {
  const std::string inst = m_state.report_institution, month = m_state.report_month;
  if (m_state.report_moves || !reviews_reports(ctx)) {
    m_exchanges.send(ctx, api::report_preview(ctx.session.token, inst, month, m_state.report_moves),
                     "Henter indberetningen …", m_state.status, "Indberetningen", [this](ClientContext&, const HttpResponse& r) {
                       auto p = api::report_preview_answer(r);
                       if (!p) return;
                       m_state.report_institution_name = p->institution_name;
                       m_state.report_month_text = p->month_text;
                       m_state.report_due_text = p->due_text;
                       m_state.report_forms = std::move(p->forms);
                       m_state.report_recipients = std::move(p->recipients);
                       m_state.report_preview_loaded = true;
                     });
  }
  m_exchanges.send(ctx, api::reports(ctx.session.token, month, inst), "Henter indberetninger …", m_state.status,
                   "Indberetningerne", [this](ClientContext& ctx, const HttpResponse& r) {
                     auto list = api::reports_answer(r);
                     if (!list) return;
                     m_state.batches = std::move(list->reports);
                     if (m_state.report_institution_name.empty())
                       for (const auto& b : m_state.batches) m_state.report_institution_name = b.institution_name;
                     load_reviews(ctx);
                   });
}

void ReportClient::load_batch(ClientContext& ctx, const std::string& id) {
  m_exchanges.send(ctx, api::report(ctx.session.token, id), "Henter indberetningen …", m_state.status,
                   "Indberetningen", [this](ClientContext& ctx, const HttpResponse& r) {
                     auto d = api::report_answer(r);
                     if (!d) return;
                     m_state.batch_forms = d->forms;
                     m_batch_cases.assign(m_state.batch_forms.size(), "");
                     m_state.report_institution = d->batch.institution_id;
                     m_state.report_month = d->batch.month;
                     m_state.report_institution_name = d->institution_name;
                     m_state.report_moves = d->moves;
                     m_state.report_month_text = month_text(m_state.report_month, m_state.report_moves);
                     // The committee reviews each case: the form's case from the tablet, or the server.
                     if (reviews_reports(ctx))
                       for (std::size_t i = 0; i < m_state.batch_forms.size(); ++i)
                         load_record<core::model::FormInstance>(
                             ctx, m_exchanges, m_state.status, m_state.batch_forms[i].id, "Henter sagerne …",
                             [this, i](ClientContext& ctx, std::optional<core::model::FormInstance> f) {
                               if (f && i < m_batch_cases.size()) m_batch_cases[i] = f->case_id;
                               load_reviews(ctx);
                             });
                     load(ctx);
                   });
}

// The committee reviews each case of the opened batch: the review notes from the tablet (notes are never
// purged).
void ReportClient::load_reviews(ClientContext& ctx) {
  m_state.reviews.clear();
  const core::sync::ReportListEntry* batch = nullptr;
  for (const auto& b : m_state.batches)
    if (b.batch.id == m_state.open_batch) batch = &b;
  if (batch == nullptr) return;
  for (std::size_t i = 0; i < m_state.batch_forms.size() && i < m_batch_cases.size(); ++i) {
    const auto& form = m_state.batch_forms[i];
    const std::string& case_id = m_batch_cases[i];
    if (case_id.empty()) continue;
    auto it = std::find_if(m_state.reviews.begin(), m_state.reviews.end(),
                           [&](const CaseReview& c) { return c.case_id == case_id; });
    if (it == m_state.reviews.end()) {
      CaseReview c{case_id, form.citizen_id, form.citizen_name, {}, std::nullopt};
      if (auto notes = ctx.store.notes_of(form.citizen_id))
        for (const auto& n : *notes)
          if (n.case_id == std::optional<std::string>(case_id) && n.kind == core::model::k_note_kind_committee_review &&
              n.at >= batch->batch.created_at)
            c.note = n;
      m_state.reviews.push_back(std::move(c));
      it = m_state.reviews.end() - 1;
    }
    it->forms.push_back(form_label(form));
  }
  ++m_state.version;
}

void ReportClient::create(ClientContext& ctx) {
  m_state.status.notice.clear();
  core::model::ReportBatch b;
  b.id = core::new_uuid();
  b.institution_id = m_state.report_institution;
  b.month = m_state.report_month;
  for (const auto& r : m_state.report_recipients) b.recipients.push_back({r.kind, r.name, std::nullopt});
  for (const auto& f : m_state.report_forms) b.form_ids.push_back(f.id);
  b.created_by = ctx.session.user.user.id;
  b.created_at = core::time::utc_now_text();
  if (b.form_ids.empty()) {
    m_state.status.error = action_error_of(core::Error::make(
        core::ErrorCode::InvalidInput, m_state.report_moves ? "Der er ingen låste flytninger at indberette."
                                                            : "Der er ingen låste registreringer at indberette."));
  } else {
    save_record(ctx, b, "Indberetningen er oprettet. Udskriv den til hver modtager, og markér den som sendt.",
                m_state.status, m_pending);
  }
  ++m_state.version;
}

void ReportClient::mark_sent(ClientContext& ctx, const std::string& batch_id, int recipient) {
  m_state.status.notice.clear();
  for (const auto& entry : m_state.batches) {
    if (entry.batch.id != batch_id) continue;
    if (recipient < 0 || static_cast<std::size_t>(recipient) >= entry.batch.recipients.size()) break;
    // The server's copy as listed is what the mark builds on (the tablet may not have downloaded it yet).
    (void)ctx.store.apply_records({core::sync::envelope_of(entry.batch)});
    auto b = entry.batch;
    b.recipients[static_cast<std::size_t>(recipient)].sent_at = core::time::utc_now_text();
    save_record(ctx, b, "Markeret som sendt til " + b.recipients[static_cast<std::size_t>(recipient)].name + ".",
                m_state.status, m_pending);
  }
  ++m_state.version;
}

bool ReportClient::tick(ClientContext& ctx) {
  if (!m_exchanges.deliver(ctx, m_state.status)) return false;
  ++m_state.version;
  return true;
}

void ReportClient::refresh_local(ClientContext& ctx) {
  if (follow_write(ctx.store, m_pending, m_state.status)) {
    ++m_state.version;
    if (m_state.open_batch.empty() && !m_state.report_month.empty()) load(ctx);
  }
  if (!m_state.open_batch.empty()) load_reviews(ctx);
}

}  // namespace magtreg::shell
