// The kind registry's one non-template piece.
#include "core/records/kinds.hpp"

namespace magtreg::core::records {

bool is_uploaded_kind(std::string_view name) {
  bool uploaded = false;
  for_kind(name, [&](auto tag) { uploaded = Kind<typename decltype(tag)::type>::uploaded; });
  return uploaded;
}

std::string kind_label(std::string_view name) {
  std::string label(name);
  for_kind(name, [&](auto tag) { label = std::string(Kind<typename decltype(tag)::type>::label); });
  return label;
}

}  // namespace magtreg::core::records
