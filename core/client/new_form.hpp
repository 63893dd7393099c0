// A new form made on the tablet: the case it goes on (core/cases) and what the tablet already knows,
// filled in. Pure, so the placement is tested without a screen; the caller stores the plan in one
// transaction (ClientStore::save_new_form).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cases/cases.hpp"
#include "core/forms/form_definition.hpp"
#include "core/model/base_course.hpp"
#include "core/model/case.hpp"
#include "core/model/form_instance.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::client {

struct NewFormPlan {
  std::optional<model::BaseCourse> new_base_course;  // store first when set (first need)
  std::optional<model::Case> new_case;               // store before the form when set
  model::FormInstance form;                          // a Kladde on its case
};

// The ids and names the caller supplies (new_uuid(), utc_now_text(), the logged-in user).
struct NewFormContext {
  std::string form_id;        // UUID of the new form
  cases::NewCase new_case;    // used only when the form opens a case
  std::string created_by;     // user UUID
  std::string offer_name;     // the citizen's institution as the user knows it; "" when unknown
  std::string author_name;    // the logged-in user's name: the first of the staff involved; "" when unknown
  // The day of the intervention the user chose before opening a registration ("YYYY-MM-DD"; "" = none):
  // the date of its start, the time left to the user (issue 30 item 6). Ignored by other kinds of form.
  std::string intervention_day;
};

// A new form on `def` for the citizen, on the case its kind calls for (core/cases):
//  - a registration or pre-approved registration without `decision_id`: a new single case
//    (enkeltsagsprincip), even when the citizen has other open cases;
//  - with `decision_id`: the case of that granted decision of the citizen (cases::place_registration;
//    NOT_FOUND / INVALID_INPUT in Danish otherwise), with the decision's basis, reference and period
//    filled into the fields the form has for them ("under a decision" answered yes);
//  - an application (Skema 3): a new approval case, which its decision will join;
//  - a move without consent (Skema 2 2020 / Skema 4): a case of its own, its basis, § 129 stk., the days of the
//    recommendation and of Familieretshuset's decision filled in from the newest recommendation
//    Familieretshuset granted (file.recommendations).
// Forms that belong to another (Bilag 1, the children's supplement) need plan_attached_form: INVALID_INPUT.
Result<NewFormPlan> plan_form(const cases::CitizenFile& file, const forms::FormDefinition& def,
                              const std::optional<std::string>& decision_id, const NewFormContext& context);

// A form attached to `parent` on the parent's case, which must be the citizen's and open:
//  - Bilag 1 to its Skema 1 a/1 b: the basis, the period's first day, the first registration and the granted
//    decision on that basis in force on that day (when the tablet holds one) are filled in from the parent;
//  - an annex (the Bilag til § 136 c of a Skema 1 on § 136 c; rules::check_attachment_parent, with the
//    citizen's forms `citizen_forms` for "one per registration"): the staff's answers it shares with the
//    parent are copied from it (issue 14 item 15).
Result<NewFormPlan> plan_attached_form(const cases::CitizenFile& file, const forms::FormDefinition& def,
                                       const model::FormInstance& parent, const NewFormContext& context,
                                       const std::vector<model::FormInstance>& citizen_forms);

// The staff's answers an annex shares with its registration (the fields of the annex's staff part the
// parent has answered: people, time, place, basis, hygiene situation, the principles), copied from it to be
// read and adjusted. What a new annex on the tablet and the demo's annexes begin with.
nlohmann::json annex_answers_from(const forms::FormDefinition& annex, const model::FormInstance& parent);

// The leader who completes a form is its leader (issue 30 item 6): `content` with `leader_name` set to
// `leader` when the form has that field in its leader part and it is still empty; unchanged otherwise.
nlohmann::json with_leader_prefilled(const forms::FormDefinition& def, nlohmann::json content, const std::string& leader);

}  // namespace magtreg::core::client
