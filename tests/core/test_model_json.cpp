// The domain model's JSON: every record kind round-trips, the canonical text and content hash depend on
// the content only (not on key order, revision or server_seq), and a bad field is named in the error.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/client/client_store.hpp"
#include "core/model/sync_meta.hpp"
#include "core/util/json_util.hpp"
#include "core/util/sha256.hpp"
#include "core/util/utf8.hpp"
#include "test_storage_support.hpp"

using namespace magtreg;
using namespace magtreg::core;
using magtreg::test::Sample;

namespace {

// The record as from_json gives it back: the sync envelope (revision, hash, server_seq) travels beside
// the data, only `deleted` is inside it.
template <class T>
T content_only(T record) {
  const bool deleted = record.sync.deleted;
  record.sync = model::SyncMeta{};
  record.sync.deleted = deleted;
  return record;
}

// A value of the wrong JSON type for whatever `v` is.
nlohmann::json wrong_type_for(const nlohmann::json& v) {
  if (v.is_string() || v.is_null() || v.is_object() || v.is_array()) return 42;
  return "x";
}

}  // namespace

TEST_CASE_TEMPLATE("every synced record kind survives to_json -> text -> from_json unchanged", T, MAGTREG_SYNCED_KINDS) {
  T record = Sample<T>::make();
  SUBCASE("as given") {}
  SUBCASE("as a tombstone") { record.sync.deleted = true; }
  const std::string text = model::to_json(record).dump();
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  auto back = Sample<T>::parse(parsed);
  REQUIRE_MESSAGE(back.ok(), test::describe(back));
  CHECK(*back == content_only(record));
  CHECK(model::canonical_json(*back) == text);
}

TEST_CASE("directory records round-trip; the user's password hash never appears in JSON") {
  SUBCASE("institution") {
    const auto i = test::sample_institution();
    auto back = model::institution_from_json(model::to_json(i));
    REQUIRE(back.ok());
    CHECK(*back == i);
    CHECK(model::to_json(i).contains("operator"));  // wire name differs from the member name
  }
  SUBCASE("municipality") {
    const auto m = test::sample_municipality();
    auto back = model::municipality_from_json(model::to_json(m));
    REQUIRE(back.ok());
    CHECK(*back == m);
  }
  SUBCASE("user") {
    auto u = test::sample_user();
    u.password_hash = "$argon2id$v=19$secret";
    const nlohmann::json j = model::to_json(u);
    CHECK(j.dump().find("argon2") == std::string::npos);
    CHECK_FALSE(j.contains("password_hash"));
    auto back = model::user_from_json(j);
    REQUIRE(back.ok());
    CHECK(back->password_hash.empty());
    back->password_hash = u.password_hash;
    CHECK(*back == u);
  }
}

TEST_CASE("normalised lists: note tags and user institutions are sorted and unique") {
  auto n = test::sample_note();
  n.tags = {"magtanvendelse", "klage", "magtanvendelse"};
  const nlohmann::json j = model::to_json(n);
  CHECK(j["tags"] == nlohmann::json({"klage", "magtanvendelse"}));
  auto back = model::note_from_json(j);
  REQUIRE(back.ok());
  CHECK(back->tags == std::vector<std::string>{"klage", "magtanvendelse"});
  auto sorted = n;
  sorted.tags = {"klage", "magtanvendelse"};
  CHECK(model::content_hash(n) == model::content_hash(sorted));

  auto u = test::sample_user();
  auto reversed = u;
  std::reverse(reversed.institution_ids.begin(), reversed.institution_ids.end());
  reversed.institution_ids.push_back(reversed.institution_ids.front());
  CHECK(model::to_json(reversed) == model::to_json(u));
  auto ub = model::user_from_json(model::to_json(reversed));
  REQUIRE(ub.ok());
  CHECK(ub->institution_ids == u.institution_ids);
}

