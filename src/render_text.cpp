// Text renderer; see render_text.hpp.
#include "pairinfo/render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "pairinfo/render_text_parts.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {

const char* const disclaimer =
    "Informational only: no substitute for advice from a clinician who knows your situation.";

const char* const no_record_caveat =
    "No record is not evidence that a combination is safe: it means this data has nothing on it.";

using namespace text_parts;

std::string text_pair(const Dataset& data, const PairRecord& record, const TextStyle& style) {
  require_parts(record, RecordParts::whole);
  std::string out;
  const auto& [a, b] = record.codes;
  // Wrap the plain heading, then embolden the codes, so escape sequences never count as width.
  std::string codes = safe(fmt::format("{} + {}", a, b));
  auto heading = wrap(codes + " · " + safe(fmt::format("{} + {}", name_of(data, a), name_of(data, b))), style.width);
  if (heading.front().rfind(codes, 0) == 0) heading.front().replace(0, codes.size(), bold(style, codes));
  for (const auto& line : heading) out += line + "\n";
  if (!record.title.empty()) add_wrapped(out, record.title, style, "");
  out += "\n";

  auto add_field = [&](std::string_view label, const std::string& value) {
    std::string first = fmt::format("  {:<15}", label);
    add_wrapped(out, value, style, std::string(17, ' '), first);
  };
  if (!record.evidence.tier.empty()) {
    const ScaleEntry* tier = data.scales().tiers.find(record.evidence.tier);
    add_field("Evidence tier", tier ? fmt::format("{} ({}): {}", tier->id, tier->name, tier->description)
                                    : record.evidence.tier);
  }
  if (!record.significance.empty()) {
    const ScaleEntry* level = data.scales().significance.find(record.significance);
    std::string text = level ? fmt::format("{}: {}", level->name, level->description) : record.significance;
    if (style.color && level) {
      // Colour the level's name only; wrap the plain text first so widths stay right.
      std::string plain;
      for (auto& line : wrap(escape_controls(text, true), style.width, std::string(17, ' '), "  Significance   "))
        plain += line + "\n";
      std::string name = safe(level->name);
      std::size_t at = plain.find(name);
      if (at != std::string::npos) plain.replace(at, name.size(), colored(style, significance_sgr(data, level->id), name));
      out += plain;
    } else {
      add_field("Significance", text);
    }
  }
  if (!record.reviewed.empty()) add_field("Reviewed", record.reviewed);
  if (style.verbose) add_field("Source", data.layers()[record.layer].source + " " + record.pointer);

  if (!record.summary.empty()) {
    add_heading(out, "Summary", style);
    add_prose(out, record.summary, style);
  }
  if (!record.mechanism.empty()) {
    add_heading(out, "How it works", style);
    add_prose(out, record.mechanism, style);
  }
  if (!record.evidence.summary.empty() || !record.evidence.limitations.empty()) {
    add_heading(out, "What the evidence says", style);
    add_prose(out, record.evidence.summary, style);
    if (!record.evidence.limitations.empty()) {
      if (!record.evidence.summary.empty()) out += "\n";
      out += "  " + bold(style, "Limitations") + "\n";
      add_prose(out, record.evidence.limitations, style);
    }
  }
  if (!record.clinical_context.empty()) {
    add_heading(out, "Clinical context", style);
    add_prose(out, record.clinical_context, style);
  }
  if (!record.cautions.empty()) {
    add_heading(out, "Cautions: risk factors to weigh", style);
    add_bullets(out, record.cautions, style);
  }
  if (!record.takeaways.empty()) {
    add_heading(out, "Key takeaways", style);
    add_bullets(out, record.takeaways, style);
  }
  if (!record.faq.empty()) {
    add_heading(out, "Frequently asked questions", style);
    bool first = true;
    for (const auto& entry : record.faq) {
      if (!first) out += "\n";
      first = false;
      add_wrapped(out, entry.question, style, "     ", "  Q: ");
      add_wrapped(out, entry.answer, style, "     ", "  A: ");
    }
  }
  if (!record.references.empty()) {
    add_heading(out, "References", style);
    add_bullets(out, record.references, style);
  }
  out += "\n";
  for (auto& line : wrap(disclaimer, style.width)) out += dim(style, line) + "\n";
  return out;
}

namespace {

// "Use with caution: A real risk ...", escaped, uncoloured.
std::string verdict_plain(const Dataset& data, const PairRecord& record) {
  const ScaleEntry* level = data.scales().significance.find(record.significance);
  return level ? safe(level->name) + ": " + safe(level->description) : safe(record.significance);
}

}  // namespace

