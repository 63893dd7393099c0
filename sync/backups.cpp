#include "sync/backups.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>

#include "sync/clock.hpp"

namespace magtreg::sync {
namespace {

// The copy's number within its second: 1 for "magtreg-...Z.db", N for "magtreg-...Z-N.db".
int backup_suffix(const std::string& name) { return name.size() > 27 ? std::stoi(name.substr(25)) : 1; }

}  // namespace

// "magtreg-20261207T011500Z.db": a scheduled backup's name, which sorts by time.
bool is_scheduled_backup_name(const std::string& name) {
  static const std::regex pattern(R"(magtreg-\d{8}T\d{6}Z(-\d+)?\.db)");
  return std::regex_match(name, pattern);
}

// A new name in `dir` for a backup made now (a suffix when one was made in the same second).
std::string scheduled_backup_path(const std::string& dir) {
  const std::string stamp = utc_text(unix_now());  // 2026-12-07T01:15:00Z
  std::string compact;
  for (char c : stamp)
    if (c != '-' && c != ':') compact += c;
  // Within one second, each new copy takes a suffix above every copy of that second still there, so the
  // names keep the order the copies were made in even after older ones were removed.
  namespace fs = std::filesystem;
  const std::string base = "magtreg-" + compact;
  int last = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!is_scheduled_backup_name(name) || name.compare(0, base.size(), base) != 0) continue;
    last = std::max(last, backup_suffix(name));
  }
  const std::string name = last == 0 ? base + ".db" : base + "-" + std::to_string(last + 1) + ".db";
  return (fs::path(dir) / name).string();
}

// Removes the oldest scheduled backups in `dir` beyond the newest `keep`; returns the names removed.
std::vector<std::string> prune_backups(const std::string& dir, int keep) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && is_scheduled_backup_name(entry.path().filename().string()))
      names.push_back(entry.path().filename().string());
  // Newest first: the stamp sorts by time; within a second, "-N" (N >= 2) was made after the plain name.
  std::sort(names.begin(), names.end(), [](const std::string& x, const std::string& y) {
    const auto stamp = [](const std::string& n) { return n.substr(8, 16); };
    if (stamp(x) != stamp(y)) return stamp(x) > stamp(y);
    return backup_suffix(x) > backup_suffix(y);
  });
  std::vector<std::string> removed;
  for (std::size_t i = static_cast<std::size_t>(keep); i < names.size(); ++i) {
    const auto path = fs::path(dir) / names[i];
    if (fs::remove(path, ec)) removed.push_back(names[i]);
    for (const char* tail : {"-wal", "-shm"}) fs::remove(path.string() + tail, ec);
  }
  return removed;
}

BackupFolder read_backup_folder(const std::string& dir) {
  namespace fs = std::filesystem;
  BackupFolder out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec) || !is_scheduled_backup_name(entry.path().filename().string())) continue;
    ++out.count;
    const auto written = fs::last_write_time(entry.path(), ec);
    if (ec) continue;
    const auto at = std::chrono::file_clock::to_sys(written);
    const double seconds = std::chrono::duration<double>(at.time_since_epoch()).count();
    if (!out.newest_unix || seconds > *out.newest_unix) out.newest_unix = seconds;
  }
  return out;
}

}  // namespace magtreg::sync
