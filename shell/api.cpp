// Requests and answers of the server's API (see api.hpp). The only file of the app that builds an API
// path (from core/sync/routes.hpp, the table the server's router registers too) or parses an answer's text.
#include "shell/api.hpp"

#include <cctype>
#include <cstdio>

#include "core/sync/routes.hpp"
#include "core/util/json_text.hpp"

namespace magtreg::shell::api {

namespace proto = core::sync;
namespace routes = core::sync::routes;
namespace q = core::sync::routes::query;
using nlohmann::json;

namespace {

// Percent-encoding for query values (department names hold spaces and æ ø å).
std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", c);
      out += b;
    }
  }
  return out;
}

// The route's path with its query parameters, each percent-encoded; an empty value is left out.
std::string with_query(const routes::Route& route,
                       std::initializer_list<std::pair<const char*, std::string>> parameters) {
  std::string out(route.name);
  char separator = '?';
  for (const auto& [name, value] : parameters) {
    if (value.empty()) continue;
    out += separator;
    out += name;
    out += '=';
    out += url_encode(value);
    separator = '&';
  }
  return out;
}

HttpRequest to(const routes::Route& route, std::string path, std::string body, std::string token) {
  return {std::string(route.method), std::move(path), std::move(body), std::move(token)};
}

// The answer's body as JSON, or INVALID_INPUT naming what could not be read.
core::Result<json> body_of(const HttpResponse& r) {
  auto j = core::parse_json(r.body);
  if (!j) return core::Error::make(core::ErrorCode::InvalidInput, "Serverens svar kunne ikke læses.", "");
  return j;
}

template <class T, class Read>
core::Result<T> read(const HttpResponse& r, Read reader) {
  auto j = body_of(r);
  if (!j) return j.error();
  return reader(*j);
}

}  // namespace

// [SECTION] requests
HttpRequest login(const proto::LoginRequest& request) {
  return to(routes::login, std::string(routes::login.name), proto::to_json(request).dump(), "");
}
HttpRequest sso_status() { return to(routes::sso_status, std::string(routes::sso_status.name), "", ""); }
HttpRequest sso_session(const proto::SsoSessionRequest& request) {
  return to(routes::sso_session, std::string(routes::sso_session.name), proto::to_json(request).dump(), "");
}
HttpRequest logout(const std::string& token) { return to(routes::logout, std::string(routes::logout.name), "{}", token); }
HttpRequest changes(const std::string& token, long long after, int limit) {
  return to(routes::changes,
            with_query(routes::changes, {{q::after, std::to_string(after)}, {q::limit, std::to_string(limit)}}), "",
            token);
}
HttpRequest visible_citizens(const std::string& token) {
  return to(routes::visible_citizens, std::string(routes::visible_citizens.name), "", token);
}
HttpRequest form_definitions(const std::string& token, const std::string& have_tag) {
  return to(routes::form_definitions, with_query(routes::form_definitions, {{q::have, have_tag}}), "", token);
}
HttpRequest upload(const std::string& token, const core::client::OutboxEntry& e) {
  return to(routes::upload, routes::expand(routes::upload, {e.kind, e.id}), e.payload, token);
}
HttpRequest record(const std::string& token, std::string_view kind, const std::string& id) {
  return to(routes::record, routes::expand(routes::record, {kind, id}), "", token);
}
HttpRequest work(const std::string& token) { return to(routes::work, std::string(routes::work.name), "", token); }
HttpRequest report_preview(const std::string& token, const std::string& institution_id, const std::string& month,
                           bool moves) {
  return to(routes::report_preview,
            with_query(routes::report_preview,
                       {{q::institution, institution_id}, {q::month, month}, {q::kind, moves ? q::moves : ""}}),
            "", token);
}
HttpRequest reports(const std::string& token, const std::string& month, const std::string& institution_id) {
  return to(routes::reports, with_query(routes::reports, {{q::month, month}, {q::institution, institution_id}}), "",
            token);
}
HttpRequest report(const std::string& token, const std::string& batch_id) {
  return to(routes::report, routes::expand(routes::report, {batch_id}), "", token);
}
HttpRequest closing(const std::string& token, const std::string& case_id) {
  return to(routes::case_closing, routes::expand(routes::case_closing, {case_id}), "", token);
}
HttpRequest stats(const std::string& token, const StatsFilter& f) {
  // An institution narrows the figures more than a department: only one of them is sent.
  return to(routes::stats,
            with_query(routes::stats, {{q::year, std::to_string(f.year)},
                                       {q::quarter, f.quarter ? std::to_string(f.quarter) : ""},
                                       {q::institution, f.institution},
                                       {q::department, f.institution.empty() ? f.department : ""}}),
            "", token);
}
HttpRequest stats_commentary(const std::string& token, int year) {
  return to(routes::commentary, with_query(routes::commentary, {{q::year, std::to_string(year)}}), "", token);
}
HttpRequest save_commentary(const std::string& token, const core::stats::CommentaryUpdate& update) {
  return to(routes::commentary_update, std::string(routes::commentary_update.name),
            core::stats::to_json(update).dump(), token);
}
HttpRequest report_link(const std::string& token, const StatsFilter& f) {
  return to(routes::report_link, std::string(routes::report_link.name), core::stats::to_json(core::stats::ReportLinkRequest{f.year, f.department, f.institution}).dump(), token);
}

