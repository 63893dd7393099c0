// The tablets known to the server: recorded at login, checked at download, listed and revoked by the CLI.
#include "sync/devices.hpp"

#include "core/util/sha256.hpp"

namespace magtreg::sync {

namespace st = core::storage;
using core::Error;
using core::ErrorCode;

core::Status check_device_claim(const DeviceClaim& claim) {
  const auto bad = [](const char* message, const char* field) {
    return Error::make(ErrorCode::InvalidInput, message, field);
  };
  if (claim.id.size() < 8 || claim.id.size() > 64) return bad("»device.id« skal være 8 til 64 tegn.", "device.id");
  for (char c : claim.id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
      return bad("»device.id« må kun indeholde bogstaverne a–z, tal og bindestreg.", "device.id");
  if (claim.name.size() > 100) return bad("»device.name« må højst være 100 tegn.", "device.name");
  return {};
}

core::Status record_device_login(st::Database& db, const std::string& municipality_id, const DeviceClaim& claim,
                                 const std::string& user_id, const std::string& now) {
  auto d = db.prepare(
      "INSERT INTO devices(municipality_id, id, name, first_seen_at, last_seen_at, last_user_id) "
      "VALUES (?1, ?2, ?3, ?4, ?4, ?5) ON CONFLICT(municipality_id, id) DO UPDATE SET "
      "name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE devices.name END, "
      "last_seen_at = excluded.last_seen_at, last_user_id = excluded.last_user_id");
  if (!d) return d.error();
  d->bind(1, municipality_id).bind(2, claim.id).bind(3, claim.name).bind(4, now).bind(5, user_id);
  if (auto r = d->run(); !r) return r.error();
  auto u = db.prepare(
      "INSERT INTO device_users(municipality_id, device_id, user_id, last_login_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(municipality_id, device_id, user_id) DO UPDATE SET last_login_at = excluded.last_login_at");
  if (!u) return u.error();
  u->bind(1, municipality_id).bind(2, claim.id).bind(3, user_id).bind(4, now);
  return u->run();
}

core::Result<bool> known_device(st::Database& db, const std::string& municipality_id, const std::string& device_id,
                                const std::string& user_id) {
  auto q = db.prepare(
      "SELECT 1 FROM device_users du JOIN devices d ON d.municipality_id = du.municipality_id AND d.id = du.device_id "
      "WHERE du.municipality_id = ?1 AND du.device_id = ?2 AND du.user_id = ?3 AND d.revoked_at IS NULL");
  if (!q) return q.error();
  q->bind(1, municipality_id).bind(2, device_id).bind(3, user_id);
  auto row = q->step();
  if (!row) return row.error();
  return *row;
}

std::optional<std::string> session_device(st::Database& db, const std::string& token) {
  auto q = db.prepare("SELECT device_id FROM sessions WHERE token_hash = ?1 AND device_id IS NOT NULL");
  if (!q) return std::nullopt;
  q->bind(1, core::sha256_hex(token));
  auto row = q->step();
  if (!row || !*row) return std::nullopt;
  return q->column_text(0);
}

core::Status check_device_contact(st::Database& db, const std::string& municipality_id, const std::string& device_id,
                                  const std::string& user_id, const std::string& now) {
  auto q = db.prepare("SELECT revoked_at IS NOT NULL, last_seen_at FROM devices WHERE municipality_id = ?1 AND id = ?2");
  if (!q) return q.error();
  q->bind(1, municipality_id).bind(2, device_id);
  auto row = q->step();
  if (!row) return row.error();
  if (!*row) return {};
  if (q->column_int64(0) != 0)
    return Error::make(ErrorCode::DeviceRevoked,
                       "Denne tablet er spærret af en administrator. Dens data slettes nu fra tabletten.");
  // ISO texts compare in time order; the contact is written at most once a minute.
  const std::string last = q->column_text(1);
  q = st::Statement();
  if (last.size() >= 16 && now.size() >= 16 && last.compare(0, 16, now, 0, 16) == 0) return {};
  auto u = db.prepare("UPDATE devices SET last_seen_at = ?3, last_user_id = ?4 WHERE municipality_id = ?1 AND id = ?2");
  if (!u) return u.error();
  u->bind(1, municipality_id).bind(2, device_id).bind(3, now).bind(4, user_id);
  return u->run();
}

namespace {
constexpr const char* k_device_select =
    "SELECT d.municipality_id, m.name, d.id, d.name, d.first_seen_at, d.last_seen_at, coalesce(u.username, ''), "
    "coalesce(d.revoked_at, ''), coalesce(d.revoked_by, ''), "
    "(SELECT group_concat(x.username, ', ') FROM (SELECT uu.username FROM device_users du "
    "  JOIN users uu ON uu.id = du.user_id WHERE du.municipality_id = d.municipality_id AND du.device_id = d.id "
    "  ORDER BY uu.username) x) "
    "FROM devices d JOIN municipalities m ON m.id = d.municipality_id LEFT JOIN users u ON u.id = d.last_user_id ";

DeviceRow device_row(st::Statement& q) {
  DeviceRow r{q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3), q.column_text(4),
              q.column_text(5), q.column_text(6), q.column_text(7), q.column_text(8), {}};
  const std::string users = q.column_text(9);
  for (std::size_t at = 0; at < users.size();) {
    auto comma = users.find(", ", at);
    r.users.push_back(users.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    at = comma == std::string::npos ? users.size() : comma + 2;
  }
  return r;
}
}  // namespace

core::Result<std::vector<DeviceRow>> list_devices(st::Database& db) {
  auto q = db.prepare(std::string(k_device_select) + "ORDER BY m.name, d.last_seen_at DESC");
  if (!q) return q.error();
  return q->collect<DeviceRow>(device_row);
}

core::Result<DeviceRow> revoke_device(st::Database& db, const std::string& device_id, const std::string& municipality_id,
                                      const std::string& by, const std::string& now) {
  auto q = db.prepare(std::string(k_device_select) + "WHERE d.id = ?1 AND (?2 = '' OR d.municipality_id = ?2)");
  if (!q) return q.error();
  q->bind(1, device_id).bind(2, municipality_id);
  auto rows = q->collect<DeviceRow>(device_row);
  if (!rows) return rows.error();
  q = st::Statement();
  std::vector<DeviceRow>& found = *rows;
  if (found.empty()) return Error::make(ErrorCode::NotFound, "Ingen tablet har id'et " + device_id + ".");
  if (found.size() > 1)
    return Error::make(ErrorCode::InvalidInput, "Id'et findes i flere kommuner: angiv --municipality.", "municipality");
  if (!found[0].revoked_at.empty()) return found[0];
  auto u = db.prepare("UPDATE devices SET revoked_at = ?3, revoked_by = ?4 WHERE municipality_id = ?1 AND id = ?2");
  if (!u) return u.error();
  u->bind(1, found[0].municipality_id).bind(2, device_id).bind(3, now).bind(4, by);
  if (auto r = u->run(); !r) return r.error();
  found[0].revoked_at = now;
  found[0].revoked_by = by;
  return found[0];
}

}  // namespace magtreg::sync
