// The server's master data: municipalities, institutions and user accounts (server-managed, not
// synced as citizen records). Plain SQL over the core schema.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/access/policy.hpp"
#include "core/model/institution.hpp"
#include "core/model/municipality.hpp"
#include "core/model/user.hpp"
#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::sync {

core::Status add_municipality(core::storage::Database& db, const core::model::Municipality& m);
core::Status add_institution(core::storage::Database& db, const core::model::Institution& i);
core::Result<std::optional<core::model::Municipality>> find_municipality(core::storage::Database& db,
                                                                          const std::string& id);
core::Result<std::vector<core::model::Municipality>> list_municipalities(core::storage::Database& db);
core::Result<std::vector<core::model::Institution>> list_institutions(core::storage::Database& db,
                                                                       const std::string& municipality_id = {});
core::Result<std::optional<core::model::Institution>> find_institution(core::storage::Database& db,
                                                                        const std::string& id);

// Adds the user with their institutions. INVALID_INPUT (field "username") when the name is taken.
core::Status add_user(core::storage::Database& db, const core::model::User& user);
core::Result<std::optional<core::model::User>> find_user(core::storage::Database& db, const std::string& id);
core::Result<std::optional<core::model::User>> find_user_by_username(core::storage::Database& db,
                                                                      const std::string& username);
core::Result<std::vector<core::model::User>> list_users(core::storage::Database& db);
// NOT_FOUND when there is no such user.
core::Status set_user_disabled(core::storage::Database& db, const std::string& user_id, bool disabled);
core::Status set_user_password_hash(core::storage::Database& db, const std::string& user_id,
                                    const std::string& password_hash);

core::access::Principal principal_of(const core::model::User& user);

// Where a citizen belongs (institution and municipality); nullopt when the citizen is unknown.
core::Result<std::optional<core::access::CitizenPlacement>> citizen_placement(core::storage::Database& db,
                                                                              const std::string& citizen_id);

}  // namespace magtreg::sync
