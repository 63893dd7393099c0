// Commands that views submit during a frame; the app applies them after all widgets are drawn.
#pragma once

#include <string>
#include <variant>

namespace magtreg::shell {

struct SaveDeviceName {
  std::string name;
};

using Command = std::variant<SaveDeviceName>;

}  // namespace magtreg::shell
