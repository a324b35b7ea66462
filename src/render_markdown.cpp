// Markdown renderer; see render_markdown.hpp.
#include "pairinfo/render_markdown.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pairinfo/render_text.hpp"
#include "pairinfo/resolve.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {
namespace {

// Control characters escaped, and <, > and & as entities: data may not inject HTML into
// a published page.
std::string safe(std::string_view text) {
  std::string out;
  for (char c : escape_controls(text, true)) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

// One paragraph per line, blank line between.
void add_paragraphs(std::string& out, std::string_view text) {
  for (auto paragraph : paragraphs(text)) {
    std::string line = safe(paragraph);
    std::replace(line.begin(), line.end(), '\n', ' ');
    out += line + "\n\n";
  }
}

std::string name_of(const Dataset& data, const std::string& code) {
  std::size_t index = data.find_code(code);
  return index == Dataset::npos ? code : std::string(data.interventions()[index].name);
}

std::string table_cell(std::string_view text) {
  std::string out;
  for (char c : safe(text)) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

std::string markdown_pair(const Dataset& data, const PairRecord& record) {
  require_parts(record, RecordParts::whole);
  std::string out;
  // Metadata as a comment too, for tools that read it.
  std::string meta = fmt::format("pairinfo: {} + {}", record.codes[0], record.codes[1]);
  if (auto tier = record.text(Field::tier); !tier.empty()) meta += fmt::format("; tier {}", tier);
  if (auto level = record.text(Field::significance); !level.empty()) meta += fmt::format("; significance {}", level);
  std::string comment = safe(meta);
  for (std::size_t at; (at = comment.find("--")) != std::string::npos;) comment.replace(at, 2, "- -");
  out += "<!-- " + comment + " -->\n";
  out += "# " + safe(pair_title(data, record)) + "\n\n";
  // The verdict as text, where a reader of the published page sees it.
  for (const auto& [label, value] : verdict_lines(data, record, {.short_scales = true}))
    out += fmt::format("- **{}:** {}\n", label, safe(value));
  out += "\n";
  const std::string_view context = record.text(Field::clinical_context);
  for (const auto& spec : field_specs()) {
    if (spec.place != FieldPlace::section) continue;
    const auto& value = record[spec.field];
    if (value.is_null()) continue;
    // Cautions the clinical context already names in its own words are not listed again.
    if (spec.field == Field::cautions && std::all_of(value.begin(), value.end(), [&](const auto& c) {
          return context.find(c.template get_ref<const std::string&>()) != std::string_view::npos;
        }))
      continue;
    if (!spec.markdown_heading.empty()) out += fmt::format("## {}\n\n", spec.markdown_heading);
    switch (spec.type) {
      case FieldType::faq:
        for (const auto& entry : value)
          out += "Q: " + safe(entry["question"].get<std::string>()) + "\n\nA: " + safe(entry["answer"].get<std::string>()) + "\n\n";
        break;
      case FieldType::references:
        for (const auto& item : value) out += "- " + safe(reference_text(item)) + "\n";
        out += "\n";
        break;
      case FieldType::text_list:
        for (const auto& item : value) out += "- " + safe(item.get<std::string>()) + "\n";
        out += "\n";
        break;
      default:
        add_paragraphs(out, value.get<std::string>());
    }
  }
  out += fmt::format("---\n\n*{}*\n", disclaimer);
  return out;
}

std::string markdown_no_record(const Dataset& data, std::size_t a, std::size_t b) {
  const auto& all = data.interventions();
  std::string out = fmt::format("# {} + {}\n\n", table_cell(all[a].name), table_cell(all[b].name));
  out += fmt::format("No record for {} ({}) + {} ({}).\n\n", table_cell(all[a].code), table_cell(all[a].name),
                     table_cell(all[b].code), table_cell(all[b].name));
  out += fmt::format("**{}**\n\n", no_record_caveat);
  out += fmt::format("*{}*\n", disclaimer);
  return out;
}

std::string markdown_check(const Dataset& data, const RegimenCheck& check) {
  const auto& all = data.interventions();
  std::string out = "# Regimen check\n\n";
  for (std::size_t i = 0; i < check.interventions.size(); ++i) {
    const InterventionView intervention = all[check.interventions[i]];
    out += fmt::format("{}. {} ({})\n", i + 1, table_cell(intervention.name), table_cell(intervention.code));
  }
  out += "\n";
  if (!check.unresolved.empty()) {
    out += "## Names not recognised\n\n";
    for (const auto& miss : check.unresolved)
      out += fmt::format("- \"{}\": {}\n", table_cell(miss.term),
                         table_cell(describe_miss(data, miss.ambiguous, miss.suggestions)));
    out += "\nPairs with these names were not checked: this report is incomplete.\n\n";
  }
  for (const auto& [term, index] : check.duplicates)
    out += fmt::format("Note: \"{}\" is {} ({}), already listed; counted once.\n\n", table_cell(term), all[index].code,
                       table_cell(all[index].name));
  if (check.interventions.size() >= 2) {
    out += "| |";
    for (std::size_t j = 0; j < check.interventions.size(); ++j) out += fmt::format(" {} |", j + 1);
    out += "\n|---|";
    for (std::size_t j = 0; j < check.interventions.size(); ++j) out += "---|";
    out += "\n";
    for (std::size_t i = 0; i < check.interventions.size(); ++i) {
      out += fmt::format("| {}. {} |", i + 1, table_cell(all[check.interventions[i]].name));
      for (std::size_t j = 0; j < check.interventions.size(); ++j) {
        if (i == j) {
          out += " · |";
          continue;
        }
        std::size_t record = check.record_between(check.interventions[i], check.interventions[j]);
        if (record == Dataset::npos) {
          out += " no record |";
          continue;
        }
        const PairRecord& r = data.pairs()[record];
        std::string_view significance = r.text(Field::significance), tier = r.text(Field::tier);
        const ScaleEntry* level = data.scales().significance.find(significance);
        out += fmt::format(" {}{} |", table_cell(level ? level->name : (significance.empty() ? "not rated" : significance)),
                           tier.empty() ? "" : ", " + table_cell(tier));
      }
      out += "\n";
    }
    out += "\n";
  }
  if (!check.found.empty()) {
    out += "## Pairs with a record\n\n";
    for (std::size_t index : check.found) {
      const PairRecord& record = data.pairs()[index];
      require_parts(record, RecordParts::summary);
      std::string_view significance = record.text(Field::significance), tier = record.text(Field::tier);
      const ScaleEntry* level = data.scales().significance.find(significance);
      out += fmt::format("### {} + {}\n\n", table_cell(name_of(data, record.codes[0])), table_cell(name_of(data, record.codes[1])));
      out += fmt::format("**{}**{}\n\n", table_cell(level ? level->name : (significance.empty() ? "Not rated" : significance)),
                         tier.empty() ? "" : fmt::format(" · evidence tier {}", table_cell(tier)));
      add_paragraphs(out, record.text(Field::summary));
      auto cautions = record.list(Field::cautions);
      for (const auto& caution : cautions) out += "- " + safe(caution) + "\n";
      if (!cautions.empty()) out += "\n";
    }
  }
  if (!check.missing.empty()) {
    out += "## Pairs without a record\n\n";
    for (const auto& [a, b] : check.missing)
      out += fmt::format("- {} + {}\n", table_cell(all[a].name), table_cell(all[b].name));
    out += fmt::format("\n{}\n\n", no_record_caveat);
  }
  out += fmt::format("*{}*\n", disclaimer);
  return out;
}

}  // namespace pairinfo