std::string text_pair_brief(const Dataset& data, const PairRecord& record, const TextStyle& style) {
  require_parts(record, RecordParts::summary);
  std::string out;
  const auto& [a, b] = record.codes;
  add_wrapped(out, fmt::format("{} + {} ({} + {})", name_of(data, a), name_of(data, b), a, b), style, "", "");
  // The verdict first: what to do, and how sure the evidence is.
  out += "\n";
  // Wrapped plain (escape sequences must not count as width), then the level's name coloured.
  std::string plain;
  for (auto& line : wrap(record.significance.empty() ? "not rated" : verdict_plain(data, record), style.width,
                         std::string(10, ' '), "Verdict   "))
    plain += line + "\n";
  if (const ScaleEntry* level = data.scales().significance.find(record.significance); level && style.color) {
    std::string name = safe(level->name);
    std::size_t at = plain.find(name);
    if (at != std::string::npos) plain.replace(at, name.size(), colored(style, significance_sgr(data, level->id), name));
  }
  out += plain;
  std::string tier_text = "not rated";
  if (!record.evidence.tier.empty()) {
    const ScaleEntry* tier = data.scales().tiers.find(record.evidence.tier);
    tier_text = safe(record.evidence.tier) + (tier ? " (" + safe(tier->name) + ")" : "");
  }
  add_wrapped(out, tier_text, style, std::string(10, ' '), "Evidence  ");
  // A few lines of the summary: its first paragraph, cut at four lines.
  if (std::string_view summary = first_paragraph(record.summary); !summary.empty()) {
    std::string wrapped;
    add_wrapped(wrapped, summary, style, "  ", "  ");
    std::size_t lines = 0, at = 0;
    while (at < wrapped.size() && lines < 4) {
      at = wrapped.find('\n', at);
      if (at == std::string::npos) break;
      ++at;
      ++lines;
    }
    out += "\n";
    if (at < wrapped.size() && at != std::string::npos) {
      wrapped.resize(at - 1);
      wrapped += " …\n";
    }
    out += wrapped;
  }
  if (!record.cautions.empty()) {
    out += "\n" + bold(style, "Weigh these before combining") + "\n";
    add_bullets(out, record.cautions, style);
  }
  out += "\n";
  add_wrapped(out, "The whole record: pairinfo " + safe(a) + " " + safe(b), style, "", "");
  for (auto& line : wrap(disclaimer, style.width)) out += dim(style, line) + "\n";
  return out;
}

