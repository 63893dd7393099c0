// The synced record kinds in one place (issue #13): each kind's wire name, model type, JSON reader, the
// citizen it belongs to and whether a user uploads it. Every dispatch on a kind's name — the upload
// route, record reads, the change feed, the tablet's download and acknowledgements, the purge — goes
// through for_kind()/for_each_kind(), so a new kind is one entry here (plus its table in storage).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <concepts>
#include <cstddef>
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
// label: the kind in Danish, as the outbox and the app's lists name it.
// uploaded: a user writes it (PUT /api/v1/records/{name}/{id}); the others are written by the server.
// per_citizen: its table has a citizen_id column (the tablet removes these with a citizen it drops).
// citizen_of: the citizen whose data it is; empty for institution-level records (report batches).
// feed: whose tablets the change feed sends it to (storage/change_feed builds its query from these entries).
template <>
struct Kind<model::Citizen> {
  static constexpr std::string_view name = "citizen", table = "citizens";
  static constexpr std::string_view label = "Borger";  // Danish, as the app names it
  static constexpr bool uploaded = false;
  static constexpr bool per_citizen = false;
  static constexpr FeedScope feed = FeedScope::OwnInstitution;
  static Result<model::Citizen> parse(const nlohmann::json& j) { return model::citizen_from_json(j); }
  static std::string citizen_of(const model::Citizen& r) { return r.id; }
};
template <>
struct Kind<model::BaseCourse> {
  static constexpr std::string_view name = "base_course", table = "base_courses";
  static constexpr std::string_view label = "Grundforløb";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::BaseCourse> parse(const nlohmann::json& j) { return model::base_course_from_json(j); }
  static std::string citizen_of(const model::BaseCourse& r) { return r.citizen_id; }
};
template <>
struct Kind<model::Case> {
  static constexpr std::string_view name = "case", table = "cases";
  static constexpr std::string_view label = "Sag";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Case> parse(const nlohmann::json& j) { return model::case_from_json(j); }
  static std::string citizen_of(const model::Case& r) { return r.citizen_id; }
};
template <>
struct Kind<model::FormInstance> {
  static constexpr std::string_view name = "form", table = "form_instances";
  static constexpr std::string_view label = "Skema";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::OwnInstitution;
  static Result<model::FormInstance> parse(const nlohmann::json& j) { return model::form_instance_from_json(j); }
  static std::string citizen_of(const model::FormInstance& r) { return r.citizen_id; }
};
template <>
struct Kind<model::FormEvent> {
  static constexpr std::string_view name = "form_event", table = "form_events";
  static constexpr std::string_view label = "Skemahændelse";  // Danish, as the app names it
  static constexpr bool uploaded = false;
  static constexpr bool per_citizen = false;
  static constexpr FeedScope feed = FeedScope::FormsInstitution;
  static Result<model::FormEvent> parse(const nlohmann::json& j) { return model::form_event_from_json(j); }
  static std::string citizen_of(const model::FormEvent&) { return {}; }
};
template <>
struct Kind<model::Decision> {
  static constexpr std::string_view name = "decision", table = "decisions";
  static constexpr std::string_view label = "Afgørelse";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Decision> parse(const nlohmann::json& j) { return model::decision_from_json(j); }
  static std::string citizen_of(const model::Decision& r) { return r.citizen_id; }
};
template <>
struct Kind<model::Complaint> {
  static constexpr std::string_view name = "complaint", table = "complaints";
  static constexpr std::string_view label = "Klage";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Complaint> parse(const nlohmann::json& j) { return model::complaint_from_json(j); }
  static std::string citizen_of(const model::Complaint& r) { return r.citizen_id; }
};
template <>
struct Kind<model::Note> {
  static constexpr std::string_view name = "note", table = "notes";
  static constexpr std::string_view label = "Notat";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Note> parse(const nlohmann::json& j) { return model::note_from_json(j); }
  static std::string citizen_of(const model::Note& r) { return r.citizen_id; }
};
template <>
struct Kind<model::ActionPlan> {
  static constexpr std::string_view name = "action_plan", table = "action_plans";
  static constexpr std::string_view label = "Handleplan";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::ActionPlan> parse(const nlohmann::json& j) { return model::action_plan_from_json(j); }
  static std::string citizen_of(const model::ActionPlan& r) { return r.citizen_id; }
};
template <>
struct Kind<model::MoveRecommendation> {
  static constexpr std::string_view name = "move_recommendation", table = "move_recommendations";
  static constexpr std::string_view label = "Indstilling til Familieretshuset";  // Danish, as the app names it
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
  static constexpr std::string_view label = "Indberetning";  // Danish, as the app names it
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = false;
  static constexpr FeedScope feed = FeedScope::OwnInstitution;
  static Result<model::ReportBatch> parse(const nlohmann::json& j) { return model::report_batch_from_json(j); }
  static std::string citizen_of(const model::ReportBatch&) { return {}; }
};

