// What the rule engine reports: stable finding codes with fixed severities and Danish messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace magtreg::core::rules {

enum class Severity { Error, Warning, Action };

// The declaration order is the order findings are reported in; codes are stable wire names.
enum class FindingCode {
  FormNotInForce,                    // error
  FormNotForTargetGroup,             // error
  BasisNotForTargetGroup,            // error
  BasisNotOnForm,                    // error
  PreapprovalRequired,               // error
  PreapprovalNotValid,               // error
  PreapprovedUseOnAcuteForm,         // warning (2024: a use under a decision belongs on Skema 2)
  HygieneSituationRequired,          // error
  HygieneSituationNotAllowed,        // error
  HygieneRepeatRequiresApplication,  // action
  TimeOrderInvalid,                  // error
  RegistrationLate,                  // warning
  MoveRegistrationLate,              // warning
  Bilag1PeriodExceeded,              // error
  AttachmentMissing,                 // error (a Skema 1 on § 136 c without its Bilag til § 136 c)
  WithoutLegalBasis,                 // warning
  PoliceReport,                      // action
  ComplaintLate,                     // warning (a complaint against a decision after its deadline)
};

inline constexpr FindingCode k_all_finding_codes[] = {
    FindingCode::FormNotInForce,         FindingCode::FormNotForTargetGroup,
    FindingCode::BasisNotForTargetGroup, FindingCode::BasisNotOnForm,
    FindingCode::PreapprovalRequired,    FindingCode::PreapprovalNotValid,
    FindingCode::PreapprovedUseOnAcuteForm,
    FindingCode::HygieneSituationRequired, FindingCode::HygieneSituationNotAllowed,
    FindingCode::HygieneRepeatRequiresApplication, FindingCode::TimeOrderInvalid,
    FindingCode::RegistrationLate,       FindingCode::MoveRegistrationLate,
    FindingCode::Bilag1PeriodExceeded,   FindingCode::AttachmentMissing,
    FindingCode::WithoutLegalBasis,
    FindingCode::PoliceReport,           FindingCode::ComplaintLate,
};

// "FORM_NOT_IN_FORCE", ...
std::string_view to_string(FindingCode code);
std::optional<FindingCode> finding_code_from_string(std::string_view name);
// Fixed per code.
Severity severity(FindingCode code);
// "error", "warning", "action"
std::string_view to_string(Severity severity);
std::optional<Severity> severity_from_string(std::string_view name);

struct Finding {
  FindingCode code = FindingCode::FormNotInForce;
  std::string message;  // Danish, specific: names the paragraph and the dates

  Severity severity() const { return rules::severity(code); }
  friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace magtreg::core::rules
