// The folder of scheduled backups (issue #20): `magtreg backup --dir DIR --keep N` writes
// "magtreg-YYYYMMDDTHHMMSSZ.db" (UTC, "-N" for a second one within a second) and removes the oldest
// beyond N; the server reports the newest one's time to monitoring. Other files in the folder are never
// touched.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace magtreg::sync {

// "magtreg-20261207T011500Z.db" or "magtreg-20261207T011500Z-2.db".
bool is_scheduled_backup_name(const std::string& name);
// A new name in `dir` for a backup made now, ordered after every backup of the same second still there.
std::string scheduled_backup_path(const std::string& dir);
// Removes the oldest scheduled backups in `dir` beyond the newest `keep`; returns the names removed.
std::vector<std::string> prune_backups(const std::string& dir, int keep);

struct BackupFolder {
  std::size_t count = 0;
  std::optional<double> newest_unix;  // the newest scheduled backup's modification time
};
// What the folder holds now (nothing when it cannot be read).
BackupFolder read_backup_folder(const std::string& dir);

}  // namespace magtreg::sync