TEST_CASE("the canonical JSON text: sorted keys, no spaces, UTF-8 as is") {
  const auto b = model::new_base_course(test::tid("citizen-a"));
  const std::string expected = std::string(R"({"citizen_id":")") + b.citizen_id + R"(","deleted":false,"id":")" +
                               b.id + R"x(","title":"Magtanvendelse (Grundforløb)"})x";
  CHECK(model::canonical_json(b) == expected);
  CHECK(model::content_hash(b) == sha256_hex(expected));
}

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // Exactly one block of padding overflow (56 bytes) and a multi-block input.
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE_TEMPLATE("content hash: same content -> same hash, whatever the key order or sync envelope", T,
                   MAGTREG_SYNCED_KINDS) {
  const T record = Sample<T>::make();
  const std::string hash = model::content_hash(record);
  CHECK(is_sha256_hex(hash));
  CHECK(model::content_hash(Sample<T>::make()) == hash);

  SUBCASE("keys written in reverse order (also inside nested objects) parse to the same hash") {
    // Hand-written JSON with every object's keys reversed.
    std::function<std::string(const nlohmann::json&)> reversed = [&](const nlohmann::json& v) -> std::string {
      if (v.is_object()) {
        std::vector<std::string> parts;
        for (auto it = v.begin(); it != v.end(); ++it)
          parts.push_back(nlohmann::json(it.key()).dump() + " : " + reversed(it.value()));
        std::string out = "{ ";
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += (it == parts.rbegin() ? "" : ", ") + *it;
        return out + " }";
      }
      if (v.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + reversed(v[i]);
        return out + "]";
      }
      return v.dump();
    };
    const std::string text = reversed(model::to_json(record));
    CHECK(text != model::to_json(record).dump());
    auto back = Sample<T>::parse(nlohmann::json::parse(text, nullptr, false));
    REQUIRE(back.ok());
    CHECK(model::content_hash(*back) == hash);
  }
  SUBCASE("revision, content_hash and server_seq are not content") {
    T other = record;
    other.sync.revision = 7;
    other.sync.content_hash = std::string(64, 'a');
    other.sync.server_seq = 99;
    CHECK(model::content_hash(other) == hash);
  }
  SUBCASE("a change of content or of the tombstone flag changes the hash") {
    T changed = record;
    Sample<T>::change(changed);
    CHECK(model::content_hash(changed) != hash);
    T deleted = record;
    deleted.sync.deleted = true;
    CHECK(model::content_hash(deleted) != hash);
  }
}

TEST_CASE_TEMPLATE("from_json names the field: wrong type, missing, unknown", T, MAGTREG_SYNCED_KINDS) {
  const nlohmann::json good = model::to_json(Sample<T>::make());
  REQUIRE(Sample<T>::parse(good).ok());
  int required = 0;
  for (auto it = good.begin(); it != good.end(); ++it) {
    const std::string key = it.key();
    CAPTURE(key);
    nlohmann::json bad = good;
    bad[key] = wrong_type_for(it.value());
    auto r = Sample<T>::parse(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidInput);
    CHECK(r.error().field == key);
    CHECK_FALSE(r.error().message.empty());

    nlohmann::json missing = good;
    missing.erase(key);
    auto m = Sample<T>::parse(missing);
    if (!m.ok()) {
      ++required;
      CHECK(m.error().code == ErrorCode::InvalidInput);
      CHECK(m.error().field == key);
    } else {
      CHECK((it.value().is_null() || it.value().is_string()));  // an optional text field
    }
  }
  CHECK(required >= 3);  // id, the citizen/institution reference and deleted at least

  nlohmann::json extra = good;
  extra["ukendt_felt"] = 1;
  auto u = Sample<T>::parse(extra);
  REQUIRE_FALSE(u.ok());
  CHECK(u.error().code == ErrorCode::UnknownField);
  CHECK(u.error().field == "ukendt_felt");

  auto not_object = Sample<T>::parse(nlohmann::json::array());
  REQUIRE_FALSE(not_object.ok());
  CHECK(not_object.error().code == ErrorCode::InvalidInput);
}

