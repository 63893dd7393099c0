// The app's one door to the server's API (issue #13; paths from core/sync/routes.hpp): every request the
// app sends is built here, and every answer is read here through core's protocol types (core/sync/messages*.hpp, core/stats/published).
// The feature clients (shell/clients/) and the sync loop call these and never spell a path or a member.
#pragma once

#include <string>
#include <string_view>

#include "core/client/client_store.hpp"
#include "core/stats/published.hpp"
#include "core/sync/messages.hpp"
#include "core/sync/messages_session.hpp"
#include "core/sync/messages_work.hpp"
#include "core/util/result.hpp"
#include "shell/platform.hpp"

namespace magtreg::shell::api {

// [SECTION] requests
HttpRequest login(const core::sync::LoginRequest& request);
// Single sign-on: whether the server offers it, and the session for the one-time code it sent the app.
HttpRequest sso_status();
HttpRequest sso_session(const core::sync::SsoSessionRequest& request);
HttpRequest logout(const std::string& token);
HttpRequest changes(const std::string& token, long long after, int limit);
HttpRequest visible_citizens(const std::string& token);
HttpRequest form_definitions(const std::string& token, const std::string& have_tag);
// The outbox entry's PUT, its body byte for byte as stored.
HttpRequest upload(const std::string& token, const core::client::OutboxEntry& entry);
HttpRequest record(const std::string& token, std::string_view kind, const std::string& id);
HttpRequest work(const std::string& token);
HttpRequest report_preview(const std::string& token, const std::string& institution_id, const std::string& month,
                           bool moves);
HttpRequest reports(const std::string& token, const std::string& month, const std::string& institution_id);
HttpRequest report(const std::string& token, const std::string& batch_id);
HttpRequest closing(const std::string& token, const std::string& case_id);
struct StatsFilter {
  int year = 0;
  int quarter = 0;  // 0 = the whole year
  std::string department, institution;
  bool operator==(const StatsFilter&) const = default;
};
HttpRequest stats(const std::string& token, const StatsFilter& filter);
HttpRequest stats_commentary(const std::string& token, int year);
HttpRequest save_commentary(const std::string& token, const core::stats::CommentaryUpdate& update);
HttpRequest report_link(const std::string& token, const StatsFilter& filter);

// Printable documents, opened in a new tab with the session token (PlatformRequests::open_document).
std::string report_document_path(const std::string& batch_id, int recipient);
std::string complaint_letter_path(const std::string& citizen_id);

// [SECTION] answers
// 2xx.
bool ok(const HttpResponse& r);
// No answer at all (the network or the server is down).
bool unreachable(const HttpResponse& r);
// The refusal in an answer that is not 2xx; a missing answer or an unreadable body gets a Danish message
// of its own (`what` names what was asked for, e.g. "Opgaverne").
core::sync::ApiError error_of(const HttpResponse& r, std::string_view what);

core::Result<core::sync::SsoStatus> sso_status_answer(const HttpResponse& r);
core::Result<core::sync::LoginAnswer> login_answer(const HttpResponse& r);
core::Result<core::sync::UploadAnswer> upload_answer(const HttpResponse& r);
core::Result<core::sync::ChangesPage> changes_page(const HttpResponse& r);
core::Result<core::sync::VisibleCitizens> visible_citizens_answer(const HttpResponse& r);
core::Result<core::sync::FormDefinitions> form_definitions_answer(const HttpResponse& r);
core::Result<core::sync::RecordEnvelope> record_answer(const HttpResponse& r);
core::Result<core::sync::WorkList> work_answer(const HttpResponse& r);
core::Result<core::sync::ReportPreview> report_preview_answer(const HttpResponse& r);
core::Result<core::sync::ReportList> reports_answer(const HttpResponse& r);
core::Result<core::sync::ReportDetail> report_answer(const HttpResponse& r);
core::Result<core::sync::ClosingAnswer> closing_answer(const HttpResponse& r);
core::Result<core::stats::PublishedStatistics> stats_answer(const HttpResponse& r);
core::Result<core::stats::CommentaryList> commentary_answer(const HttpResponse& r);
core::Result<core::stats::PublishedCommentary> saved_commentary_answer(const HttpResponse& r);
core::Result<core::stats::ReportLink> report_link_answer(const HttpResponse& r);
// A stored session's user object (as the login answer gave it).
core::Result<core::sync::SessionUser> session_user(const nlohmann::json& stored);

}  // namespace magtreg::shell::api
