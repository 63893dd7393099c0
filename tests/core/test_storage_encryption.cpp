// The tablet's database at rest (issue 16): encrypted page by page under a 32-byte data key, readable
// only with that key, a changed byte found when the file is opened, and a store written before
// encryption encrypted in place with its content kept. Real files, natively and in wasm.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "core/client/client_store.hpp"
#include "core/storage/database.hpp"
#include "test_storage_support.hpp"

using magtreg::core::ErrorCode;
using magtreg::core::client::ClientStore;
using magtreg::core::storage::Database;
using magtreg::test::TempDir;

namespace {

const std::string k_cpr = "010203-1234";
const std::string k_text = "Beboeren blev ført ved hånden fra fællesstuen til værelset";

std::string key_of(char fill) { return std::string(magtreg::core::storage::k_database_key_bytes, fill); }

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A store holding a citizen's CPR number and a Danish description, as a draft would.
void fill(ClientStore& s) {
  REQUIRE(s.set("test/cpr", k_cpr).ok());
  REQUIRE(s.set("test/text", k_text).ok());
}

void check_content(ClientStore& s) {
  CHECK(s.get("test/cpr").value_or("") == k_cpr);
  CHECK(s.get("test/text").value_or("") == k_text);
}

}  // namespace

TEST_CASE("an encrypted store holds no readable text and opens only with its key") {
  TempDir dir;
  const std::string path = dir.file("records.db");
  {
    auto s = ClientStore::open(path, key_of('\x11'));
    REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
    fill(*s);
  }
  const std::string bytes = bytes_of(path);
  REQUIRE(bytes.size() > 4096);
  CHECK(bytes.find(k_cpr) == std::string::npos);
  CHECK(bytes.find("hånden") == std::string::npos);
  CHECK(bytes.find("fællesstuen") == std::string::npos);
  CHECK(bytes.find("sync_state") == std::string::npos);  // not even the schema is readable
  CHECK(bytes.find("SQLite format 3") == std::string::npos);
  CHECK_FALSE(Database::is_plain_file(path));

  {
    auto s = ClientStore::open(path, key_of('\x11'));
    REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
    check_content(*s);
    // The small pages the tablet's store needs (IDBFS rewrites the whole file on each save).
    auto q = s->db().prepare("PRAGMA page_size");
    REQUIRE(q.ok());
    REQUIRE(q->step().ok());
    CHECK(q->column_int64(0) == ClientStore::k_page_size);
  }
  const std::string before = bytes_of(path);
  auto wrong = ClientStore::open(path, key_of('\x12'));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == ErrorCode::StoreKeyWrong);
  auto none = ClientStore::open(path);
  CHECK_FALSE(none.ok());
  // Neither refusal changed the file.
  CHECK(bytes_of(path) == before);
}

TEST_CASE("a changed byte anywhere in an encrypted store is found when it opens") {
  TempDir dir;
  const std::string path = dir.file("records.db");
  {
    auto s = ClientStore::open(path, key_of('\x21'));
    REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
    fill(*s);
  }
  const std::string bytes = bytes_of(path);
  const std::size_t page = static_cast<std::size_t>(ClientStore::k_page_size);
  REQUIRE(bytes.size() >= 10 * page);
  // A byte inside the first page (header and schema root), inside a later page, and in the last page.
  for (std::size_t at : {std::size_t{200}, 5 * page + 300, bytes.size() - 100}) {
    CAPTURE(at);
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    write_bytes(path, changed);
    auto s = ClientStore::open(path, key_of('\x21'));
    REQUIRE_FALSE(s.ok());
    if (at < page)
      CHECK(s.error().code == ErrorCode::StoreKeyWrong);  // page 1 cannot tell a wrong key from a change
    else
      CHECK(s.error().code == ErrorCode::StoreDamaged);
  }
  write_bytes(path, bytes);
  auto s = ClientStore::open(path, key_of('\x21'));
  REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
  check_content(*s);
}

TEST_CASE("a store written before encryption is encrypted in place with its content kept") {
  TempDir dir;
  const std::string path = dir.file("records.db");
  {
    auto s = ClientStore::open(path);
    REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
    fill(*s);
  }
  REQUIRE(Database::is_plain_file(path));
  REQUIRE(bytes_of(path).find(k_cpr) != std::string::npos);
  {
    auto s = ClientStore::open(path);
    REQUIRE(s.ok());
    auto st = s->db().encrypt(key_of('\x31'));
    REQUIRE_MESSAGE(st.ok(), magtreg::test::describe(st));
  }
  CHECK_FALSE(Database::is_plain_file(path));
  const std::string bytes = bytes_of(path);
  CHECK(bytes.find(k_cpr) == std::string::npos);
  CHECK(bytes.find("hånden") == std::string::npos);
  auto s = ClientStore::open(path, key_of('\x31'));
  REQUIRE_MESSAGE(s.ok(), magtreg::test::describe(s));
  check_content(*s);
  CHECK(s->db().integrity_check().ok());
}