TEST_CASE("from_json: the rules between fields name the field at fault") {
  struct Row {
    const char* what;
    std::function<Result<bool>()> parse;
    const char* field;
  };
  auto with = [](auto record, auto edit, auto parse) {
    nlohmann::json j = model::to_json(record);
    edit(j);
    return [j, parse]() -> Result<bool> {
      auto r = parse(j);
      if (!r) return r.error();
      return true;
    };
  };
  const Row rows[] = {
      {"CPR without the dash form", with(test::sample_citizen(), [](auto& j) { j["cpr"] = "0101901234"; },
                                         model::citizen_from_json),
       "cpr"},
      {"CPR with month 13", with(test::sample_citizen(), [](auto& j) { j["cpr"] = "011390-1234"; },
                                 model::citizen_from_json),
       "cpr"},
      {"unknown target group", with(test::sample_citizen(), [](auto& j) { j["target_group"] = "aeldre"; },
                                    model::citizen_from_json),
       "target_group"},
      {"relative without relation",
       with(test::sample_citizen(), [](auto& j) { j["relatives"][1].erase("relation"); }, model::citizen_from_json),
       "relatives[1].relation"},
      {"id in upper case", with(test::sample_citizen(), [](auto& j) {
         std::string id = j["id"];
         for (auto& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
         j["id"] = id;
       }, model::citizen_from_json),
       "id"},
      {"base course id not derived from the citizen",
       with(test::sample_base_course(), [](auto& j) { j["id"] = test::tid("x"); }, model::base_course_from_json),
       "id"},
      {"single case with a decision", with(test::sample_case(), [](auto& j) { j["kind"] = "single"; },
                                           model::case_from_json),
       "decision_id"},
      {"case closed before opened", with(test::sample_case(), [](auto& j) { j["closed_at"] = "2024-01-01T00:00:00Z"; },
                                         model::case_from_json),
       "closed_at"},
      {"local time without minutes", with(test::sample_form(), [](auto& j) { j["started_at"] = "2024-03-05T14"; },
                                          model::form_instance_from_json),
       "started_at"},
      {"locked form without locked_at", with(test::sample_form(), [](auto& j) { j["locked_at"] = nullptr; },
                                             model::form_instance_from_json),
       "locked_at"},
      {"draft with locked_by", with(test::sample_form(), [](auto& j) {
         j["state"] = "kladde";
         j["locked_at"] = nullptr;
       }, model::form_instance_from_json),
       "locked_by"},
      {"form its own parent", with(test::sample_form(), [](auto& j) { j["parent_id"] = j["id"]; },
                                   model::form_instance_from_json),
       "parent_id"},
      {"form version 0", with(test::sample_form(), [](auto& j) { j["form_version"] = 0; },
                              model::form_instance_from_json),
       "form_version"},
      {"form content not an object", with(test::sample_form(), [](auto& j) { j["content"] = "tekst"; },
                                          model::form_instance_from_json),
       "content"},
      {"event from an unknown state", with(test::sample_form_event(), [](auto& j) { j["from_state"] = "sendt"; },
                                           model::form_event_from_json),
       "from_state"},
      {"granted without valid_to", with(test::sample_decision(), [](auto& j) { j["valid_to"] = nullptr; },
                                        model::decision_from_json),
       "valid_to"},
      {"period ends before it begins", with(test::sample_decision(), [](auto& j) { j["valid_to"] = "2023-12-31"; },
                                            model::decision_from_json),
       "valid_to"},
      {"refused without decider", with(test::sample_decision(), [](auto& j) {
         j["status"] = "refused";
         j["decided_by"] = nullptr;
       }, model::decision_from_json),
       "decided_by"},
      {"30 February as a day", with(test::sample_decision(), [](auto& j) { j["valid_from"] = "2024-02-30"; },
                                    model::decision_from_json),
       "valid_from"},
      {"notification without time", with(test::sample_decision(), [](auto& j) { j["notifications"][0].erase("at"); },
                                         model::decision_from_json),
       "notifications[0].at"},
      {"complaint against both a decision and a form",
       with(test::sample_complaint(), [](auto& j) { j["form_instance_id"] = test::tid("f"); },
            model::complaint_from_json),
       "decision_id"},
      {"complaint against nothing", with(test::sample_complaint(), [](auto& j) { j["decision_id"] = nullptr; },
                                         model::complaint_from_json),
       "decision_id"},
      {"forwarded without a time", with(test::sample_complaint(), [](auto& j) { j["forwarded_at"] = nullptr; },
                                        model::complaint_from_json),
       "forwarded_at"},
      {"note with an empty tag", with(test::sample_note(), [](auto& j) { j["tags"] = {"magtanvendelse", ""}; },
                                      model::note_from_json),
       "tags[1]"},
      {"UTC instant without Z", with(test::sample_note(), [](auto& j) { j["at"] = "2024-04-01T12:00:00"; },
                                     model::note_from_json),
       "at"},
      {"report month 13", with(test::sample_report_batch(), [](auto& j) { j["month"] = "2024-13"; },
                               model::report_batch_from_json),
       "month"},
      {"unknown recipient kind",
       with(test::sample_report_batch(), [](auto& j) { j["recipients"][0]["kind"] = "politi"; },
            model::report_batch_from_json),
       "recipients[0].kind"},
      {"form id that is not a UUID",
       with(test::sample_report_batch(), [](auto& j) { j["form_ids"][1] = "A1"; }, model::report_batch_from_json),
       "form_ids[1]"},
      {"report day 29 (not in every month)",
       with(test::sample_municipality(), [](auto& j) { j["report_day_of_month"] = 29; },
            model::municipality_from_json),
       "report_day_of_month"},
      {"report day 0", with(test::sample_municipality(), [](auto& j) { j["report_day_of_month"] = 0; },
                            model::municipality_from_json),
       "report_day_of_month"},
      {"unknown role", with(test::sample_user(), [](auto& j) { j["role"] = "chef"; }, model::user_from_json), "role"},
      {"unknown operator", with(test::sample_institution(), [](auto& j) { j["operator"] = "statslig"; },
                                model::institution_from_json),
       "operator"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    auto r = row.parse();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::InvalidInput);
    CHECK(r.error().field == row.field);
    CHECK_FALSE(r.error().message.empty());
  }
}

TEST_CASE("sync envelope JSON: revision >= 1, a real SHA-256, optional server_seq") {
  model::SyncMeta m;
  m.revision = 3;
  m.content_hash = sha256_hex("x");
  m.server_seq = 17;
  auto back = model::sync_meta_from_json(model::to_json(m));
  REQUIRE(back.ok());
  CHECK(back->revision == 3);
  CHECK(back->content_hash == m.content_hash);
  CHECK(back->server_seq == 17);
  CHECK_FALSE(model::to_json(m).contains("deleted"));

  nlohmann::json j = model::to_json(m);
  j["server_seq"] = nullptr;
  CHECK_FALSE(model::sync_meta_from_json(j)->server_seq.has_value());
  j["revision"] = 0;
  CHECK(model::sync_meta_from_json(j).error().field == "revision");
  j = model::to_json(m);
  j["content_hash"] = std::string(64, 'A');
  CHECK(model::sync_meta_from_json(j).error().field == "content_hash");
}

TEST_CASE("CPR normalisation") {
  CHECK(model::normalize_cpr("0101901234") == "010190-1234");
  CHECK(model::normalize_cpr("010190-1234") == "010190-1234");
  CHECK(model::normalize_cpr("310190-1234") == "310190-1234");
  CHECK_FALSE(model::normalize_cpr("320190-1234"));
  CHECK_FALSE(model::normalize_cpr("000190-1234"));
  CHECK_FALSE(model::normalize_cpr("010090-1234"));
  CHECK_FALSE(model::normalize_cpr("01019-01234"));
  CHECK_FALSE(model::normalize_cpr("01019a1234"));
  CHECK_FALSE(model::normalize_cpr(""));
}

TEST_CASE("case titles follow the target group") {
  CHECK(model::case_title_for("boern") == model::k_case_title_children);
  CHECK(model::case_title_for("handicap") == model::k_case_title_adults);
  CHECK(model::case_title_for("demens") == model::k_case_title_adults);
}

TEST_CASE("UUID v4: canonical lowercase format, unique, and derived ids stable") {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = new_uuid();
    REQUIRE(is_valid_uuid(id));
    CHECK(id.size() == 36);
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    seen.insert(id);
  }
  CHECK(seen.size() == 2000);

  struct Row {
    const char* text;
    bool valid;
  };
  const Row rows[] = {
      {"3f2b8c1e-9d4a-4f6b-8a2e-1c7d5e9f0a3b", true},
      {"3f2b8c1e-9d4a-4f6b-bfff-1c7d5e9f0a3b", true},
      {"3F2B8C1E-9D4A-4F6B-8A2E-1C7D5E9F0A3B", false},  // one spelling only
      {"3f2b8c1e-9d4a-1f6b-8a2e-1c7d5e9f0a3b", false},  // version 1
      {"3f2b8c1e-9d4a-4f6b-7a2e-1c7d5e9f0a3b", false},  // variant 0xxx
      {"3f2b8c1e-9d4a-4f6b-ca2e-1c7d5e9f0a3b", false},  // variant 110x
      {"3f2b8c1e9d4a-4f6b-8a2e-1c7d5e9f0a3b0", false},  // dash misplaced
      {"3f2b8c1e-9d4a-4f6b-8a2e-1c7d5e9f0a3", false},   // 35 characters
      {"3f2b8c1e-9d4a-4f6b-8a2e-1c7d5e9f0a3bb", false},
      {"3f2b8c1e-9d4a-4f6b-8a2e-1c7d5e9f0a3g", false},
      {"", false},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(is_valid_uuid(r.text) == r.valid);
  }

  CHECK(derived_uuid("borger-1") == derived_uuid("borger-1"));
  CHECK(derived_uuid("borger-1") != derived_uuid("borger-2"));
  CHECK(is_valid_uuid(derived_uuid("borger-1")));
  CHECK(model::base_course_id_for(test::tid("c")) == model::new_base_course(test::tid("c")).id);
  CHECK(model::new_base_course(test::tid("c")).title == model::k_base_course_title);
}

