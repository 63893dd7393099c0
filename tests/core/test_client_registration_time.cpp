// The registration time on the tablet (issue #14 item 1): ClientStore::save records the device's clock
// when a form leaves Kladde and keeps it after; the tablet keeps the server's events, so it can show the
// receipt beside it; both are shown in Danish only where they differ.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/client/client_store.hpp"
#include "core/client/overview.hpp"
#include "core/forms/catalogue.hpp"
#include "core/records/accept.hpp"
#include "core/records/rule_input.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "test_forms_support.hpp"
#include "test_storage_support.hpp"

using magtreg::core::client::ClientStore;
using magtreg::test::TempDir;
using magtreg::test::tid;
using nlohmann::json;
namespace model = magtreg::core::model;
namespace ct = magtreg::core::time;

namespace {

// A 2024 Skema 1 draft with every staff field filled in, on a citizen the tablet does not hold.
model::FormInstance staff_draft() {
  const auto* def = magtreg::core::forms::Catalogue::builtin().definition("2024-1");
  REQUIRE(def != nullptr);
  const json all = magtreg::test::sample_content(*def, "124d", false);
  model::FormInstance f;
  f.id = tid("form-registered");
  f.form_id = "2024-1";
  f.form_version = def->meta.version;
  f.citizen_id = tid("citizen-a");
  f.case_id = tid("case-a");
  f.institution_id = tid("institution-a");
  for (const auto& s : def->sections)
    if (s.part == magtreg::core::forms::FormPart::Staff)
      for (const auto& field : s.fields)
        if (all.contains(field.id)) f.content[field.id] = all[field.id];
  f.created_by = tid("user-a");
  f.created_at = f.updated_at = "2024-09-02T08:00:00Z";
  return f;
}

magtreg::core::records::Writer writer_at(const std::string& now_utc, magtreg::core::Role role = magtreg::core::Role::Staff,
                                         const std::string& user = tid("user-a")) {
  auto w = magtreg::test::tablet_writer(user, role);
  w.now_utc = now_utc;
  w.now = ct::to_local(*ct::parse_utc(now_utc));
  return w;
}

}  // namespace

TEST_CASE("client store: the registration time is the tablet's clock when the form leaves Kladde, and it stays") {
  TempDir dir;
  auto opened = ClientStore::open(dir.file("records.db"));
  REQUIRE(opened.ok());
  auto s = std::move(opened).value();

  auto f = staff_draft();
  auto draft = s.save(f, writer_at("2024-09-02T08:05:00Z"));
  REQUIRE_MESSAGE(draft.accepted(), (draft.accepted() ? "" : draft.status.error().message));
  CHECK_FALSE(draft.record.registered_at.has_value());
  CHECK_FALSE(magtreg::core::records::registration_time(draft.record).has_value());

  // Marked Udfyldt offline the next day: that moment is the registration, on the Copenhagen clock too.
  f.state = magtreg::core::model::FormState::Filled;
  auto filled = s.save(f, writer_at("2024-09-03T12:30:00Z"));
  REQUIRE_MESSAGE(filled.accepted(), (filled.accepted() ? "" : filled.status.error().message));
  CHECK(filled.record.registered_at == "2024-09-03T12:30:00Z");
  CHECK((*s.form(f.id))->registered_at == "2024-09-03T12:30:00Z");
  auto local = magtreg::core::records::registration_time(filled.record);
  REQUIRE(local.has_value());
  CHECK(ct::format_danish(*local) == "03.09.2024 kl. 14:30");
  // The upload carries it.
  CHECK(s.next_pending()->payload.find("\"registered_at\":\"2024-09-03T12:30:00Z\"") != std::string::npos);

  // The leader's later save (the app copies the stored form, or forgets the field) keeps the first time.
  auto again = **s.form(f.id);
  again.registered_at.reset();
  again.content["leader_name"] = "Lene Leder";
  auto later = s.save(again, writer_at("2024-09-06T09:00:00Z", magtreg::core::Role::Leader, tid("leader")));
  REQUIRE_MESSAGE(later.accepted(), (later.accepted() ? "" : later.status.error().message));
  CHECK(later.record.registered_at == "2024-09-03T12:30:00Z");

  // The server's event arrives with the download: the receipt days later is shown beside it.
  model::FormEvent received;
  received.id = tid("event-received");
  received.form_instance_id = f.id;
  received.to_state = "udfyldt";  // uploaded once, already filled: the server's first event of it
  received.by = tid("user-a");
  received.at = "2024-09-06T07:10:00Z";
  const json change = {{"kind", "form_event"}, {"id", received.id}, {"revision", 1}, {"server_seq", 7},
                       {"content_hash", ""}, {"data", model::to_json(received)}};
  auto applied = s.apply_changes(magtreg::test::page_of(json::array({change}), 7));
  REQUIRE(applied.ok());
  CHECK(applied->applied == 1);
  CHECK(s.received_at(f.id) == "2024-09-06T07:10:00Z");
  CHECK(magtreg::core::client::registration_times_text(later.record.registered_at, s.received_at(f.id)) ==
        "Registreret 03.09.2024 kl. 14:30 på tabletten · modtaget af serveren 06.09.2024 kl. 09:10");
}

TEST_CASE("registration times in Danish: one time when registered online, both when the receipt was later") {
  using magtreg::core::client::registration_times_text;
  CHECK(registration_times_text(std::nullopt, std::nullopt).empty());
  CHECK(registration_times_text(std::nullopt, "2024-03-01T10:00:00Z").empty());
  CHECK(registration_times_text("2024-03-01T10:00:00Z", std::nullopt) == "Registreret 01.03.2024 kl. 11:00");
  // A receipt within five minutes is the same moment (online, or a tablet clock a little off).
  CHECK(registration_times_text("2024-03-01T10:00:00Z", "2024-03-01T10:04:00Z") == "Registreret 01.03.2024 kl. 11:00");
  CHECK(registration_times_text("2024-07-01T10:00:00Z", "2024-07-03T10:00:00Z") ==
        "Registreret 01.07.2024 kl. 12:00 på tabletten · modtaget af serveren 03.07.2024 kl. 12:00");
}

TEST_CASE("stamp_registration_time: set when leaving Kladde, kept once set, absent for a draft") {
  using magtreg::core::records::stamp_registration_time;
  auto f = staff_draft();
  stamp_registration_time(f, std::nullopt, "2024-09-02T08:00:00Z");
  CHECK_FALSE(f.registered_at.has_value());
  f.state = magtreg::core::model::FormState::Filled;
  stamp_registration_time(f, std::nullopt, "2024-09-02T09:00:00Z");
  CHECK(f.registered_at == "2024-09-02T09:00:00Z");
  // Sent back to Kladde and filled again: the first registration stands.
  auto stored = f;
  f.state = magtreg::core::model::FormState::Draft;
  f.registered_at.reset();
  stamp_registration_time(f, stored, "2024-09-04T09:00:00Z");
  CHECK(f.registered_at == "2024-09-02T09:00:00Z");
  f.state = magtreg::core::model::FormState::Filled;
  stamp_registration_time(f, stored, "2024-09-05T09:00:00Z");
  CHECK(f.registered_at == "2024-09-02T09:00:00Z");
}
