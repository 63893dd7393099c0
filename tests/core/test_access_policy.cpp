// The access table, row by row, and its application to a citizen's placement.
#include <doctest/doctest.h>

#include "core/access/policy.hpp"

using namespace magtreg::core;
using namespace magtreg::core::access;

TEST_CASE("access table: role x action -> scope") {
  struct Row {
    Role role;
    Action action;
    Scope scope;
  };
  const Row rows[] = {
      {Role::Staff, Action::RegisterForm, Scope::OwnInstitutions},
      {Role::Staff, Action::ViewForms, Scope::OwnInstitutions},
      {Role::Staff, Action::CompleteLeaderPart, Scope::None},  // a staff member cannot lock
      {Role::Staff, Action::DecideApplication, Scope::None},
      {Role::Staff, Action::ViewStatistics, Scope::None},
      {Role::Leader, Action::CompleteLeaderPart, Scope::OwnInstitutions},
      {Role::Leader, Action::ApplyForApproval, Scope::OwnInstitutions},
      {Role::Leader, Action::DecideApplication, Scope::None},
      {Role::Leader, Action::ViewStatistics, Scope::Pseudonymised},
      {Role::Committee, Action::DecideApplication, Scope::Municipality},
      {Role::Committee, Action::ReviewReport, Scope::Municipality},
      {Role::Committee, Action::HandleComplaint, Scope::Municipality},
      {Role::Committee, Action::RegisterForm, Scope::None},
      {Role::Authority, Action::RegisterMove, Scope::Municipality},
      {Role::Authority, Action::CompleteLeaderPart, Scope::None},
      // Issue 14 item 8: the committee decides pre-approval applications, not the administration.
      {Role::Authority, Action::DecideApplication, Scope::None},
      {Role::Caseworker, Action::DecideApplication, Scope::None},
      {Role::Operations, Action::DecideApplication, Scope::None},
      {Role::Caseworker, Action::WriteActionPlan, Scope::Municipality},
      {Role::Caseworker, Action::RegisterForm, Scope::None},
      {Role::Operations, Action::ViewStatistics, Scope::Pseudonymised},
      {Role::Operations, Action::ViewCitizen, Scope::None},  // management sees pseudonymised figures only
      {Role::Operations, Action::ViewForms, Scope::None},
      {Role::Admin, Action::ManageUsers, Scope::Municipality},
      {Role::Admin, Action::ManageCitizens, Scope::Municipality},
      {Role::Admin, Action::ViewForms, Scope::None},  // administrators do not read case content
      // The yearly report's commentary: a leader for their departments, the operating department for all.
      {Role::Leader, Action::WriteReportCommentary, Scope::OwnInstitutions},
      {Role::Operations, Action::WriteReportCommentary, Scope::Municipality},
      {Role::Committee, Action::WriteReportCommentary, Scope::None},
      {Role::Authority, Action::WriteReportCommentary, Scope::None},
      {Role::Staff, Action::WriteReportCommentary, Scope::None},
  };
  for (const auto& r : rows) {
    CAPTURE(to_string(r.role));
    CAPTURE(to_string(r.action));
    CHECK(to_string(scope_of(r.role, r.action)) == to_string(r.scope));
  }
}

TEST_CASE("access to one citizen follows the scope") {
  const CitizenPlacement home_a{"inst-a", "nyborg"};
  const CitizenPlacement home_b{"inst-b", "nyborg"};
  const CitizenPlacement other_town{"inst-c", "svendborg"};

  Principal staff{"u1", Role::Staff, "nyborg", {"inst-a"}};
  CHECK(allowed(staff, Action::RegisterForm, home_a));
  CHECK_FALSE(allowed(staff, Action::RegisterForm, home_b));  // another institution's citizen
  CHECK_FALSE(allowed(staff, Action::ViewCitizen, other_town));

  Principal committee{"u2", Role::Committee, "nyborg", {}};
  CHECK(allowed(committee, Action::ViewForms, home_a));
  CHECK(allowed(committee, Action::ViewForms, home_b));
  CHECK_FALSE(allowed(committee, Action::ViewForms, other_town));

  Principal ops{"u3", Role::Operations, "nyborg", {"inst-a"}};
  CHECK_FALSE(allowed(ops, Action::ViewStatistics, home_a));  // never an individual citizen
  CHECK_FALSE(allowed(ops, Action::ViewCitizen, home_a));

  Principal nowhere{"u4", Role::Staff, "", {}};
  CHECK_FALSE(allowed(nowhere, Action::ViewCitizen, CitizenPlacement{"", ""}));
  Principal no_town{"u5", Role::Committee, "", {}};
  CHECK_FALSE(allowed(no_town, Action::ViewCitizen, CitizenPlacement{"x", ""}));
}
