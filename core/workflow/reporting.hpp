// The leader's monthly report (indberetning, DOMAIN.md "Reporting"): which locked forms of an
// institution belong in a month's report, their official order, and who receives which forms.
// Pure functions: the server checks an uploaded report batch with them and the app previews with them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/citizen.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/institution.hpp"
#include "core/model/municipality.hpp"
#include "core/model/report_batch.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::forms {
class Catalogue;
}

namespace magtreg::core::workflow {

struct Month {
  int year = 0;
  int month = 0;  // 1..12
  bool operator==(const Month&) const = default;
  auto operator<=>(const Month&) const = default;
};
// "2025-03" -> {2025, 3}; INVALID_INPUT naming `field` otherwise.
Result<Month> parse_month(std::string_view text, std::string_view field = "month");
std::string format_month(const Month& m);  // "2025-03"
// "2025-03" -> "marts 2025", as people read a month; other text unchanged.
std::string month_label(std::string_view text);
Month previous_month(const Month& m);

// Whether the form is reported in the monthly report: locked registrations, combined registrations,
// Bilag 1 and the Bilag til § 136 c with its Skema 1 (everything but applications, moves — reported
// quarterly by the administration — and the children's internal supplement). Unknown form ids count as
// monthly (never silently left out).
bool reported_monthly(const model::FormInstance& form, const forms::Catalogue& catalogue);
// Moves without consent (Skema 2 / Skema 4): reported quarterly.
bool reported_quarterly(const model::FormInstance& form, const forms::Catalogue& catalogue);

// The Copenhagen month the form was locked in; nullopt when it is not locked (or locked_at is broken).
std::optional<Month> locked_month(const model::FormInstance& form);

// The forms of `institution_id` that the report for `month` must hold: Låst, reported monthly, locked
// in `month` or earlier (a registration locked late is never left out), and in no batch yet (batches
// whose id is `except_batch_id` do not count: the batch being checked). In official order.
std::vector<model::FormInstance> forms_for_monthly_report(const std::string& institution_id, const Month& month,
                                                          const std::vector<model::FormInstance>& forms,
                                                          const std::vector<model::ReportBatch>& batches,
                                                          const forms::Catalogue& catalogue,
                                                          std::string_view except_batch_id = {});

// The official order: form set (oldest set first), the form's place in the catalogue (Skema 1 a,
// 1 b, 2, 3, Bilag 1 ...), the intervention start, then the id (stable).
void sort_official(std::vector<model::FormInstance>& forms, const forms::Catalogue& catalogue);

// Where the reporting unit's recipients come from: the institution and its municipality's settings.
struct ReportingUnit {
  model::Institution institution;
  model::Municipality municipality;  // name, region, socialtilsyn
};

struct RecipientShare {
  model::ReportRecipient recipient;    // kind + name; sent_at empty
  std::vector<std::string> form_ids;   // the forms this recipient receives, in official order
};

// Everyone who receives the report and which forms: each citizen's acting municipality (handlekommune;
// the institution's municipality when the citizen has none recorded) gets that citizen's forms; the
// socialtilsyn gets all; the operator (driftsherre) gets all when the offer is municipal (the
// municipality, naming the operating department) or regional (the region); each citizen's guardian
// (the relative with relation "værge") gets that citizen's forms; for children the region gets their
// forms. `forms` must be in official order; citizens unknown here count as having no guardian.
// Recipients in the order handlekommune(s), socialtilsyn, driftsherre, værge(r), region.
std::vector<RecipientShare> report_recipients(const ReportingUnit& unit, const std::vector<model::FormInstance>& forms,
                                              const std::vector<model::Citizen>& citizens);

// [SECTION] the quarterly report of moves without consent (the administration, seeds 002 and 004:
// "Social og Familie sender kvartalsvis skemaerne til Socialtilsyn Syd"). A report batch like the
// monthly one, per institution (the offer moved to), whose `month` is the quarter's last month
// ("2025-03", "2025-06", "2025-09", "2025-12") and whose forms are moves only.
bool is_quarter_end(const Month& m);
Month quarter_end_of(const Month& m);  // 2025-05 -> 2025-06
Month last_complete_quarter(const Month& current);  // the last quarter over in `current`: 2025-05 -> 2025-03
std::string format_quarter(const Month& m);  // 2025-05 -> "2. kvartal 2025"
// Whether the batch is a quarterly move report: its first form (looked up in `forms`) is a move.
bool is_move_report(const model::ReportBatch& batch, const std::vector<model::FormInstance>& forms,
                    const forms::Catalogue& catalogue);
// The moves of `institution_id` the report for the quarter ending in `quarter_end` must hold: Låst,
// locked in that quarter or earlier, in no batch yet (except `except_batch_id`). In official order.
std::vector<model::FormInstance> forms_for_move_report(const std::string& institution_id, const Month& quarter_end,
                                                       const std::vector<model::FormInstance>& forms,
                                                       const std::vector<model::ReportBatch>& batches,
                                                       const forms::Catalogue& catalogue,
                                                       std::string_view except_batch_id = {});
// Who receives the quarterly move report: the socialtilsyn, every form (an empty list without forms).
std::vector<RecipientShare> move_report_recipients(const ReportingUnit& unit,
                                                   const std::vector<model::FormInstance>& forms);

// Checks a report batch against the rules above before it is stored; a quarterly move report
// (is_move_report) by the quarterly rules: a quarter's last month, after the quarter, moves only, the
// socialtilsyn as recipient. `stored` is the batch as stored
// (nullopt for a new one); `forms`, `batches`, `citizens` are the institution's. Errors:
//   INVALID_INPUT naming the field — wrong month, a form that is not the institution's, not locked,
//     locked after the month, not reported monthly, in another batch; a required recipient missing or
//     an unknown one; a month after the current one (`today_month`); empty batch;
//   RECORD_FINAL — the forms of a stored batch changed, a recipient removed, or a sent_at changed.
Status check_report_batch(const model::ReportBatch& batch, const std::optional<model::ReportBatch>& stored,
                          const ReportingUnit& unit, const std::vector<model::FormInstance>& forms,
                          const std::vector<model::ReportBatch>& batches, const std::vector<model::Citizen>& citizens,
                          const Month& today_month, const forms::Catalogue& catalogue);

}  // namespace magtreg::core::workflow