// Issue 27 item 6: every state is an enum whose text exists only in its table; each value has one text,
// each text one value, and each reads back; the Danish labels start a line with a capital.
template <class E, std::size_t N>
void check_enum_table(const EnumText<E> (&table)[N]) {
  std::set<std::string_view> texts;
  for (const auto& entry : table) {
    CAPTURE(entry.text);
    CHECK_FALSE(entry.text.empty());
    CHECK(texts.insert(entry.text).second);
    CHECK(enum_text(table, entry.value) == entry.text);
    REQUIRE(enum_from_text(table, entry.text).has_value());
    CHECK(*enum_from_text(table, entry.text) == entry.value);
  }
  CHECK_FALSE(enum_from_text(table, "unknown").has_value());
  CHECK_FALSE(enum_from_text(table, "").has_value());
}

TEST_CASE("state enums: one text per value, read back, Danish labels") {
  check_enum_table(model::k_form_state_texts);
  check_enum_table(model::k_decision_status_texts);
  check_enum_table(model::k_case_kind_texts);
  check_enum_table(model::k_complaint_status_texts);
  check_enum_table(client::k_outbox_state_texts);
  CHECK(std::string(client::outbox_state_label(client::OutboxState::Rejected)) == "Afvist");
  CHECK(model::decision_status_label(model::DecisionStatus::Refused) == "afslået");
  CHECK(model::complaint_status_label(model::ComplaintStatus::Forwarded) == "sendt til Ankestyrelsen");
  CHECK(sentence_case(model::complaint_status_label(model::ComplaintStatus::InReview)) == "Under behandling");
  CHECK(sentence_case("æble") == "Æble");
  CHECK(sentence_case("øre") == "Øre");
  CHECK(sentence_case("å") == "Å");
  CHECK(sentence_case("§ 128") == "§ 128");
  CHECK(sentence_case("") == "");
  // A complaint moves only forward: the enum's order is that order.
  CHECK(model::ComplaintStatus::Received < model::ComplaintStatus::InReview);
  CHECK(model::ComplaintStatus::InReview < model::ComplaintStatus::Forwarded);
  CHECK(model::ComplaintStatus::Forwarded < model::ComplaintStatus::Closed);
  // A stored text the model does not know is refused with the allowed ones named.
  nlohmann::json lost = model::to_json(magtreg::test::sample_complaint());
  lost["status"] = "lost";
  auto bad = model::complaint_from_json(lost);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "status");
  CHECK(bad.error().message.find("received, in_review, forwarded, closed") != std::string::npos);
}

// Issue 27 item 7: each kind's Danish name is in its registry entry, the one list the outbox reads.
TEST_CASE("record kinds: every kind has its own Danish label, read through the registry") {
  std::set<std::string> labels;
  records::for_each_kind([&](auto tag) {
    using T = typename decltype(tag)::type;
    const std::string label = records::kind_label(records::Kind<T>::name);
    CAPTURE(label);
    CHECK_FALSE(label.empty());
    CHECK(label != std::string(records::Kind<T>::name));
    CHECK(labels.insert(label).second);
    CHECK(client::record_kind_label(records::Kind<T>::name) == label);
  });
  CHECK(labels.size() == 11);
  CHECK(client::record_kind_label("form") == "Skema");
  CHECK(client::record_kind_label("move_recommendation") == "Indstilling til Familieretshuset");
  CHECK(client::record_kind_label("unknown_kind") == "unknown_kind");
  CHECK(records::is_uploaded_kind("decision"));
  CHECK_FALSE(records::is_uploaded_kind("form_event"));
}