std::string text_pair_lines(const Dataset& data, const std::vector<std::size_t>& records, const TextStyle& style) {
  // Columns: codes, names, tier, significance, title. Codes and the significance are never
  // cut: the code column is as wide as the widest pair of codes shown, the significance
  // column as the widest level shown. Names are cut only on a terminal, where the title
  // gives way first; piped, every line is whole.
  std::string codes;  // every line's codes, one after another
  struct Codes {
    std::size_t end, width;
  };
  std::vector<Codes> code_cells;
  code_cells.reserve(records.size());
  std::size_t code_width = 18, names_width = 0, level_width = 1;
  SafeNames names_of(data);
  CellCache levels;
  std::string names;
  for (std::size_t index : records) {
    const PairRecord& record = data.pairs()[index];
    std::size_t start = codes.size();
    add_safe_pair(codes, record.codes[0], record.codes[1]);
    code_cells.push_back({codes.size(), display_width(std::string_view(codes).substr(start))});
    code_width = std::max(code_width, code_cells.back().width);
    names.clear();
    add_pair(names, names_of(record.codes[0]), names_of(record.codes[1]));
    names_width = std::max(names_width, display_width(names));
    const ScaleEntry* level = data.scales().significance.find(record.significance);
    level_width = std::max(level_width, display_width(levels(record.significance, [&](std::string_view id, std::string& cell) {
                                           cell = level ? safe(level->name) : id.empty() ? "-" : safe(id);
                                         })));
  }
  const std::size_t fixed = code_width + 2 + 5 + level_width + 2;  // codes, tier and significance with their gaps
  if (style.terminal) {
    names_width = std::min<std::size_t>(names_width, 44);
    std::size_t room = style.width > fixed ? style.width - fixed : 0;  // for the names and the title
    names_width = std::min(names_width, room >= 2 ? room - 2 : 0);
  }
  CellCache tiers;
  std::string out;
  out.reserve(records.size() * (fixed + names_width + 60));
  for (std::size_t k = 0; k < records.size(); ++k) {
    const PairRecord& record = data.pairs()[records[k]];
    const std::size_t line_start = out.size();
    std::size_t codes_start = k == 0 ? 0 : code_cells[k - 1].end;
    out.append(codes, codes_start, code_cells[k].end - codes_start);
    out.append(code_width - code_cells[k].width + 2, ' ');  // fits: the column is the widest
    names.clear();
    add_pair(names, names_of(record.codes[0]), names_of(record.codes[1]));
    if (names_width > 0) {
      fit_into(out, names, names_width);
      out += "  ";
    }
    out += tiers(record.evidence.tier, [](std::string_view tier, std::string& cell) {
      fit_into(cell, tier.empty() ? "-" : safe(tier), 3);
      cell += "  ";
    });
    const ScaleEntry* level = data.scales().significance.find(record.significance);
    std::string_view level_cell = levels(record.significance, [&](std::string_view id, std::string& cell) {
      cell = level ? safe(level->name) : id.empty() ? "-" : safe(id);
    });
    const std::size_t level_at = out.size();
    const std::size_t level_bytes = level_cell.size();
    out += level_cell;
    out.append(level_width - display_width(level_cell) + 2, ' ');

    std::size_t title_start = out.size();
    if (record.title.empty()) out += names;  // as pair_title() has it
    else escape_controls_into(out, record.title);
    if (style.terminal) {
      std::size_t used = display_width(std::string_view(out).substr(line_start, title_start - line_start));
      std::size_t room = style.width > used ? style.width - used : 0;
      if (display_width(std::string_view(out).substr(title_start)) > room) {
        std::string title = out.substr(title_start);
        out.resize(title_start);
        if (room >= 2) fit_into(out, title, room);
      }
    }
    // Colour last, so escape sequences never count as width.
    if (level && style.color)
      out.replace(level_at, level_bytes, colored(style, significance_sgr(data, level->id), out.substr(level_at, level_bytes)));
    while (out.size() > line_start && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return out;
}

std::string text_search(const Dataset& data, const std::vector<SearchHit>& hits, const TextStyle& style) {
  std::string out;
  for (const auto& hit : hits) {
    out += text_pair_lines(data, {hit.pair}, style);
    // Highlight the matched words; the snippet is escaped piece by piece so ranges stay right.
    std::string snippet;
    std::size_t at = 0;
    for (const auto& [from, to] : hit.highlights) {
      snippet += escape_controls(std::string_view(hit.snippet).substr(at, from - at));
      snippet += colored(style, "1;33", escape_controls(std::string_view(hit.snippet).substr(from, to - from)));
      at = to;
    }
    snippet += escape_controls(std::string_view(hit.snippet).substr(at));
    if (style.color) {
      out += "    " + dim(style, hit.field + ":") + " " + snippet + "\n";
    } else {
      for (auto& line : wrap(hit.field + ": " + snippet, style.terminal ? style.width : 100000, "      ", "    "))
        out += line + "\n";
    }
  }
  return out;
}

std::string text_interventions(const Dataset& data, const std::vector<std::size_t>& indexes, const TextStyle& style) {
  std::string out;
  for (std::size_t index : indexes) {
    const InterventionView intervention = data.interventions()[index];
    std::string aliases;
    for (std::string_view alias : intervention.aliases) (aliases += aliases.empty() ? "" : ", ") += alias;
    std::size_t count = data.pairs_with(index).size();
    std::string line = fit(safe(intervention.code), 9) + " " + fit(safe(intervention.name), 32) + " " +
                       fit(safe(intervention.category), 11) + " " + fmt::format("{:>3} pairs", count);
    if (!aliases.empty()) line += "  " + safe(aliases);
    if (style.terminal && display_width(line) > style.width) line = fit(line, style.width);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string text_scales(const Dataset& data, const TextStyle& style) {
  std::string out;
  auto add_scale = [&](std::string_view title, const Scale& scale, bool is_significance) {
    out += bold(style, title) + "\n";
    for (const auto& entry : scale.entries) {
      std::string label = safe(entry.id);
      if (is_significance) label = colored(style, significance_sgr(data, entry.id), label);
      std::size_t id_width = display_width(safe(entry.id));
      std::string head = fmt::format("  {}{} ", label, std::string(id_width < 11 ? 11 - id_width : 1, ' '));
      std::string symbol = entry.symbol.empty() ? "" : fmt::format(" [{}]", entry.symbol);
      out += head + bold(style, safe(entry.name)) + safe(symbol) + "\n";
      add_wrapped(out, entry.description, style, std::string(14, ' '));
    }
  };
  add_scale("Evidence tiers (strongest first)", data.scales().tiers, false);
  out += "\n";
  add_scale("Clinical significance (least to most serious)", data.scales().significance, true);
  return out;
}

std::string text_sources(const Dataset& data, const TextStyle& style) {
  auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  std::string out;
  for (std::size_t i = 0; i < data.layers().size(); ++i) {
    const LayerInfo& layer = data.layers()[i];
    out += fmt::format("{}  {}  {}, {}{}\n", i + 1, safe(layer.source), count(layer.interventions, "intervention", "interventions"),
                       count(layer.pairs, "pair", "pairs"), layer.name.empty() ? "" : "  (" + safe(layer.name) + ")");
  }
  // Pairs in effect would need every record decoded; a later layer may replace earlier ones.
  out += fmt::format("in effect: {}\n", count(data.interventions().size(), "intervention", "interventions"));
  (void)style;
  return out;
}

}  // namespace pairinfo
