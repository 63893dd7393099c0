// Error codes keep stable wire names and round-trip.
#include <doctest/doctest.h>

#include "core/model/role.hpp"
#include "core/util/error.hpp"
#include "core/util/result.hpp"

using namespace magtreg::core;

TEST_CASE("error codes have stable wire names that round-trip") {
  CHECK(to_string(ErrorCode::InvalidInput) == "INVALID_INPUT");
  CHECK(to_string(ErrorCode::FormLocked) == "FORM_LOCKED");
  CHECK(to_string(ErrorCode::RevisionConflict) == "REVISION_CONFLICT");
  CHECK(to_string(ErrorCode::RecordFinal) == "RECORD_FINAL");
  for (int i = 0; i <= static_cast<int>(ErrorCode::Internal); ++i) {
    auto code = static_cast<ErrorCode>(i);
    ErrorCode back{};
    REQUIRE(error_code_from_string(to_string(code), back));
    CHECK(back == code);
  }
  ErrorCode unused{};
  CHECK_FALSE(error_code_from_string("NO_SUCH_CODE", unused));
}

TEST_CASE("roles have stable wire names and Danish labels") {
  for (Role r : k_all_roles) {
    auto back = role_from_string(to_string(r));
    REQUIRE(back.has_value());
    CHECK(*back == r);
    CHECK_FALSE(role_label(r).empty());
  }
  CHECK(role_label(Role::Committee) == "Magtanvendelsesudvalget");
  CHECK_FALSE(role_from_string("superuser").has_value());
}

TEST_CASE("Result carries a value or an error") {
  Result<int> good = 42;
  REQUIRE(good.ok());
  CHECK(*good == 42);
  Result<int> bad = Error::make(ErrorCode::NotFound, "Borgeren findes ikke", "citizen_id");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::NotFound);
  CHECK(bad.error().field == "citizen_id");
  Status s;
  CHECK(s.ok());
}
