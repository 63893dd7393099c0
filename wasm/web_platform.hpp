// The browser platform: IndexedDB persistence (IDBFS, queued syncs), server reachability, storage
// persistence, and the Copenhagen calendar day. Fills shell::PlatformState; implements its requests.
#pragma once

#include <string>

#include "shell/platform.hpp"

namespace magtreg::wasm {

class WebPlatform final : public shell::PlatformRequests {
 public:
  // Mounts IDBFS at /data and starts loading it; starts reachability polling of /api/health.
  void start();
  std::uint64_t request_save() override;
  std::uint64_t http(const shell::HttpRequest& request) override;
  std::uint64_t store_key(const std::string& password, const std::string& envelope,
                          const std::string& rewrap_password) override;
  bool remove_file(const std::string& path) override;
  void open_url(const std::string& url) override;
  void navigate(const std::string& url) override;
  void open_document(const std::string& path, const std::string& bearer) override;
  // Refreshes time-dependent fields and returns the snapshot for this frame.
  const shell::PlatformState& snapshot();

  // Called from JS (see the extern "C" exports in main.cpp).
  void on_storage_ready(bool ok);
  void on_storage_saved(std::uint64_t token, bool ok);
  void on_http_done(std::uint64_t id, int status, std::string body);
  void on_store_key(std::uint64_t id, int status, const std::string& key_hex, std::string envelope,
                    std::string error, double millis);
  // After the frame: the exchanges and keys the shell has now seen are dropped.
  void end_frame() {
    m_state.http_done.clear();
    m_state.keys_done.clear();
  }
  void set_online(bool online) { m_state.online = online ? shell::Tristate::Yes : shell::Tristate::No; }
  void set_persisted(int v) {
    m_state.persisted = v > 0 ? shell::Tristate::Yes : v == 0 ? shell::Tristate::No : shell::Tristate::Unknown;
  }

 private:
  shell::PlatformState m_state;
  std::uint64_t m_next_token = 0;
  std::uint64_t m_next_http = 0;
  double m_today_at = -10;
};

WebPlatform& platform();

}  // namespace magtreg::wasm
