// The sync server: routes, static files, and lifecycle. API handlers live in their own files.
#include "sync/server.hpp"

#include <httplib.h>

#include <cstdio>
#include <filesystem>

namespace magtreg::sync {

struct Server::Impl {
  httplib::Server http;
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>()), m_options(std::move(options)) {
  auto& http = m_impl->http;
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(4 * 1024 * 1024);
  http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  http.set_file_extension_and_mimetype_mapping("webmanifest", "application/manifest+json");
  http.set_file_extension_and_mimetype_mapping("ttf", "font/ttf");
  http.set_file_extension_and_mimetype_mapping("data", "application/octet-stream");

  // The app's build output first (magtreg.js/.wasm), then the hand-written public files.
  for (const auto& dir : {m_options.app_dir, m_options.public_dir}) {
    if (!std::filesystem::is_directory(dir)) {
      std::fprintf(stderr, "magtreg serve: folder '%s' not found (STATIC_DIR_MISSING)\n", dir.c_str());
      continue;
    }
    http.set_mount_point("/", dir);
  }
  // The service worker must always be revalidated, or clients keep an old app for a day.
  http.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/sw.js" || req.path == "/" || req.path == "/index.html")
      res.set_header("Cache-Control", "no-cache");
  });

  http.Get("/api/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok","protocol":1})", "application/json");
  });
}

Server::~Server() { request_stop(); }

int Server::bind() {
  auto& http = m_impl->http;
  if (m_options.port == 0) {
    m_port = http.bind_to_any_port(m_options.bind);
  } else {
    m_port = http.bind_to_port(m_options.bind, m_options.port) ? m_options.port : -1;
  }
  if (m_port < 0)
    std::fprintf(stderr, "magtreg serve: cannot listen on %s:%d (BIND_FAILED)\n", m_options.bind.c_str(),
                 m_options.port);
  return m_port;
}

int Server::run() {
  if (m_port < 0 && bind() < 0) return 1;
  if (!m_options.quiet) {
    std::printf("Magtreg kører på http://%s:%d/\n", m_options.bind.c_str(), m_port);
    std::fflush(stdout);
  }
  bool ok = m_impl->http.listen_after_bind();
  return ok ? 0 : 1;
}

void Server::request_stop() {
  if (m_impl) m_impl->http.stop();
}

}  // namespace magtreg::sync
