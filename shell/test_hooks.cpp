// Per-frame registry of widget rectangles and facts for browser tests.
#include "shell/test_hooks.hpp"

#include <imgui.h>

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>

namespace magtreg::shell::test_hooks {
namespace {
struct Record {
  std::map<std::string, std::array<float, 4>, std::less<>> items;
  std::map<std::string, std::string, std::less<>> facts;
};
Record g_current;
std::string g_last_json = "{}";
std::uint64_t g_frame = 0;
bool g_enabled = false;
}  // namespace

bool enabled() { return g_enabled; }

void set_enabled(bool on) {
  g_enabled = on;
  g_current = Record{};
  if (!on) g_last_json = "{}";
}

void item(std::string_view id) {
  if (!g_enabled) return;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  g_current.items[std::string(id)] = {a.x, a.y, b.x, b.y};
}

void rect(std::string_view id, float x0, float y0, float x1, float y1) {
  if (!g_enabled) return;
  g_current.items[std::string(id)] = {x0, y0, x1, y1};
}

void fact(std::string_view key, std::string_view value) {
  if (g_enabled) g_current.facts[std::string(key)] = std::string(value);
}

void begin_frame() {
  if (g_enabled) g_current = Record{};
}

void end_frame() {
  if (!g_enabled) return;
  nlohmann::json j;
  j["frame"] = ++g_frame;
  j["items"] = nlohmann::json::object();
  for (const auto& [k, r] : g_current.items) j["items"][k] = {r[0], r[1], r[2], r[3]};
  j["facts"] = nlohmann::json::object();
  for (const auto& [k, v] : g_current.facts) j["facts"][k] = v;
  g_last_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::string& last_frame_json() { return g_last_json; }

}  // namespace magtreg::shell::test_hooks