#ifdef MAGTREG_THROWAWAY_KIND
}  // namespace magtreg::core::records
// Only in tests/core/kind_registry.sh: a kind with its model and its entry and nothing else, to show that
// the build names each part it still lacks.
namespace magtreg::core::model {
struct Throwaway {
  std::string id, citizen_id;
  SyncMeta sync;
  bool operator==(const Throwaway&) const = default;
};
inline nlohmann::json to_json(const Throwaway& t) { return {{"id", t.id}, {"citizen_id", t.citizen_id}}; }
}  // namespace magtreg::core::model
namespace magtreg::core::records {
template <>
struct Kind<model::Throwaway> {
  static constexpr std::string_view name = "throwaway", table = "throwaways";
  static constexpr std::string_view label = "Engangsart";
  static constexpr bool uploaded = true;
  static constexpr bool per_citizen = true;
  static constexpr FeedScope feed = FeedScope::CitizensInstitution;
  static Result<model::Throwaway> parse(const nlohmann::json&) { return model::Throwaway{}; }
  static std::string citizen_of(const model::Throwaway& r) { return r.citizen_id; }
};
#endif

template <class... Ts>
struct KindList {};

// [SECTION] the list
// Every kind, once. Adding a kind is: its model, its entry above, a line here (and in the uploaded list
// when users write it), its storage::Table<T> columns and migration, and, when uploaded, its Rules<T> in
// accept.cpp. Everything that handles all kinds — the repositories, the acceptance, the tablet's store and
// lists, the change feed, the labels — is instantiated from these lists, and the static_asserts in
// record_repository.cpp and accept.cpp name a part that is missing (tests/core/kind_registry.sh proves it
// with a throwaway kind).
#ifdef MAGTREG_THROWAWAY_KIND
#define MAGTREG_THROWAWAY_ENTRY(X) X(model::Throwaway)
#else
#define MAGTREG_THROWAWAY_ENTRY(X)
#endif
#define MAGTREG_UPLOADED_RECORD_KINDS(X)                                                                   \
  X(model::BaseCourse) X(model::Case) X(model::FormInstance) X(model::Decision) X(model::Complaint)         \
  X(model::Note) X(model::ActionPlan) X(model::ReportBatch) X(model::MoveRecommendation)                   \
  MAGTREG_THROWAWAY_ENTRY(X)
#define MAGTREG_RECORD_KINDS(X) X(model::Citizen) X(model::FormEvent) MAGTREG_UPLOADED_RECORD_KINDS(X)

#define MAGTREG_KIND_LIST_ENTRY(T) , T
template <class Ignored, class... Ts>
using KindListAfter = KindList<Ts...>;
// Every kind.
using AllKinds = KindListAfter<void MAGTREG_RECORD_KINDS(MAGTREG_KIND_LIST_ENTRY)>;
// The kinds users upload.
using UploadedKinds = KindListAfter<void MAGTREG_UPLOADED_RECORD_KINDS(MAGTREG_KIND_LIST_ENTRY)>;
#undef MAGTREG_KIND_LIST_ENTRY

// A kind's entry has every member the code above and the dispatch below rely on.
template <class T>
concept KindEntry = requires(const T& record, const nlohmann::json& j) {
  { Kind<T>::name } -> std::convertible_to<std::string_view>;
  { Kind<T>::table } -> std::convertible_to<std::string_view>;
  { Kind<T>::label } -> std::convertible_to<std::string_view>;
  { Kind<T>::uploaded } -> std::convertible_to<bool>;
  { Kind<T>::per_citizen } -> std::convertible_to<bool>;
  { Kind<T>::feed } -> std::convertible_to<FeedScope>;
  { Kind<T>::parse(j) } -> std::same_as<Result<T>>;
  { Kind<T>::citizen_of(record) } -> std::same_as<std::string>;
};
template <class... Ts>
constexpr bool entries_complete(KindList<Ts...>) {
  return (KindEntry<Ts> && ...);
}
static_assert(entries_complete(AllKinds{}), "a record kind in MAGTREG_RECORD_KINDS lacks its records::Kind<T> entry or a member of it");
template <class... Ts>
constexpr bool uploaded_as_listed(KindList<Ts...>) {
  return (Kind<Ts>::uploaded && ...);
}
static_assert(uploaded_as_listed(UploadedKinds{}), "a kind in MAGTREG_UPLOADED_RECORD_KINDS says uploaded = false");
template <class... Ts>
constexpr std::size_t uploaded_count(KindList<Ts...>) {
  return (std::size_t{Kind<Ts>::uploaded} + ... + 0);
}
template <class... Ts>
constexpr std::size_t count_of(KindList<Ts...>) {
  return sizeof...(Ts);
}
static_assert(uploaded_count(AllKinds{}) == count_of(UploadedKinds{}),
              "a kind with uploaded = true is missing from MAGTREG_UPLOADED_RECORD_KINDS");

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
// The kind in Danish (Kind<T>::label), e.g. "form" -> "Skema"; an unknown name as it is.
std::string kind_label(std::string_view name);

// The model type's kind name, e.g. kind_name<model::Case>() == "case".
template <class T>
constexpr std::string_view kind_name() {
  return Kind<T>::name;
}

}  // namespace magtreg::core::records
