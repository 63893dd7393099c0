// The synced record kinds in one place (issue #13): each kind's wire name, model type, JSON reader, the
// citizen it belongs to and whether a user uploads it. Every dispatch on a kind's name — the upload
// route, record reads, the change feed, the tablet's download and acknowledgements, the purge — goes
// through for_kind()/for_each_kind(), so a new kind is one entry here (plus its table in storage).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

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
#include "core/util/result.hpp"

namespace magtreg::core::records {

// Whose tablets the change feed sends a record to: the institution named on the record itself (citizens,
// forms, report batches), the institution of the record's citizen, or that of the record's form (form events).
enum class FeedScope { OwnInstitution, CitizensInstitution, FormsInstitution };

template <class T>
struct Kind;

// [SECTION] the entries
// name: on the wire, in the outbox, in receipts and audit rows. table: the SQL table (storage).
// uploaded: a user writes it (PUT /api/v1/records/{name}/{id}); the others are written by the server.
// per_citizen: its table has a citizen_id column (the tablet removes these with a citizen it drops).
// citizen_of: the citizen whose data it is; empty for institution-level records (report batches).
// feed: whose tablets the change feed sends it to (storage/change_feed builds its query from these entries).
template <>
struct Kind<model::Citizen> {
  static constexpr std::string_view name = "citizen", table = "citizens";
  static constexpr bool uploaded = false;
  static constexpr bool per_citizen = false;
  static constexpr FeedScope feed = FeedScope::OwnInstitution;
  static Result<model::Citizen> parse(const nlohmann::json& j) { return model::citizen_from_json(j); }
  static std::string citizen_of(const model::Citizen& r) { return r.id; }
};
template <>
struct Kind<model::BaseCourse> {
  static constexpr std::string_view name = "base_course", table = "base_courses";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::BaseCourse> parse(const nlohmann::json& j) { return model::base_course_from_json(j); }
  static std::string citizen_of(const model::BaseCourse& r) { return r.citizen_id; }
};
template <>
struct Kind<model::Case> {
  static constexpr std::string_view name = "case", table = "cases";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Case> parse(const nlohmann::json& j) { return model::case_from_json(j); }
  static std::string citizen_of(const model::Case& r) { return r.citizen_id; }
};
template <>
struct Kind<model::FormInstance> {
  static constexpr std::string_view name = "form", table = "form_instances";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::OwnInstitution;
  static Result<model::FormInstance> parse(const nlohmann::json& j) { return model::form_instance_from_json(j); }
  static std::string citizen_of(const model::FormInstance& r) { return r.citizen_id; }
};
template <>
struct Kind<model::FormEvent> {
  static constexpr std::string_view name = "form_event", table = "form_events";
  static constexpr bool uploaded = false;
  static constexpr bool per_citizen = false;
  static constexpr FeedScope feed = FeedScope::FormsInstitution;
  static Result<model::FormEvent> parse(const nlohmann::json& j) { return model::form_event_from_json(j); }
  static std::string citizen_of(const model::FormEvent&) { return {}; }
};
template <>
struct Kind<model::Decision> {
  static constexpr std::string_view name = "decision", table = "decisions";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Decision> parse(const nlohmann::json& j) { return model::decision_from_json(j); }
  static std::string citizen_of(const model::Decision& r) { return r.citizen_id; }
};
template <>
struct Kind<model::Complaint> {
  static constexpr std::string_view name = "complaint", table = "complaints";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Complaint> parse(const nlohmann::json& j) { return model::complaint_from_json(j); }
  static std::string citizen_of(const model::Complaint& r) { return r.citizen_id; }
};
template <>
struct Kind<model::Note> {
  static constexpr std::string_view name = "note", table = "notes";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Note> parse(const nlohmann::json& j) { return model::note_from_json(j); }
  static std::string citizen_of(const model::Note& r) { return r.citizen_id; }
};
template <>
struct Kind<model::ActionPlan> {
  static constexpr std::string_view name = "action_plan", table = "action_plans";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::ActionPlan> parse(const nlohmann::json& j) { return model::action_plan_from_json(j); }
  static std::string citizen_of(const model::ActionPlan& r) { return r.citizen_id; }
};
template <>
struct Kind<model::MoveRecommendation> {
  static constexpr std::string_view name = "move_recommendation", table = "move_recommendations";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::MoveRecommendation> parse(const nlohmann::json& j) {
    return model::move_recommendation_from_json(j);
  }
  static std::string citizen_of(const model::MoveRecommendation& r) { return r.citizen_id; }
};
template <>
struct Kind<model::ReportBatch> {
  static constexpr std::string_view name = "report_batch", table = "report_batches";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = false;
  static constexpr FeedScope feed = FeedScope::OwnInstitution;
  static Result<model::ReportBatch> parse(const nlohmann::json& j) { return model::report_batch_from_json(j); }
  static std::string citizen_of(const model::ReportBatch&) { return {}; }
};

template <class... Ts>
struct KindList {};
// Every kind.
using AllKinds = KindList<model::Citizen, model::BaseCourse, model::Case, model::FormInstance, model::FormEvent,
                          model::Decision, model::Complaint, model::Note, model::ActionPlan, model::ReportBatch,
                          model::MoveRecommendation>;

// [SECTION] dispatch
// Calls f(std::type_identity<T>{}) for every kind.
template <class F, class... Ts>
void for_each_in(KindList<Ts...>, F&& f) {
  (f(std::type_identity<Ts>{}), ...);
}
template <class F>
void for_each_kind(F&& f) {
  for_each_in(AllKinds{}, f);
}

// Calls f(std::type_identity<T>{}) for the kind named `name` and returns true; false for an unknown name.
template <class F>
bool for_kind(std::string_view name, F&& f) {
  bool found = false;
  for_each_kind([&](auto tag) {
    using T = typename decltype(tag)::type;
    if (!found && Kind<T>::name == name) {
      found = true;
      f(tag);
    }
  });
  return found;
}

// Whether `name` is a kind users upload.
bool is_uploaded_kind(std::string_view name);

// The model type's kind name, e.g. kind_name<model::Case>() == "case".
template <class T>
constexpr std::string_view kind_name() {
  return Kind<T>::name;
}

}  // namespace magtreg::core::records
