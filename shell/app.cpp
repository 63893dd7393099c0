// The app's frame: status bar, then the current view; commands are applied after drawing.
#include "shell/app.hpp"

#include <imgui.h>

#include "shell/test_hooks.hpp"
#include "shell/widgets.hpp"

namespace magtreg::shell {

void App::open_store(PlatformRequests& requests) {
  m_open_attempted = true;
  auto store = core::client::LocalStore::open(m_db_path);
  if (!store) {
    m_model.store_error = store.error().message;
    return;
  }
  m_store.emplace(std::move(store).value());
  m_model.store_open = true;
  m_model.device_name = m_store->setting("device_name").value_or("");
  auto starts = m_store->increment("app_starts");
  m_model.app_starts = starts ? *starts : 0;
  requests.request_save();
}

void App::apply(const Command& cmd, PlatformRequests& requests) {
  if (const auto* save = std::get_if<SaveDeviceName>(&cmd)) {
    if (!m_store) return;
    auto st = m_store->set_setting("device_name", save->name);
    if (!st) {
      m_model.save_state = AppModel::SaveState::Failed;
      m_model.save_error = st.error().message;
      return;
    }
    m_model.device_name = save->name;
    m_model.save_state = AppModel::SaveState::Saving;
    m_pending_save = requests.request_save();
  }
}

void App::frame(const PlatformState& platform, PlatformRequests& requests) {
  if (platform.storage_ready && !m_open_attempted) open_store(requests);
  // "Gemt" only once the IndexedDB write has completed.
  if (m_model.save_state == AppModel::SaveState::Saving && platform.saved_token >= m_pending_save) {
    m_model.save_state = platform.save_failed ? AppModel::SaveState::Failed : AppModel::SaveState::Saved;
    if (platform.save_failed) m_model.save_error = "IndexedDB-skrivning fejlede";
  }

  test_hooks::begin_frame();
  text_targets::begin_frame();
  test_hooks::fact("storage_ready", platform.storage_ready ? "yes" : "no");
  float top = m_status_bar.draw(platform, m_model);
  m_home.draw(top, platform, m_model, m_commands);
  text_targets::end_frame();
  test_hooks::end_frame();

  for (const auto& c : m_commands) apply(c, requests);
  m_commands.clear();
}

}  // namespace magtreg::shell
