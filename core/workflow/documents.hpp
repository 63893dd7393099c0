// Printable documents (HTML with print CSS, A4): the monthly report for one recipient with the forms in
// the official order and wording of their definitions, and the letter on the right to complain
// ("skrivelse vedr. klageadgang"). Everything user-entered is HTML-escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/action_plan.hpp"
#include "core/model/case.hpp"
#include "core/model/citizen.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/move_recommendation.hpp"
#include "core/model/note.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/report_batch.hpp"
#include "core/util/html.hpp"
#include "core/workflow/reporting.hpp"

namespace magtreg::core::forms {
class Catalogue;
struct FormDefinition;
}  // namespace magtreg::core::forms

namespace magtreg::core::workflow {

// The <style> every document carries (the server's Content-Security-Policy allows it by its hash).
std::string_view document_style();

// One field's stored value as Danish text ("Ja"/"Nej", dd.mm.åååå, option labels, § labels, ...);
// empty when there is none.
std::string value_text(const forms::FormDefinition& def, std::string_view field_id, const nlohmann::json& content);

// The form as an HTML fragment: its title, definition version and state, then every section and
// every visible field with its label, in the definition's order.
std::string form_html(const forms::FormDefinition& def, const model::FormInstance& form,
                      const std::vector<model::Citizen>& citizens);

// The whole document for `recipient` (an index into batch.recipients): a cover page (institution,
// month, recipient, list of forms), then each form the recipient receives (report_recipients decides
// which), one per page. `forms` holds at least the batch's forms. Empty when `recipient` is out of range.
std::string report_document_html(const ReportingUnit& unit, const model::ReportBatch& batch, std::size_t recipient,
                                 const std::vector<model::FormInstance>& forms,
                                 const std::vector<model::Citizen>& citizens, const forms::Catalogue& catalogue);

// The letter on the right to complain about use of force, filled with the citizen's data; `today` is
// the Copenhagen day ("YYYY-MM-DD") printed on it. The complaint goes to the citizen's handlekommune
// (seed 002), which may be another municipality than the institution's; the institution's when the
// citizen has none recorded.
std::string complaint_letter_html(const model::Citizen& citizen, const ReportingUnit& unit, std::string_view today);

// [SECTION] a citizen's insight (GDPR art. 15; issue #20)
// One access to the citizen's data, as the audit log holds it.
struct AccessEvent {
  std::string at;           // UTC instant
  std::string who;          // "mette (Medarbejder)", "kommandolinjen"
  std::string action;       // the audit action: read, write, download, list, print, ...
  std::string object_kind;  // citizen, form, decision, ...
  std::string outcome;      // ok, denied, refused, ...
};

// Everything the server holds about one citizen, and who has read or changed it.
struct InsightRecords {
  model::Citizen citizen;
  std::string institution_name;
  std::string municipality_name;
  std::vector<model::Case> cases;
  std::vector<model::FormInstance> forms;
  std::vector<model::Decision> decisions;
  std::vector<model::Complaint> complaints;
  std::vector<model::Note> notes;
  std::vector<model::ActionPlan> action_plans;
  std::vector<model::MoveRecommendation> recommendations;  // to Familieretshuset, and refusals to recommend
  std::vector<AccessEvent> access;
  std::string chain;  // the audit log's state, one Danish sentence
};

// The citizen's insight document (databeskyttelsesforordningens art. 15): what is held and why, where it
// is sent, how long it is kept, the citizen's rights, every record in full (forms in their definitions'
// wording), and every access in the audit log. `today` is the Copenhagen day "YYYY-MM-DD".
std::string insight_document_html(const InsightRecords& records, const forms::Catalogue& catalogue,
                                  std::string_view today);

}  // namespace magtreg::core::workflow
