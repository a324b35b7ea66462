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
  // Metadata as a comment: invisible when published, and it keeps the article itself unchanged.
  std::string meta = fmt::format("pairinfo: {} + {}", record.codes[0], record.codes[1]);
  if (!record.evidence.tier.empty()) meta += "; tier " + record.evidence.tier;
  if (!record.significance.empty()) meta += "; significance " + record.significance;
  if (!record.reviewed.empty()) meta += "; reviewed " + record.reviewed;
  std::string comment = safe(meta);
  for (std::size_t at; (at = comment.find("--")) != std::string::npos;) comment.replace(at, 2, "- -");
  out += "<!-- " + comment + " -->\n";
  out += "# " + safe(pair_title(data, record)) + "\n\n";
  // The verdict as text a reader sees, not only in the comment.
  const ScaleEntry* level = data.scales().significance.find(record.significance);
  const ScaleEntry* tier = data.scales().tiers.find(record.evidence.tier);
  out += "> **Significance:** " +
         (record.significance.empty() ? std::string("not rated")
                                      : level ? safe(level->name) + " (" + safe(level->description) + ")" : safe(record.significance)) +
         "  \n";
  out += "> **Evidence tier:** " +
         (record.evidence.tier.empty() ? std::string("not rated")
                                       : tier ? safe(tier->id) + " (" + safe(tier->name) + ")" : safe(record.evidence.tier)) +
         "  \n";
  out += "> **Reviewed:** " + (record.reviewed.empty() ? std::string("no review date given") : safe(record.reviewed)) + "\n\n";
  add_paragraphs(out, record.summary);
  if (!record.mechanism.empty()) {
    out += "## How It Works\n\n";
    add_paragraphs(out, record.mechanism);
  }
  if (!record.evidence.summary.empty() || !record.evidence.limitations.empty()) {
    out += "## What the Evidence Says\n\n";
    add_paragraphs(out, record.evidence.summary);
    add_paragraphs(out, record.evidence.limitations);
  }
  if (!record.clinical_context.empty()) {
    out += "## Clinical Context\n\n";
    add_paragraphs(out, record.clinical_context);
  }
  bool cautions_in_context = std::all_of(record.cautions.begin(), record.cautions.end(), [&](const std::string& c) {
    return record.clinical_context.find(c) != std::string::npos;
  });
  if (!record.cautions.empty() && !cautions_in_context) {
    out += "## Cautions\n\n";
    for (const auto& item : record.cautions) out += "- " + safe(item) + "\n";
    out += "\n";
  }
  if (!record.takeaways.empty()) {
    out += "## Key Takeaways\n\n";
    for (const auto& item : record.takeaways) out += "- " + safe(item) + "\n";
    out += "\n";
  }
  if (!record.faq.empty()) {
    out += "## Frequently Asked Questions\n\n";
    for (const auto& entry : record.faq) out += "Q: " + safe(entry.question) + "\n\nA: " + safe(entry.answer) + "\n\n";
  }
  if (!record.references.empty()) {
    out += "## References\n\n";
    for (const auto& item : record.references) out += "- " + safe(item) + "\n";
    out += "\n";
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
        std::size_t record = data.find_pair(all[check.interventions[i]].code, all[check.interventions[j]].code);
        if (record == Dataset::npos) {
          out += " no record |";
          continue;
        }
        const PairRecord& r = data.pairs()[record];
        const ScaleEntry* level = data.scales().significance.find(r.significance);
        out += fmt::format(" {}{} |", table_cell(level ? level->name : (r.significance.empty() ? "not rated" : r.significance)),
                           r.evidence.tier.empty() ? "" : ", " + table_cell(r.evidence.tier));
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
      const ScaleEntry* level = data.scales().significance.find(record.significance);
      out += fmt::format("### {} + {}\n\n", table_cell(name_of(data, record.codes[0])), table_cell(name_of(data, record.codes[1])));
      out += fmt::format("**{}**{}\n\n", table_cell(level ? level->name : (record.significance.empty() ? "Not rated" : record.significance)),
                         record.evidence.tier.empty() ? "" : fmt::format(" · evidence tier {}", table_cell(record.evidence.tier)));
      add_paragraphs(out, record.summary);
      for (const auto& caution : record.cautions) out += "- " + safe(caution) + "\n";
      if (!record.cautions.empty()) out += "\n";
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
