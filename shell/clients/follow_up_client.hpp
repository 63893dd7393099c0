// A citizen's follow-up after use of force: their cases, decisions, complaints, notes and § 141 action
// plan from the tablet's records; notes and action plans saved through the outbox; case closing checked
// with the server (which holds every form of the case) and then saved through the outbox.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/action_plan.hpp"
#include "core/model/case.hpp"
#include "core/model/complaint.hpp"
#include "core/model/decision.hpp"
#include "core/model/form_instance.hpp"
#include "core/model/note.hpp"
#include "shell/clients/client_base.hpp"

namespace magtreg::shell {

// A citizen's records from the tablet.
struct CitizenRecords {
  std::string citizen_id;
  std::vector<core::model::Case> cases;
  std::vector<core::model::Decision> decisions;
  std::vector<core::model::Complaint> complaints;
  std::vector<core::model::Note> notes;
  std::vector<core::model::ActionPlan> action_plans;
  std::vector<core::model::FormInstance> applications;  // Skema 3 of the citizen
};

struct FollowUpState {
  std::uint64_t version = 0;
  ActionStatus status;
  CitizenRecords citizen;
  std::string plan_citizen;
  std::optional<core::model::ActionPlan> plan;  // revision 0 = not stored yet
  bool plan_loaded = false;
  std::string closing_case;
  std::optional<bool> closable;
  std::vector<std::string> closing_issues;  // what stands in the way, one line each
};

class FollowUpClient {
 public:
  void open(ClientContext& ctx, const std::string& citizen_id);
  void save_note(ClientContext& ctx, core::model::Note note);
  void open_action_plan(ClientContext& ctx, const std::string& citizen_id, const std::string& plan_id);
  void save_action_plan(ClientContext& ctx, core::model::ActionPlan plan);
  void check_closing(ClientContext& ctx, const std::string& case_id);
  void close_case(ClientContext& ctx, const std::string& case_id);
  bool tick(ClientContext& ctx);
  // The tablet's records changed: reload the lists, follow the saved record.
  void refresh_local(ClientContext& ctx);
  const FollowUpState& state() const { return m_state; }
  void reset() { *this = FollowUpClient(); }

 private:
  void load_local(ClientContext& ctx);

  FollowUpState m_state;
  Exchanges m_exchanges;
  std::optional<PendingWrite> m_pending;
};

}  // namespace magtreg::shell
