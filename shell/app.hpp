// The app: owns the local store and the views, applies the commands views submit after each frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/client/local_store.hpp"
#include "shell/commands.hpp"
#include "shell/platform.hpp"
#include "shell/views/home_view.hpp"
#include "shell/views/status_bar.hpp"

namespace magtreg::shell {

// What views read: a const snapshot of the app's data, refreshed when it changes.
struct AppModel {
  bool store_open = false;
  std::string store_error;
  std::string device_name;
  long long app_starts = 0;
  enum class SaveState { Idle, Saving, Saved, Failed } save_state = SaveState::Idle;
  std::string save_error;
};

class App {
 public:
  explicit App(std::string db_path) : m_db_path(std::move(db_path)) {}
  // Called every animation frame by the platform with a fresh state snapshot.
  void frame(const PlatformState& platform, PlatformRequests& requests);

 private:
  void open_store(PlatformRequests& requests);
  void apply(const Command& cmd, PlatformRequests& requests);

  std::string m_db_path;
  std::optional<core::client::LocalStore> m_store;
  bool m_open_attempted = false;
  std::uint64_t m_pending_save = 0;
  AppModel m_model;
  std::vector<Command> m_commands;
  StatusBar m_status_bar;
  HomeView m_home;
};

}  // namespace magtreg::shell
