// What a case is for (issue 27 item 6): one registration (enkeltsagsprincippet), or a pre-approval and
// every use under its decision. An enum in the code, text only in JSON and SQL.
#pragma once

#include <optional>
#include <string_view>

#include "core/util/enum_text.hpp"

namespace magtreg::core::model {

enum class CaseKind {
  Single,    // enkeltsagsprincip: one case per registration
  Approval,  // the approval case: the application, its decision and the uses registered under it
};
inline constexpr EnumText<CaseKind> k_case_kind_texts[] = {{CaseKind::Single, "single"}, {CaseKind::Approval, "approval"}};
constexpr std::string_view to_string(CaseKind kind) { return enum_text(k_case_kind_texts, kind); }
constexpr std::optional<CaseKind> case_kind_from_string(std::string_view text) {
  return enum_from_text(k_case_kind_texts, text);
}

}  // namespace magtreg::core::model
