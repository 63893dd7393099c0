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
#include "core/storage/directory.hpp"
#include "core/util/result.hpp"

namespace magtreg::sync {

// Municipalities and institutions live in core (the access checks of both ends read them).
using core::storage::add_institution;
using core::storage::add_municipality;
using core::storage::citizen_placement;
using core::storage::find_institution;
using core::storage::find_municipality;
using core::storage::list_institutions;
using core::storage::list_municipalities;

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


}  // namespace magtreg::sync
