// Whether a write of a record is accepted, and what is stored (issue #13): one function both ends run.
// The server calls accept_upload() inside its upload transaction before it stores anything; the tablet
// calls the same function before it saves a record locally and queues it, so the tablet never stores as
// Udfyldt what the server will refuse. Every per-kind rule lives here: access, tombstones, form
// lifecycle, validation, the findings gate, the derived columns, the references between records, the
// checks of decisions, complaints, notes, action plans, report batches and case closing.
//
// The two ends hold different data. The server holds everything and decides. The tablet holds only what
// the user may see (the server sent nothing else), so the institution-scope access check is the server's
// alone, and a reference to a record the tablet does not hold is left for the server to judge: the tablet
// refuses exactly what it can prove the server will refuse. Both read through the same repositories over
// the same schema.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/access/policy.hpp"
#include "core/forms/catalogue.hpp"
#include "core/model/form_event.hpp"
#include "core/records/kinds.hpp"
#include "core/rules/finding.hpp"
#include "core/storage/database.hpp"
#include "core/time/local_date_time.hpp"
#include "core/util/result.hpp"

namespace magtreg::core::records {

enum class Side {
  Server,  // holds every record; decides access by institution
  Tablet,  // holds what the user may see; skips what it cannot know
};

// Who writes, and when.
struct Writer {
  access::Principal principal;  // user id, role, municipality, institutions
  std::string now_utc;          // "YYYY-MM-DDTHH:MM:SSZ"
  time::LocalDateTime now;      // the same instant, Copenhagen wall clock
};

// One thing a refusal lists: a validation issue ("path") or a closing gap ("gap"), with its message.
struct IssueNote {
  std::string path;   // a form field path, or the form id of a closing gap
  std::string gap;    // cases::to_string(ClosingGap), for closing gaps
  std::string message;
  bool operator==(const IssueNote&) const = default;
};

template <class T>
struct Acceptance {
  Status status;                        // ok, or the refusal (field names the record's member, "data.…")
  T record;                             // what is stored: the upload as sent (derived columns included)
  std::vector<rules::Finding> findings; // the rule engine's findings (forms) and deadline facts (complaints)
  std::vector<IssueNote> issues;        // every missing field / closing gap, when refused for them
  std::optional<model::FormEvent> event;  // the state change the server records beside a form

  bool accepted() const { return status.ok(); }
  // A refusal for who is asking (FORBIDDEN / ROLE_NOT_ALLOWED) rather than for what was sent.
  bool denied() const;
};

// Whether the writer may write `record` as it is, by role and institution (access::allowed over the
// record's placement). False for a record whose citizen or institution is unknown here. The server asks
// it of the stored record and of the record as sent; on the tablet everything it holds is in scope.
template <class T>
Result<bool> may_write(storage::Database& db, const access::Principal& who, const T& record);

// The refusal of a write that may_write does not allow (FORBIDDEN, Danish): the same words on both ends.
template <class T>
Error write_refused(const T& record, const std::string& citizen_id);

// Checks a write of `record` (revision already decided by the sync protocol) against `stored` (the
// record as stored now, absent for a new one). Never writes. On the tablet it first asks may_write of the
// stored record and of the record as sent, where the tablet holds the citizen; where it does not, the
// role alone must allow one of the record's actions somewhere (the server decides the institution).
template <class T>
Acceptance<T> accept_upload(storage::Database& db, Side side, const Writer& writer, const std::optional<T>& stored,
                            T record, const forms::Catalogue& catalogue = forms::Catalogue::current());

// What the server changes in other records once it has stored `record`, in the same transaction (a
// decision joins its application's case: case.decision_id, a new case revision every tablet downloads).
// The tablet never runs it: it receives those revisions by download.
template <class T>
Status apply_server_effects(storage::Database& db, const T& record);

// [SECTION] derived columns
// A form's columns that follow from its content: legal_basis from "basis", started_at from "started_at"
// (when it is a complete "YYYY-MM-DDTHH:MM"; a move's from its "move_date", at 00:00), and the content
// without the fields its conditions hide.
// The tablet sets them before it saves; accept_upload refuses a form whose columns differ from these.
void derive_form_columns(model::FormInstance& form, const forms::Catalogue& catalogue = forms::Catalogue::current());

// The tablet records when a form is registered (model::FormInstance::registered_at): the stored time
// when there is one (it never changes, also after the leader sends the form back), else `now_utc` when
// the form leaves Kladde with this write.
void stamp_registration_time(model::FormInstance& form, const std::optional<model::FormInstance>& stored,
                             const std::string& now_utc);

}  // namespace magtreg::core::records
