// The directory's municipalities and institutions as the schema holds them (server-managed master data,
// not synced as citizen records): read by the access checks both ends run (core/records), written by the
// server's administration. Users and their passwords stay in sync/directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/access/policy.hpp"
#include "core/model/institution.hpp"
#include "core/model/municipality.hpp"
#include "core/storage/database.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::storage {

Status add_municipality(Database& db, const model::Municipality& m);
Status add_institution(Database& db, const model::Institution& i);
Result<std::optional<model::Municipality>> find_municipality(Database& db, const std::string& id);
Result<std::vector<model::Municipality>> list_municipalities(Database& db);
// Every institution, or those of one municipality, by name.
Result<std::vector<model::Institution>> list_institutions(Database& db, const std::string& municipality_id = {});
Result<std::optional<model::Institution>> find_institution(Database& db, const std::string& id);

// Where a citizen belongs (institution and municipality); nullopt when the citizen is unknown.
Result<std::optional<access::CitizenPlacement>> citizen_placement(Database& db, const std::string& citizen_id);

}  // namespace magtreg::core::storage
