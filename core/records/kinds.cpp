// The kind registry's one non-template piece.
#include "core/records/kinds.hpp"

namespace magtreg::core::records {

bool is_uploaded_kind(std::string_view name) {
  bool uploaded = false;
  for_kind(name, [&](auto tag) { uploaded = Kind<typename decltype(tag)::type>::uploaded; });
  return uploaded;
}

}  // namespace magtreg::core::records
