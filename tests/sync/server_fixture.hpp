// Test fixture: runs the real magtreg binary as a child process on a free port (port 0; the port is
// read from its first line of output) and stops it with SIGTERM or SIGKILL.
#pragma once

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace magtreg::tests {

// A finished shell command: its exit status (-1 when it did not exit normally) and its stdout.
struct CommandRun {
  int exit_code = -1;
  std::string out;
};

inline CommandRun run_command(const std::string& shell_command) {
  CommandRun r;
  FILE* p = popen(shell_command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string app_dir() {
  const char* env = std::getenv("MAGTREG_APP_DIR");
  return env ? env : std::string(MAGTREG_SOURCE_DIR) + "/build/wasm/app";
}

class ChildServer {
 public:
  ~ChildServer() {
    kill_now();
    // Remove the temporary folder this fixture made for its database (never a caller's own path).
    if (m_own_dir.size() > 5) std::filesystem::remove_all(m_own_dir);
  }

  // Starts `magtreg serve --port 0 ...extra`; true once it printed its URL.
  bool start(const std::vector<std::string>& extra = {}) {
    int out[2];
    if (pipe(out) != 0) return false;
    std::vector<std::string> args = {MAGTREG_BINARY, "serve", "--port", "0", "--public",
                                     std::string(MAGTREG_SOURCE_DIR) + "/public", "--app", app_dir()};
    if (m_db.empty()) {
      m_db = temp_path("serve.db");
      m_own_dir = std::filesystem::path(m_db).parent_path().string();
    }
    bool has_db = false;
    for (const auto& e : extra) has_db = has_db || e == "--db";
    if (!has_db) args.insert(args.end(), {"--db", m_db});
    args.insert(args.end(), extra.begin(), extra.end());
    m_pid = fork();
    if (m_pid == 0) {
      dup2(out[1], 1);
      dup2(out[1], 2);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    m_fd = out[0];
    // Read until "http://127.0.0.1:PORT/" appears (at most 10 s).
    for (int i = 0; i < 100 && m_port <= 0; ++i) {
      pollfd p{m_fd, POLLIN, 0};
      if (poll(&p, 1, 100) > 0) {
        char buf[512];
        ssize_t n = read(m_fd, buf, sizeof buf);
        if (n <= 0) break;
        m_output.append(buf, static_cast<std::size_t>(n));
        auto at = m_output.find("http://127.0.0.1:");
        if (at != std::string::npos && m_output.find('/', at + 17) != std::string::npos)
          m_port = std::atoi(m_output.c_str() + at + 17);
      }
    }
    return m_port > 0;
  }

  int port() const { return m_port; }
  const std::string& output() const { return m_output; }
  const std::string& db() const { return m_db; }
  void set_db(std::string path) { m_db = std::move(path); }

  // SIGTERM, then the exit status (or -1 if it did not exit within 5 s).
  int terminate() {
    if (m_pid <= 0) return -1;
    ::kill(m_pid, SIGTERM);
    for (int i = 0; i < 500; ++i) {
      int status = 0;
      if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      usleep(10000);
    }
    kill_now();
    return -1;
  }

  void kill_now() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);
      waitpid(m_pid, nullptr, 0);
      m_pid = -1;
    }
    if (m_fd >= 0) close(m_fd), m_fd = -1;
    m_port = -1;
  }

  static std::string temp_path(const char* name) {
    char tmpl[] = "/tmp/magtreg-test-XXXXXX";
    const char* dir = mkdtemp(tmpl);
    return std::string(dir ? dir : "/tmp") + "/" + name;
  }

 private:
  pid_t m_pid = -1;
  int m_fd = -1;
  int m_port = -1;
  std::string m_output;
  std::string m_db;
  std::string m_own_dir;
};

}  // namespace magtreg::tests
