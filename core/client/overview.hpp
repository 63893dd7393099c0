// The citizen overview's grouping, mirroring "Magtanvendelse Socialområdet": acute registrations,
// pre-approved registrations under each downloaded decision (with whether it is in force), drafts,
// other forms, the Skema 1 a/1 b that can get a Bilag 1 (daily lines, 2020 set), the registrations that
// still need their Bilag til § 136 c, and the deadlines.
// A pure function over the records the tablet holds, so it is tested without a screen.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/forms/catalogue.hpp"
#include "core/model/case.hpp"
#include "core/model/citizen.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "core/time/local_date_time.hpp"

namespace magtreg::core::client {

struct ApprovalGroup {
  std::size_t decision = 0;          // index into the decisions given
  bool in_force = false;             // granted and today within valid_from..valid_to
  std::vector<std::size_t> forms;    // indexes into the forms given, oldest first
};

struct OverviewDeadline {
  time::LocalDateTime due;           // Copenhagen wall clock
  std::string text;                  // Danish: what is due
  std::string form_id;               // the form concerned, when there is one
  bool overdue = false;
};

struct CitizenOverview {
  std::vector<std::size_t> drafts;   // Kladde, not under a pre-approval
  std::vector<std::size_t> acute;    // registrations past Kladde not under a pre-approval
  std::vector<std::size_t> other;    // anything else not under a pre-approval (moves, applications)
  std::vector<ApprovalGroup> approvals;   // in force first, then newest period first
  std::vector<std::size_t> bilag1_parents;  // 2020 Skema 1 a/1 b on a pre-approvable basis without a Bilag 1 yet
  // Registrations whose required annex (the Bilag til § 136 c) is not made yet: the form's index and the annex.
  std::vector<std::pair<std::size_t, const forms::FormMeta*>> annexes_missing;
  std::vector<OverviewDeadline> deadlines;  // soonest first
};

// A form is under decision D when it is on D's case, names D in its content ("approval_id"), is attached
// (parent_id) to a form under D, or is a registration on D's basis whose intervention day lies in D's
// granted period. `citizen` is the forms' and decisions' citizen (who must be told of a decision); `now`
// is the Copenhagen wall clock (deadlines and "in force").
CitizenOverview citizen_overview(const std::vector<model::FormInstance>& forms,
                                 const std::vector<model::Decision>& decisions, const model::Citizen& citizen,
                                 const time::LocalDateTime& now);

// The annex a registration must have (rules::required_attachment_of, on its basis and intervention day: the
// Bilag til § 136 c of a Skema 1 on § 136 c; issue 14 item 15) and the live one among `citizen_forms` attached
// to it, if any. nullopt when the form needs none. The overview offers a missing one; the form screen offers
// to make or open it beside ATTACHMENT_MISSING.
struct AnnexOf {
  const forms::FormMeta* annex = nullptr;
  const model::FormInstance* existing = nullptr;
};
std::optional<AnnexOf> annex_of(const model::FormInstance& form, const std::vector<model::FormInstance>& citizen_forms);

// The basis label and period of a decision in Danish, e.g. "§ 128 · 01.02.2024 – 31.07.2024 · bevilget".
std::string decision_summary(const model::Decision& d);

// When the registration was made and, where it differs by more than a few minutes (a form filled offline
// and synced later), when the server received it, in Danish: "Registreret 02.12.2026 kl. 14:03 på
// tabletten · modtaget af serveren 05.12.2026 kl. 08:10". Both are UTC instants; empty when the form has
// no registration time.
std::string registration_times_text(const std::optional<std::string>& registered_at,
                                    const std::optional<std::string>& received_at);

// Whether `d` is in force on `day`: granted, `day` within its period, and made known by then to all who
// must know it (rules::approval_problem). The one test of "in force" the overview's groups, its
// registrations under a decision and the offer of a new registration under it use.
bool decision_in_force_on(const model::Decision& d, const model::Citizen& citizen, const time::Date& day);

// For a decided decision not yet made known to all who must know it, in Danish, e.g. "ikke meddelt
// leder og sagsbehandler"; empty when all have been told (or it is pending).
std::string decision_notice_gap(const model::Decision& d, const model::Citizen& citizen);

}  // namespace magtreg::core::client
