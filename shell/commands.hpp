// Commands that views submit during a frame; the app applies them after all widgets are drawn.
#pragma once

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "shell/clients/stats_client.hpp"
#include "shell/workflow_commands.hpp"

namespace magtreg::shell {

enum class Screen { Start, Citizens, Citizen, Form, Outbox, Statistics,
                    Work, Report, Decision, Complaint, FollowUp, ActionPlan, Recommendation };  // the last: workflow_screens

struct SaveDeviceName {
  std::string name;
};
// Online login, or the offline unlock of the session already on this tablet.
struct Login {
  std::string username, password;
};
// "Log ind med kommunens login": to the municipality's identity provider and back (sync/sso.hpp).
struct SsoLogin {};
// After a single sign-on: the code that opens the user's data on this tablet, also offline (set at the
// first login on the tablet, typed twice; typed once after that).
struct SsoPasscode {
  std::string code, repeat;
};
// Removes the user's local data (the view has warned about unsynced drafts first).
struct Logout {};
// Locks the app (the session stays; the password unlocks it again, also offline).
// Closes the user's store. switch_user: the start screen then asks for any user's name ("Skift bruger").
struct Lock {
  bool switch_user = false;
  bool idle = false;  // the idle lock, not the user
};
// The device's idle lock: the store closes after this many minutes without input (docs/client.md).
struct SaveLockAfter {
  int minutes = 5;
};
// The previous password, when the store's envelope does not open with the new one (changed on the server).
struct OldPassword {
  std::string password;
};
// The start screen's choice of whose store to unlock (empty: another user types their name).
struct SelectUser {
  std::string username;
};
struct Navigate {
  Screen screen = Screen::Citizens;
  std::string id;  // citizen id (Citizen) or form id (Form)
};
// A new registration: base course when missing, a new case, and the chosen form, all stored locally.
struct NewRegistration {
  std::string citizen_id, form_id;
  int form_version = 1;
  std::string decision_id;  // under this pre-approval (on its case); empty: acute, a new single case
  std::string day;          // the intervention's day chosen on the citizen screen ("YYYY-MM-DD" or "")
};
// A form attached to another on the parent's case (Bilag 1 to its Skema 1 a/1 b), stored locally.
struct NewAttachedForm {
  std::string parent_form_id, form_id;
};
// The edited content of a draft (autosave).
struct SaveFormContent {
  std::string form_id;
  nlohmann::json content;
};
// Kladde -> Udfyldt when the staff part is valid.
struct MarkFilled {
  std::string form_id;
  nlohmann::json content;
};
struct SyncNow {};
struct DismissConflict {
  std::string kind, id;
};

// Statistics (online only): figures for a period and unit; the printable yearly report or its CSV in a
// new window; a department's commentary for the yearly report.
struct LoadStatistics {
  StatsFilter filter;
};
struct OpenStatisticsReport {
  StatsFilter filter;
  bool csv = false;
};
struct SaveStatisticsCommentary {
  int year = 0;
  std::string department, commentary, positive_examples;
};

using Command = std::variant<SaveDeviceName, SaveLockAfter, Login, SsoLogin, SsoPasscode, OldPassword, Logout, Lock, SelectUser, Navigate, NewRegistration, NewAttachedForm, SaveFormContent,
                             MarkFilled, SyncNow, DismissConflict, LoadStatistics, OpenStatisticsReport,
                             SaveStatisticsCommentary, WorkflowCommand>;

}  // namespace magtreg::shell
