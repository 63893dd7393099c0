// Who may do what to whose data: a role x action table with a scope (own institutions, the whole
// municipality, pseudonymised figures only). The server enforces it on every request; the app uses
// the same table to show only the actions a user may take.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/role.hpp"

namespace magtreg::core::access {

enum class Action {
  ViewCitizen,          // identity (CPR, name) and the citizen overview
  ViewForms,            // registrations, applications, moves and their content
  RegisterForm,         // create and fill the staff part, mark Udfyldt
  CompleteLeaderPart,   // leader part, lock, return to staff, monthly report, complaint letter, notes
  ApplyForApproval,     // Skema 3 (application for pre-approval)
  DecideApplication,    // grant or refuse, validity, complaint guidance
  ReviewReport,         // committee's review of monthly reports, notes on the case
  HandleComplaint,      // register and assess complaints, forward to Ankestyrelsen
  RegisterMove,         // Skema 2 (2020) / Skema 4 (2024), moves without consent
  WriteActionPlan,      // § 141 action plan
  ViewStatistics,       // pseudonymised counts
  ManageUsers,
  ManageCitizens,       // citizen register, import
  ViewAudit,            // access reports
  WriteReportCommentary,  // the yearly report's commentary and positive examples per operating department
};

enum class Scope {
  None,
  OwnInstitutions,  // citizens of the institutions the user is attached to
  Municipality,     // every citizen of the user's municipality
  Pseudonymised,    // aggregate figures only, no CPR, no names
};
// WriteReportCommentary: OwnInstitutions = the departments of the user's institutions (a leader);
// Municipality = every department of the municipality (the operating departments' staff).

std::string_view to_string(Action action);
std::string_view to_string(Scope scope);

// The table itself.
Scope scope_of(Role role, Action action);

struct Principal {
  std::string user_id;
  Role role = Role::Staff;
  std::string municipality_id;
  std::vector<std::string> institution_ids;
};

// Where a citizen belongs: their institution and its municipality.
struct CitizenPlacement {
  std::string institution_id;
  std::string municipality_id;
};

// True when `who` may perform `action` on the citizen's data. Pseudonymised scope never grants
// access to an individual citizen.
bool allowed(const Principal& who, Action action, const CitizenPlacement& citizen);

}  // namespace magtreg::core::access
