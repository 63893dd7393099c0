// Version-4 UUIDs (RFC 4122) as lowercase text: record ids are born wherever the record is created,
// including on a tablet that is offline, so they must be unique without asking anyone.
#pragma once

#include <string>
#include <string_view>

namespace magtreg::core {

// A fresh random UUID, e.g. "3f2b8c1e-9d4a-4f6b-8a2e-1c7d5e9f0a3b". Thread-safe (per-thread generator).
std::string new_uuid();

// True for the canonical form new_uuid() produces: 36 characters, lowercase hex in 8-4-4-4-12 groups,
// version nibble 4 and RFC 4122 variant (8, 9, a or b). Uppercase or other versions are refused, so one
// id has exactly one spelling (ids are compared as text everywhere, also in SQLite).
bool is_valid_uuid(std::string_view text);

// A UUID-shaped id derived from `name` (SHA-256, version and variant bits set as for v4), for records
// that must get the same id wherever they are created offline: e.g. a citizen's one base course.
std::string derived_uuid(std::string_view name);

}  // namespace magtreg::core
