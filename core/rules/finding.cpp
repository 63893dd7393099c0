// Wire names and fixed severities of the finding codes.
#include "core/rules/finding.hpp"

namespace magtreg::core::rules {
namespace {

struct CodeInfo {
  FindingCode code;
  std::string_view name;
  Severity severity;
};

constexpr CodeInfo k_codes[] = {
    {FindingCode::FormNotInForce, "FORM_NOT_IN_FORCE", Severity::Error},
    {FindingCode::FormNotForTargetGroup, "FORM_NOT_FOR_TARGET_GROUP", Severity::Error},
    {FindingCode::BasisNotForTargetGroup, "BASIS_NOT_FOR_TARGET_GROUP", Severity::Error},
    {FindingCode::BasisNotOnForm, "BASIS_NOT_ON_FORM", Severity::Error},
    {FindingCode::PreapprovalRequired, "PREAPPROVAL_REQUIRED", Severity::Error},
    {FindingCode::PreapprovalNotValid, "PREAPPROVAL_NOT_VALID", Severity::Error},
    {FindingCode::PreapprovedUseOnAcuteForm, "PREAPPROVED_USE_ON_ACUTE_FORM", Severity::Warning},
    {FindingCode::HygieneSituationRequired, "HYGIENE_SITUATION_REQUIRED", Severity::Error},
    {FindingCode::HygieneSituationNotAllowed, "HYGIENE_SITUATION_NOT_ALLOWED", Severity::Error},
    {FindingCode::HygieneRepeatRequiresApplication, "HYGIENE_REPEAT_REQUIRES_APPLICATION", Severity::Action},
    {FindingCode::TimeOrderInvalid, "TIME_ORDER_INVALID", Severity::Error},
    {FindingCode::RegistrationLate, "REGISTRATION_LATE", Severity::Warning},
    {FindingCode::MoveRegistrationLate, "MOVE_REGISTRATION_LATE", Severity::Warning},
    {FindingCode::Bilag1PeriodExceeded, "BILAG1_PERIOD_EXCEEDED", Severity::Error},
    {FindingCode::AttachmentMissing, "ATTACHMENT_MISSING", Severity::Error},
    {FindingCode::WithoutLegalBasis, "WITHOUT_LEGAL_BASIS", Severity::Warning},
    {FindingCode::PoliceReport, "POLICE_REPORT", Severity::Action},
    {FindingCode::ComplaintLate, "COMPLAINT_LATE", Severity::Warning},
};

}  // namespace

std::string_view to_string(FindingCode code) {
  for (const auto& c : k_codes)
    if (c.code == code) return c.name;
  return "FORM_NOT_IN_FORCE";
}

std::optional<FindingCode> finding_code_from_string(std::string_view name) {
  for (const auto& c : k_codes)
    if (c.name == name) return c.code;
  return std::nullopt;
}

Severity severity(FindingCode code) {
  for (const auto& c : k_codes)
    if (c.code == code) return c.severity;
  return Severity::Error;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Action: return "action";
  }
  return "error";
}

std::optional<Severity> severity_from_string(std::string_view name) {
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Action})
    if (to_string(s) == name) return s;
  return std::nullopt;
}

}  // namespace magtreg::core::rules
