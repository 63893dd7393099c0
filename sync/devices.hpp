// The tablets known to the server (issue 16; docs/security.md "Devices"): each login names its device
// (a random id the tablet keeps, and its name), the session remembers it, the administrator lists and
// revokes devices. A revoked device may still upload what it holds; its next download is refused with
// DEVICE_REVOKED, and the tablet then erases its stores.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::sync {

// What a login says about its device; both empty when the client sent none (a script, an old app).
struct DeviceClaim {
  std::string id, name;
};

// INVALID_INPUT unless the id is 8 to 64 characters of [A-Za-z0-9-] and the name at most 100 characters.
core::Status check_device_claim(const DeviceClaim& claim);

// The device's row (created on first sight) and its user, for the user's municipality.
core::Status record_device_login(core::storage::Database& db, const std::string& municipality_id,
                                 const DeviceClaim& claim, const std::string& user_id, const std::string& now);

// True when the user has logged in on this device before and it is not revoked: the device's id then works
// like a device cookie (OWASP), and the account-wide login delay does not apply to it (docs/security.md).
core::Result<bool> known_device(core::storage::Database& db, const std::string& municipality_id,
                                const std::string& device_id, const std::string& user_id);

// The session's device, when its login named one.
std::optional<std::string> session_device(core::storage::Database& db, const std::string& token);

// DEVICE_REVOKED when the device is revoked in the municipality; otherwise notes the contact (written at
// most once a minute).
core::Status check_device_contact(core::storage::Database& db, const std::string& municipality_id,
                                  const std::string& device_id, const std::string& user_id, const std::string& now);

struct DeviceRow {
  std::string municipality_id, municipality, id, name, first_seen_at, last_seen_at, last_user, revoked_at, revoked_by;
  std::vector<std::string> users;  // usernames that logged in on it
};

core::Result<std::vector<DeviceRow>> list_devices(core::storage::Database& db);
// NOT_FOUND when no device has the id (in the municipality, when given); INVALID_INPUT when the id is
// ambiguous across municipalities and none was given.
core::Result<DeviceRow> revoke_device(core::storage::Database& db, const std::string& device_id,
                                      const std::string& municipality_id, const std::string& by, const std::string& now);

}  // namespace magtreg::sync