std::string report_document_path(const std::string& batch_id, int recipient) {
  return routes::expand(routes::report, {batch_id}, true) + "?" + q::recipient + "=" + std::to_string(recipient);
}
std::string complaint_letter_path(const std::string& citizen_id) {
  return routes::expand(routes::complaint_letter, {citizen_id});
}

// [SECTION] answers
bool ok(const HttpResponse& r) { return r.status >= 200 && r.status < 300; }
bool unreachable(const HttpResponse& r) { return r.status == 0; }

proto::ApiError error_of(const HttpResponse& r, std::string_view what) {
  if (unreachable(r)) {
    proto::ApiError e;
    e.error = core::Error::make(core::ErrorCode::Internal,
                                "Serveren kan ikke nås. " + std::string(what) + " kræver forbindelse – prøv igen, når der er net.");
    return e;
  }
  auto e = proto::api_error_from_body(r.body, std::string(what) + ": serveren svarede med fejl " + std::to_string(r.status) + ".");
  if (r.status == 401 && e.error.code == core::ErrorCode::Internal) e.error.code = core::ErrorCode::Unauthenticated;
  return e;
}

core::Result<proto::SsoStatus> sso_status_answer(const HttpResponse& r) {
  return read<proto::SsoStatus>(r, [](const json& j) { return proto::sso_status_from_json(j); });
}
core::Result<proto::LoginAnswer> login_answer(const HttpResponse& r) {
  return read<proto::LoginAnswer>(r, [](const json& j) { return proto::login_answer_from_json(j); });
}
core::Result<proto::UploadAnswer> upload_answer(const HttpResponse& r) {
  return read<proto::UploadAnswer>(r, [](const json& j) { return proto::upload_answer_from_json(j); });
}
core::Result<proto::ChangesPage> changes_page(const HttpResponse& r) {
  return read<proto::ChangesPage>(r, [](const json& j) { return proto::changes_page_from_json(j); });
}
core::Result<proto::VisibleCitizens> visible_citizens_answer(const HttpResponse& r) {
  return read<proto::VisibleCitizens>(r, [](const json& j) { return proto::visible_citizens_from_json(j); });
}
core::Result<proto::FormDefinitions> form_definitions_answer(const HttpResponse& r) {
  return read<proto::FormDefinitions>(r, [](const json& j) { return proto::form_definitions_from_json(j); });
}
core::Result<proto::RecordEnvelope> record_answer(const HttpResponse& r) {
  return read<proto::RecordEnvelope>(r, [](const json& j) { return proto::record_envelope_from_json(j); });
}
core::Result<proto::WorkList> work_answer(const HttpResponse& r) {
  return read<proto::WorkList>(r, [](const json& j) { return proto::work_list_from_json(j); });
}
core::Result<proto::ReportPreview> report_preview_answer(const HttpResponse& r) {
  return read<proto::ReportPreview>(r, [](const json& j) { return proto::report_preview_from_json(j); });
}
core::Result<proto::ReportList> reports_answer(const HttpResponse& r) {
  return read<proto::ReportList>(r, [](const json& j) { return proto::report_list_from_json(j); });
}
core::Result<proto::ReportDetail> report_answer(const HttpResponse& r) {
  return read<proto::ReportDetail>(r, [](const json& j) { return proto::report_detail_from_json(j); });
}
core::Result<proto::ClosingAnswer> closing_answer(const HttpResponse& r) {
  return read<proto::ClosingAnswer>(r, [](const json& j) { return proto::closing_answer_from_json(j); });
}
core::Result<core::stats::PublishedStatistics> stats_answer(const HttpResponse& r) {
  return read<core::stats::PublishedStatistics>(r, [](const json& j) { return core::stats::published_statistics_from_json(j); });
}
core::Result<core::stats::CommentaryList> commentary_answer(const HttpResponse& r) {
  return read<core::stats::CommentaryList>(r, [](const json& j) { return core::stats::commentary_list_from_json(j); });
}
core::Result<core::stats::PublishedCommentary> saved_commentary_answer(const HttpResponse& r) {
  return read<core::stats::PublishedCommentary>(r, [](const json& j) { return core::stats::saved_commentary_from_json(j); });
}
core::Result<core::stats::ReportLink> report_link_answer(const HttpResponse& r) {
  return read<core::stats::ReportLink>(r, [](const json& j) { return core::stats::report_link_from_json(j); });
}
core::Result<proto::SessionUser> session_user(const json& stored) { return proto::session_user_from_json(stored); }

}  // namespace magtreg::shell::api
