// `magtreg serve`'s settings from a configuration file and from flags (issue #20, deployment): every
// flag has a key of the same name in the file (`--offline-unlock-hours 48` is `offline_unlock_hours = 48`),
// so one table below defines both. A service reads /etc/magtreg/magtreg.toml; flags given beside
// `--config` override the file. A bad key or value stops the start with a message naming it and its line,
// code CONFIG_INVALID (file) or USAGE (flags). docs/operations.md lists the keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/server.hpp"

namespace magtreg::sync {

// One setting: its flag, its key in the file, what it takes, and its line in `magtreg help`.
struct ServeSetting {
  std::string_view flag;  // "--offline-unlock-hours"
  std::string_view key;   // "offline_unlock_hours"
  enum class Kind { Text, Path, Number, List } kind;
  std::string_view help;  // English, one line
  // Sets the value (a list setting appends one element); an error message (Danish) or empty.
  std::string (*set)(ServerOptions&, const std::string& value);
  // The current value(s), as text.
  std::vector<std::string> (*get)(const ServerOptions&);
};

// Every setting `serve` takes, in the order `magtreg help` and `magtreg config` print them.
const std::vector<ServeSetting>& serve_settings();
// The setting's help as printed: a route named in it ("{sso_callback}") spelled from core/sync/routes.hpp.
std::string help_text(const ServeSetting& setting);

// The outcome of reading settings: the options, or the first problem as one line (Danish, with the stable
// code in parentheses at its end, as the admin commands print).
struct ServeConfigResult {
  ServerOptions options;
  std::string error;  // empty when the options are usable
  bool ok() const { return error.empty(); }
};

// Reads a TOML file's settings on top of `base`. Relative paths in the file are taken from the file's folder
// (a service's working directory is not the administrator's).
ServeConfigResult read_serve_config(const std::string& path, ServerOptions base = {});

// Parses `serve`'s arguments: `--config FILE` first wherever it stands, then every flag on top of it.
ServeConfigResult parse_serve_args(const std::vector<std::string_view>& args);

// A secret a setting names by its file (the metrics token, the single sign-on client secret): the file's
// text without surrounding whitespace, or nothing when it cannot be read. Secrets live in files, never in
// flags, which `ps` shows.
std::optional<std::string> read_secret_file(const std::string& path);

// The effective settings as a TOML file (what `magtreg config` prints; a valid input to --config).
std::string serve_config_text(const ServerOptions& options);

}  // namespace magtreg::sync
