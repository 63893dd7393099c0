// Printable documents (see documents.hpp).
#include "core/workflow/documents.hpp"

#include "core/forms/catalogue.hpp"
#include "core/forms/hygiene.hpp"
#include "core/forms/lifecycle.hpp"
#include "core/forms/validation.hpp"
#include "core/rules/legal_basis.hpp"
#include "core/time/copenhagen.hpp"
#include "core/time/format.hpp"
#include "core/time/utc.hpp"
#include "core/util/html.hpp"
#include "core/util/utf8.hpp"
#include "core/workflow/records.hpp"

namespace magtreg::core::workflow {
namespace {

using forms::FieldDef;
using forms::FieldType;
using nlohmann::json;

constexpr std::string_view k_style = R"CSS(
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; line-height: 1.4; }
  h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 13pt; margin: 0 0 2mm; }
  h3 { font-size: 11pt; margin: 5mm 0 1mm; border-bottom: 1px solid #999; }
  .meta { color: #444; font-size: 9pt; margin-bottom: 4mm; }
  .unverified { color: #8a1c1c; font-weight: bold; font-size: 9pt; margin-bottom: 2mm; }
  .form { page-break-before: always; }
  dl { margin: 0; } dt { font-weight: bold; margin-top: 2mm; } dd { margin: 0 0 0 4mm; white-space: pre-wrap; }
  table { border-collapse: collapse; width: 100%; margin-top: 1mm; }
  th, td { border: 1px solid #999; padding: 1mm 2mm; text-align: left; vertical-align: top; font-size: 9.5pt; }
  .empty { color: #777; font-style: italic; }
  .letter p { margin: 0 0 3mm; }
  @media screen { body { max-width: 190mm; margin: 10mm auto; } }
)CSS";

}  // namespace

std::string_view document_style() { return k_style; }

namespace {

std::string page(std::string_view title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
         "</title><style>" + std::string(k_style) + "</style></head><body>" + body + "</body></html>\n";
}

std::string datetime_text(const std::string& iso) {
  auto t = time::parse_local_date_time(iso);
  return t ? time::format_danish(*t) : iso;
}

std::string utc_text(const std::optional<std::string>& utc) {
  if (!utc) return {};
  auto t = time::parse_utc(*utc);
  return t ? time::format_danish(time::to_local(*t)) : *utc;
}

std::string option_label(const FieldDef& f, const json& v) {
  if (!v.is_string()) return v.dump();
  const std::string id = v.get<std::string>();
  for (const auto& o : f.options)
    if (o.id == id) return o.label;
  return id;
}

std::string scalar_text(const FieldDef& f, const json& v) {
  if (v.is_null()) return {};
  switch (f.type) {
    case FieldType::Text:
    case FieldType::LongText:
    case FieldType::Time: return v.is_string() ? v.get<std::string>() : v.dump();
    case FieldType::Date: return v.is_string() ? time::format_danish_day(v.get<std::string>()) : v.dump();
    case FieldType::DateTime: return v.is_string() ? datetime_text(v.get<std::string>()) : v.dump();
    case FieldType::Duration: return v.is_number_integer() ? std::to_string(v.get<long long>()) + " minutter" : v.dump();
    case FieldType::Number: return v.is_number_integer() ? std::to_string(v.get<long long>()) : v.dump();
    case FieldType::YesNo: return v.is_boolean() ? (v.get<bool>() ? "Ja" : "Nej") : v.dump();
    case FieldType::SingleChoice: return option_label(f, v);
    case FieldType::MultiChoice: {
      std::string s;
      if (v.is_array())
        for (const auto& e : v) s += (s.empty() ? "" : "; ") + option_label(f, e);
      return s;
    }
    case FieldType::LegalBasis: {
      if (!v.is_string()) return v.dump();
      const auto* b = rules::find_legal_basis(v.get<std::string>());
      return b != nullptr ? rules::basis_label(*b) : v.get<std::string>();
    }
    case FieldType::HygieneSituation: {
      std::string s;
      auto one = [&](const json& e) {
        if (!e.is_string()) return;
        const auto* h = forms::find_hygiene_situation(e.get<std::string>());
        s += (s.empty() ? "" : "; ") + (h != nullptr ? std::string(h->label) : e.get<std::string>());
      };
      if (v.is_array())
        for (const auto& e : v) one(e);
      else
        one(v);
      return s;
    }
    case FieldType::PersonList: {
      std::string s;
      if (v.is_array())
        for (const auto& p : v) {
          if (!p.is_object()) continue;
          const std::string name = p.contains("name") && p["name"].is_string() ? p["name"].get<std::string>() : "";
          const std::string role = p.contains("role") && p["role"].is_string() ? p["role"].get<std::string>() : "";
          s += (s.empty() ? "" : "\n") + name + (role.empty() ? "" : " (" + role + ")");
        }
      return s;
    }
    case FieldType::Table: return {};
  }
  return {};
}

std::string table_html(const FieldDef& f, const json& rows) {
  if (!rows.is_array() || rows.empty()) return "<dd class=\"empty\">Ingen linjer</dd>";
  std::string h = "<dd><table><thead><tr>";
  for (const auto& c : f.columns) h += "<th>" + html_escape(c.label) + "</th>";
  h += "</tr></thead><tbody>";
  for (const auto& row : rows) {
    h += "<tr>";
    for (const auto& c : f.columns) {
      const json v = row.is_object() && row.contains(c.id) ? row[c.id] : json();
      h += "<td>" + html_escape(scalar_text(c, v)) + "</td>";
    }
    h += "</tr>";
  }
  return h + "</tbody></table></dd>";
}

}  // namespace

std::string value_text(const forms::FormDefinition& def, std::string_view field_id, const json& content) {
  const FieldDef* f = def.find_field(field_id);
  if (f == nullptr || !content.is_object()) return {};
  auto it = content.find(std::string(field_id));
  if (it == content.end()) return {};
  return scalar_text(*f, *it);
}

std::string form_html(const forms::FormDefinition& def, const model::FormInstance& form,
                      const std::vector<model::Citizen>& citizens) {
  std::string citizen_line;
  for (const auto& c : citizens)
    if (c.id == form.citizen_id) citizen_line = c.name + ", CPR " + c.cpr;
  const std::optional<forms::FormState> state = form.state;
  std::string h = "<section class=\"form\"><h2>" + html_escape(def.meta.display_title()) + "</h2>";
  // The wording's standing (issue 17): an unchecked definition says so in the header.
  if (!def.meta.verified()) h += "<div class=\"unverified\">Ikke kontrolleret mod det officielle skema</div>";
  h += "<div class=\"meta\">" + html_escape(citizen_line) + " · Skemaversion " + html_escape(def.meta.id) + " v" +
       std::to_string(form.form_version) + " · " + std::string(state ? forms::state_label(*state) : "") +
       (form.locked_at ? " " + html_escape(utc_text(form.locked_at)) : "") + "</div>";
  const std::string source = def.meta.verified() ? def.meta.source_title + (def.meta.source_date.empty() ? "" : ", " +
                                 time::format_danish_day(def.meta.source_date)) : def.meta.source_note;
  h += "<div class=\"meta\">Skemaets ordlyd: " + std::string(forms::status_label(def.meta.status)) +
       (source.empty() ? "" : " · " + html_escape(source)) + " · hash " + html_escape(def.meta.content_hash.substr(0, 12)) +
       "</div>";
  for (const auto& section : def.sections) {
    std::string fields;
    for (const auto& f : section.fields) {
      if (!forms::is_visible(def, f, form.content)) continue;
      fields += "<dt>" + html_escape(f.label) + "</dt>";
      const json v = form.content.is_object() && form.content.contains(f.id) ? form.content[f.id] : json();
      if (f.type == FieldType::Table) {
        fields += table_html(f, v);
        continue;
      }
      const std::string text = scalar_text(f, v);
      fields += text.empty() ? "<dd class=\"empty\">Ikke udfyldt</dd>" : "<dd>" + html_escape(text) + "</dd>";
    }
    if (fields.empty()) continue;
    h += "<h3>" + html_escape(section.title) + " <small>(" + std::string(forms::part_label(section.part)) +
         ")</small></h3><dl>" + fields + "</dl>";
  }
  return h + "</section>";
}

std::string report_document_html(const ReportingUnit& unit, const model::ReportBatch& batch, std::size_t recipient,
                                 const std::vector<model::FormInstance>& forms,
                                 const std::vector<model::Citizen>& citizens, const forms::Catalogue& catalogue) {
  std::vector<model::FormInstance> in_batch;
  for (const auto& id : batch.form_ids)
    for (const auto& f : forms)
      if (f.id == id) in_batch.push_back(f);
  if (recipient >= batch.recipients.size()) return {};
  const model::ReportRecipient& who = batch.recipients[recipient];
  const bool moves = is_move_report(batch, forms, catalogue);
  std::vector<std::string> ids;
  for (const auto& share : moves ? move_report_recipients(unit, in_batch) : report_recipients(unit, in_batch, citizens))
    if (share.recipient.kind == who.kind && share.recipient.name == who.name) ids = share.form_ids;

  auto month = parse_month(batch.month);
  const std::string month_text = !month ? batch.month
                                 : moves ? format_quarter(*month)
                                         : time::format_danish_month(month->year, month->month);
  std::string body = std::string(moves ? "<h1>Kvartalsindberetning af flytning uden samtykke – "
                                       : "<h1>Indberetning af magtanvendelse – ") +
                     html_escape(month_text) + "</h1>";
  body += "<div class=\"meta\">" + html_escape(unit.institution.name) + " · " + html_escape(unit.municipality.name) +
          " · Modtager: " + html_escape(who.name) + "</div>";
  body += "<p>Indberetningen omfatter " + std::to_string(ids.size()) +
          (ids.size() == 1 ? " skema" : " skemaer") + ", låst i eller før " + html_escape(month_text) +
          ", i den officielle rækkefølge:</p><table><thead><tr><th>Skema</th><th>Borger</th><th>Indgreb</th>"
          "<th>Låst</th></tr></thead><tbody>";
  std::string pages;
  for (const auto& id : ids) {
    const model::FormInstance* f = nullptr;
    for (const auto& x : in_batch)
      if (x.id == id) f = &x;
    if (f == nullptr) continue;
    const auto* def = catalogue.definition(f->form_id, f->form_version);
    std::string name;
    for (const auto& c : citizens)
      if (c.id == f->citizen_id) name = c.name;
    body += "<tr><td>" + html_escape(def != nullptr ? def->meta.short_title : f->form_id) + "</td><td>" +
            html_escape(name) + "</td><td>" + html_escape(f->started_at ? datetime_text(*f->started_at) : "") +
            "</td><td>" + html_escape(utc_text(f->locked_at)) + "</td></tr>";
    if (def != nullptr) pages += form_html(*def, *f, citizens);
  }
  body += "</tbody></table>" + pages;
  return page("Indberetning " + month_label(batch.month) + " – " + who.name, body);
}

std::string complaint_letter_html(const model::Citizen& citizen, const ReportingUnit& unit, std::string_view today) {
  const std::string day = time::format_danish_day(today);
  const model::Relative* g = model::guardian_of(citizen);
  const std::string guardian = g ? g->name : std::string();
  std::string b = "<div class=\"letter\"><div class=\"meta\">" + html_escape(unit.institution.name) + " · " +
                  html_escape(unit.municipality.name) + " · " + html_escape(day) + "</div>";
  b += "<h1>Skrivelse vedrørende klageadgang</h1>";
  b += "<p>Til " + html_escape(citizen.name) + " (CPR " + html_escape(citizen.cpr) + ")" +
       (guardian.empty() ? "" : " og værge " + html_escape(guardian)) + "</p>";
  b += "<p>Der er anvendt magt over for dig på " + html_escape(unit.institution.name) +
       ". Magtanvendelsen er registreret og indberettet, som loven kræver.</p>";
  const std::string& acting =
      citizen.acting_municipality.empty() ? unit.municipality.name : citizen.acting_municipality;
  b += "<p><strong>Du kan klage over magtanvendelsen.</strong> Der er ingen frist for at klage over et akut indgreb. "
       "Klagen sendes til din handlekommune, " + html_escape(acting) +
       " (Magtanvendelsesudvalget), som vurderer, om indgrebet var lovligt, og giver en udtalelse til dig og til "
       "tilbuddets leder.</p>";
  b += "<p>Har " + html_escape(acting) +
       " truffet en afgørelse om magtanvendelse over for dig (forhåndsgodkendelse), kan du klage over afgørelsen "
       "inden 4 uger fra den dag, du fik afgørelsen at vide. Over de enkelte indgreb, der foretages på baggrund af "
       "afgørelsen, kan der ikke klages; klagen gælder afgørelsen. Kommunen genvurderer afgørelsen inden for 4 uger; "
       "fastholder kommunen afgørelsen, sendes klagen videre til Ankestyrelsen.</p>";
  b += "<p>Du kan klage mundtligt eller skriftligt, og du kan få hjælp til at klage af personalet, dine pårørende "
       "eller din værge.</p>";
  b += "<p>Med venlig hilsen<br>" + html_escape(unit.institution.name) + "</p>";
  b += "<p class=\"meta\">Udleveret den ______________ af ______________________ (notér udleveringen i Magtreg "
       "som et notat mærket »magtanvendelse«).</p></div>";
  return page("Skrivelse vedr. klageadgang – " + citizen.name, b);
}

// [SECTION] a citizen's insight
namespace {

std::string access_action_label(std::string_view action) {
  static const std::pair<std::string_view, std::string_view> k_labels[] = {
      {"read", "læst"},        {"write", "skrevet"},           {"download", "hentet til en tablet"},
      {"list", "vist i en liste"}, {"list_ids", "vist i en liste"}, {"print", "udskrevet"},
      {"export", "eksporteret"}, {"audit_report", "adgangsrapport lavet"}, {"insight_report", "indsigt udleveret"},
      {"import", "importeret"},
  };
  for (const auto& [id, label] : k_labels)
    if (id == action) return std::string(label);
  return std::string(action);
}

std::string access_outcome_label(std::string_view outcome) {
  if (outcome == "ok") return "gennemført";
  if (outcome == "denied") return "afvist (ingen adgang)";
  if (outcome == "refused" || outcome == "conflict" || outcome == "stale") return "afvist";
  if (outcome == "replay") return "gentaget";
  return std::string(outcome);
}

std::string row(std::initializer_list<std::string> cells) {
  std::string r = "<tr>";
  for (const auto& c : cells) r += "<td>" + html_escape(c) + "</td>";
  return r + "</tr>";
}

std::string dl_item(std::string_view label, const std::string& value) {
  return "<dt>" + html_escape(label) + "</dt>" +
         (value.empty() ? "<dd class=\"empty\">Ikke udfyldt</dd>" : "<dd>" + html_escape(value) + "</dd>");
}

}  // namespace

std::string insight_document_html(const InsightRecords& r, const forms::Catalogue& catalogue, std::string_view today) {
  const model::Citizen& c = r.citizen;
  std::string b = "<div class=\"meta\">" + html_escape(r.municipality_name) + " · " + html_escape(time::format_danish_day(today)) +
                  "</div>";
  b += "<h1>Indsigt i oplysninger om magtanvendelse</h1>";
  b += "<p>Til " + html_escape(c.name) + " (CPR " + html_escape(c.cpr) +
       "). Du har ret til at se de oplysninger, " + html_escape(r.municipality_name) +
       " behandler om dig (databeskyttelsesforordningens artikel 15). Her er alt, hvad Magtreg har om dig, og"
       " hvem der har set eller ændret det.</p>";
  b += "<h2>Formål, grundlag og modtagere</h2>";
  b += "<p>Oplysningerne behandles for at registrere, indberette og følge op på magtanvendelse og andre indgreb i"
       " selvbestemmelsesretten, sådan som lovgivningen om magtanvendelse kræver (for voksne serviceloven, for børn"
       " og unge barnets lov, og bekendtgørelserne om magtanvendelse). Grundlaget er databeskyttelsesforordningens"
       " artikel 6, stk. 1, litra c og e, og artikel 9, stk. 2, litra b og g.</p>";
  b += "<p>Registreringerne indberettes til kommunens Magtanvendelsesudvalg og, efter reglerne, til tilbuddets"
       " socialtilsyn og til regionen. Klager over afgørelser sendes til Ankestyrelsen.</p>";
  b += "<p>Oplysningerne opbevares, så længe kommunen skal kunne dokumentere sagsbehandlingen, og slettes efter"
       " kommunens regler for opbevaring. Hvis noget er forkert, kan du bede om at få det rettet. Du kan klage over"
       " kommunens behandling af dine oplysninger til Datatilsynet.</p>";

  b += "<h2>Stamoplysninger</h2><dl>";
  b += dl_item("Navn", c.name) + dl_item("CPR-nummer", c.cpr) + dl_item("Målgruppe", c.target_group == "boern" ? "Børn og unge" : c.target_group == "demens" ? "Demens" : "Handicap") +
       dl_item("Tilbud", r.institution_name) + dl_item("Handlekommune", c.acting_municipality) +
       dl_item("Kan selv klage", c.can_complain_unaided ? "Ja" : "Nej (pårørende eller værge orienteres)");
  for (const auto& rel : c.relatives) b += dl_item("Pårørende (" + rel.relation + ")", rel.name);
  b += "</dl>";

  b += "<h2>Sager (" + std::to_string(r.cases.size()) + ")</h2>";
  if (!r.cases.empty()) {
    b += "<table><thead><tr><th>Sag</th><th>Oprettet</th><th>Afsluttet</th></tr></thead><tbody>";
    for (const auto& k : r.cases) b += row({k.title, utc_text(k.opened_at), k.closed_at ? utc_text(k.closed_at) : "Åben"});
    b += "</tbody></table>";
  }

  b += "<h2>Afgørelser om forhåndsgodkendelse (" + std::to_string(r.decisions.size()) + ")</h2>";
  for (const auto& d : r.decisions) {
    const auto* basis = rules::find_legal_basis(d.basis);
    b += "<dl>" + dl_item("Hjemmel", basis ? rules::basis_label(*basis) : d.basis) +
         dl_item("Afgørelse", d.status == model::DecisionStatus::Granted ? "Godkendt" : d.status == model::DecisionStatus::Refused ? "Afslået" : "Ikke afgjort") +
         dl_item("Gyldig", d.valid_from ? time::format_danish_day(*d.valid_from) + " – " + time::format_danish_day(d.valid_to.value_or("")) : "") +
         dl_item("Betingelser", d.conditions) + dl_item("Truffet", utc_text(d.decided_at)) +
         dl_item("Klagevejledning", d.complaint_guidance) + "</dl>";
  }

  b += "<h2>Klager (" + std::to_string(r.complaints.size()) + ")</h2>";
  for (const auto& k : r.complaints)
    b += "<dl>" + dl_item("Modtaget", utc_text(k.received_at)) + dl_item("Status", sentence_case(model::complaint_status_label(k.status))) +
         dl_item("Udvalgets vurdering", k.committee_assessment) +
         dl_item("Sendt til Ankestyrelsen", utc_text(k.forwarded_at)) + dl_item("Resultat", k.outcome) + "</dl>";

  b += "<h2>Indstillinger til Familieretshuset om flytning (" + std::to_string(r.recommendations.size()) + ")</h2>";
  for (const auto& m : r.recommendations) {
    const bool sent = m.status == model::k_recommendation_sent;
    b += "<dl>" + dl_item("Hjemmel", recommendation_basis_text(m)) +
         dl_item(sent ? "Indstillet til Familieretshuset" : "Afslag på at indstille", time::format_danish_day(m.decided_on)) +
         dl_item("Familieretshusets afgørelse",
                 m.familieretshuset_decided_on
                     ? time::format_danish_day(*m.familieretshuset_decided_on) +
                           (m.familieretshuset_outcome == "granted" ? ": flytning godkendt" : ": flytning afvist")
                     : std::string()) +
         dl_item("Deler bolig med borgeren", m.cohabitant == model::k_no_cohabitant ? "Ingen" : m.cohabitant) +
         dl_item("Vejledt om klageadgang",
                 m.cohabitant_advised_on ? time::format_danish_day(*m.cohabitant_advised_on) : std::string()) +
         "</dl>";
  }

  b += "<h2>Handleplan (" + std::to_string(r.action_plans.size()) + ")</h2>";
  for (const auto& p : r.action_plans)
    b += "<dl>" + dl_item("Formål", p.purpose) + dl_item("Indsats", p.effort) +
         dl_item("Forventet varighed", p.expected_duration) + dl_item("Andre forhold", p.other_matters) +
         dl_item("Opdateret", utc_text(p.updated_at)) + "</dl>";

  b += "<h2>Notater (" + std::to_string(r.notes.size()) + ")</h2>";
  if (!r.notes.empty()) {
    b += "<table><thead><tr><th>Tidspunkt</th><th>Notat</th></tr></thead><tbody>";
    for (const auto& n : r.notes) b += row({utc_text(n.at), n.text});
    b += "</tbody></table>";
  }

  b += "<h2>Skemaer om magtanvendelse (" + std::to_string(r.forms.size()) + ")</h2>";
  const std::vector<model::Citizen> citizens = {c};
  for (const auto& f : r.forms) {
    const auto* def = catalogue.definition(f.form_id, f.form_version);
    if (def != nullptr)
      b += form_html(*def, f, citizens);
    else
      b += "<p>Skema " + html_escape(f.form_id) + " version " + std::to_string(f.form_version) +
           " (definitionen findes ikke i denne version af Magtreg).</p>";
  }

  b += "<h2>Hvem har set eller ændret oplysningerne (" + std::to_string(r.access.size()) + ")</h2>";
  b += "<p>Hver gang en medarbejder eller et program har læst eller ændret oplysninger om dig, er det logget. " +
       html_escape(r.chain) + "</p>";
  if (!r.access.empty()) {
    b += "<table><thead><tr><th>Tidspunkt</th><th>Hvem</th><th>Hvad</th><th>Oplysning</th><th>Udfald</th></tr></thead><tbody>";
    for (const auto& e : r.access)
      b += row({utc_text(e.at), e.who, access_action_label(e.action), e.object_kind, access_outcome_label(e.outcome)});
    b += "</tbody></table>";
  }
  return page("Indsigt – " + c.name, b);
}

}  // namespace magtreg::core::workflow
