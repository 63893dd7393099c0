// The tablet's client benchmark, built as WebAssembly for the browser and driven by
// tests/browser/bench_client.mjs in headless Chromium (scripts/bench_client.sh):
//  - draft saves through the app's own ClientStore::save (the tablet's checks, record + outbox entry in one transaction)
//    into a database holding 10, 100 or 1,000 drafts in the IDBFS folder; the driver times each save
//    together with the FS.syncfs(false) that persists it, as the app does before it shows "Gemt";
//  - the floor in the same run: a raw SQLite UPDATE of an equally sized blob in the same database file,
//    persisted the same way;
//  - the CPU time of one Dear ImGui frame (NewFrame .. Render, no GPU) drawing 10,000 registrations with
//    the app's form row widget in an ImGuiListClipper list.
// Exported C functions only; the driver does the timing of anything asynchronous.
#include <imgui.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/client/client_store.hpp"
#include "core/forms/catalogue.hpp"
#include "core/rules/form_check.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/utc.hpp"
#include "core/util/uuid.hpp"
#include "shell/app.hpp"
#include "shell/theme.hpp"
#include "shell/test_hooks.hpp"
#include "shell/views/form_row.hpp"

using namespace magtreg;

namespace {
std::optional<core::client::ClientStore> g_store;
constexpr const char* k_author = "3c3c3c3c-1111-4222-8333-444455556666";

// The staff member whose drafts these are, as the app passes them to ClientStore::save.
core::records::Writer writer() {
  core::records::Writer w;
  w.principal.user_id = k_author;
  w.principal.role = core::Role::Staff;
  w.now_utc = core::time::utc_now_text();
  w.now = core::time::now_local();
  return w;
}
std::vector<core::model::FormInstance> g_drafts;
std::vector<shell::FormRow> g_rows;
std::string g_last_error;
int g_counter = 0;

core::model::FormInstance sample_draft(int i) {
  core::model::FormInstance f;
  f.id = core::new_uuid();
  f.form_id = "2020-1a";
  f.form_version = 1;
  f.citizen_id = "6a1f1f0e-2c1b-4e43-9b7b-3f3f0c1d2e11";
  f.case_id = core::new_uuid();
  f.institution_id = "0b7d7d1c-5a55-4b8e-8f3a-1c2d3e4f5a6b";
  f.state = core::model::FormState::Draft;
  f.content = {
      {"citizen_name", "Jens Pedersen"},
      {"offer_name", "Bostedet Egebo"},
      {"basis", "124d"},
      {"started_at", "2024-05-14T10:15"},
      {"ended_at", "2024-05-14T10:25"},
      {"place", "Fællesstuen på Æblegården " + std::to_string(i)},
      {"staff_involved", {{{"name", "Søren Ørsted"}, {"role", "Pædagog"}}}},
      {"situation_before", "Jens blev urolig ved måltidet og slog ud efter en beboer – også mod personalet. "
                           "Personalet forsøgte at aflede med samtale og tilbød at gå en tur, uden effekt."},
      {"intervention", "Holdt armen i få minutter, indtil han faldt til ro."},
  };
  f.legal_basis = "124d";
  f.started_at = "2024-05-14T10:15";
  f.created_by = k_author;
  f.created_at = f.updated_at = "2024-05-14T10:30:00Z";
  return f;
}

// The data key of the encrypted runs: any 32 bytes (the app's come from WebCrypto, docs/client.md).
std::string bench_key(int encrypted) { return encrypted ? std::string(32, '\x5a') : std::string(); }

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

extern "C" {

// Opens (creating) the record database at `path`, encrypted at rest as the app's stores are (1) or
// plain (0, the figures before encryption). 1 = ok.
int bench_open(const char* path, int encrypted) {
  g_store.reset();
  g_drafts.clear();
  std::remove(path);
  auto s = core::client::ClientStore::open(path, bench_key(encrypted));
  if (!s) {
    g_last_error = s.error().message;
    return 0;
  }
  g_store.emplace(std::move(s).value());
  return g_store->db().exec("CREATE TABLE IF NOT EXISTS bench_raw(id INTEGER PRIMARY KEY, data BLOB NOT NULL)").ok() ? 1 : 0;
}

// Closes and opens the database again, as an unlock does after the key is known (an encrypted store reads
// and authenticates every page). Returns the ms, or -1.
double bench_reopen(const char* path, int encrypted) {
  g_store.reset();
  auto t0 = std::chrono::steady_clock::now();
  auto s = core::client::ClientStore::open(path, bench_key(encrypted));
  double ms = ms_since(t0);
  if (!s) {
    g_last_error = s.error().message;
    return -1;
  }
  g_store.emplace(std::move(s).value());
  return ms;
}

// Adds drafts until the database holds `count`. Returns the number held.
int bench_seed(int count) {
  if (!g_store) return 0;
  while (static_cast<int>(g_drafts.size()) < count) {
    auto saved = g_store->save(sample_draft(static_cast<int>(g_drafts.size())), writer());
    if (!saved.accepted()) {
      g_last_error = saved.status.error().message;
      break;
    }
    g_drafts.push_back(saved.record);
  }
  return static_cast<int>(g_drafts.size());
}

// One autosave of draft `i` with new text, as the app's SaveFormContent does. Returns the ms spent in
// C++ (SQLite on the in-memory file system), or -1.
double bench_save(int i) {
  if (!g_store || g_drafts.empty()) return -1;
  auto& f = g_drafts[static_cast<std::size_t>(i) % g_drafts.size()];
  f.content["place"] = "Fællesstuen på Æblegården " + std::to_string(++g_counter);
  auto t0 = std::chrono::steady_clock::now();
  auto saved = g_store->save(f, writer());
  double ms = ms_since(t0);
  if (!saved.accepted()) {
    g_last_error = saved.status.error().message;
    return -1;
  }
  return ms;
}

// The payload size of draft i's last outbox entry (the floor writes a blob this big).
int bench_payload_bytes() {
  if (!g_store) return 0;
  auto e = g_store->recent_outbox(1);
  return e.empty() ? 0 : static_cast<int>(e[0].payload.size());
}

// The floor: one raw UPDATE of a `bytes` blob in the same database file, its own transaction.
double bench_raw_commit(int bytes) {
  if (!g_store) return -1;
  std::vector<unsigned char> blob(static_cast<std::size_t>(bytes), static_cast<unsigned char>(++g_counter));
  auto t0 = std::chrono::steady_clock::now();
  auto st = g_store->db().prepare("INSERT INTO bench_raw(id, data) VALUES (1, ?1) ON CONFLICT(id) DO UPDATE SET data = excluded.data");
  if (!st) return -1;
  st->bind_blob(1, blob);
  if (auto r = st->step(); !r) return -1;
  return ms_since(t0);
}

// File size of the database (bytes).
int bench_file_bytes(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return 0;
  std::fseek(f, 0, SEEK_END);
  long n = std::ftell(f);
  std::fclose(f);
  return static_cast<int>(n);
}

// [SECTION] frame CPU time
// Sets up a headless ImGui context (fonts from the embedded files, the app's style) and `rows` rows.
int bench_frame_setup(int rows, int width, int height) {
  if (!ImGui::GetCurrentContext()) ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.IniFilename = nullptr;
  shell::Fonts fonts;
  bool ok = shell::load_fonts(1.0f, fonts);
  shell::apply_style();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  g_rows.clear();
  for (int i = 0; i < rows; ++i) {
    shell::FormRow r;
    r.form = sample_draft(i);
    r.form.state = core::model::k_all_form_states[i % 3];
    r.sync.status = i % 2 ? core::client::SyncStatus::Sent : core::client::SyncStatus::Pending;
    r.registration_due = core::rules::registration_due(r.form, {}, core::forms::Catalogue::current());
    g_rows.push_back(std::move(r));
  }
  return ok ? 1 : 0;
}

namespace {
void one_frame(float scroll_y) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60.0f;
  std::vector<shell::Command> out;
  shell::test_hooks::begin_frame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##registrations", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("Registreringer (%zu)", g_rows.size());
  ImGui::BeginChild("##list");
  ImGui::SetScrollY(scroll_y);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(g_rows.size()), shell::form_row_height(ImGui::GetContentRegionAvail().x) + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) shell::form_row_button(g_rows[static_cast<std::size_t>(i)], out);
  ImGui::EndChild();
  ImGui::End();
  ImGui::Render();
  shell::test_hooks::end_frame();
}
}  // namespace

// `count` frames, the list scrolled to `scroll_y` + i * `step` (wrapping at `max_scroll`); returns the
// mean CPU ms of NewFrame .. Render per frame (a batch, because the browser's clock is coarse: 0.1 ms).
// `test_hooks` 1: the frames are recorded as the browser tests have them (each row's rectangle, the
// frame's JSON); 0: as the shipped app draws them.
double bench_frames(int count, float scroll_y, float step, float max_scroll, int test_hooks) {
  shell::test_hooks::set_enabled(test_hooks != 0);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    float y = scroll_y + static_cast<float>(i) * step;
    while (max_scroll > 0 && y > max_scroll) y -= max_scroll;
    one_frame(max_scroll > 0 ? y : 0.0f);
  }
  return ms_since(t0) / static_cast<double>(count);
}

int bench_frame_vertices() { return ImGui::GetDrawData() ? ImGui::GetDrawData()->TotalVtxCount : 0; }

const char* bench_last_error() { return g_last_error.c_str(); }

}  // extern "C"

// The page calls the exported functions once the runtime is up.
int main() { return 0; }
