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

namespace {
std::string_view spec_heading(Field field) { return spec(field).text_heading; }
}  // namespace

std::vector<std::pair<std::string, std::string>> verdict_lines(const Dataset& data, const PairRecord& record,
                                                               VerdictOptions options) {
  std::vector<std::pair<std::string, std::string>> lines;
  auto scale_value = [&](const Scale& scale, std::string_view id, bool with_id) -> std::string {
    const ScaleEntry* entry = scale.find(id);
    if (!entry) return std::string(id);
    std::string head = with_id ? fmt::format("{} ({})", entry->id, entry->name) : entry->name;
    return options.short_scales ? head : fmt::format("{}: {}", head, entry->description);
  };
  for (const auto& spec : field_specs()) {
    const auto& value = record[spec.field];
    if (spec.place != FieldPlace::verdict || value.is_null()) continue;
    std::string label(spec.text_heading), text;
    auto note = [&] {
      auto it = value.find("note");
      return it == value.end() ? std::string() : " " + it->template get<std::string>();
    };
    switch (spec.field) {
      case Field::tier: text = scale_value(data.scales().tiers, value.get<std::string>(), true); break;
      case Field::significance: text = scale_value(data.scales().significance, value.get<std::string>(), false); break;
      case Field::labelling: {
        std::string status = value["status"].get<std::string>();
        text = status == "contraindicated" ? "Contraindicated: labelling says not to combine them."
               : status == "warns"         ? "Labelling warns about the combination."
               : status == "silent"        ? "Labelling does not address the combination."
                                           : "No product labelling applies.";
        text += note();
        break;
      }
      case Field::review: {
        std::string status = value["status"].get<std::string>();
        if (status == "draft")  // a draft's note says what it is, when it has one
          text = value.contains("note") ? "Draft:" + note() : "Draft: not yet checked by a clinician.";
        else if (status == "source-text")
          text = "Source text: a source article, not independently reviewed." + note();
        else
          text = fmt::format("Checked on {}{}.", value.value("date", ""),
                             value.contains("reviewer") ? " by " + value["reviewer"].get<std::string>() : "") +
                 note();
        break;
      }
      case Field::applies_to: {
        std::vector<std::string> covered, others;
        for (const auto& code : value) {
          std::size_t index = data.find_code(code.get<std::string>());
          covered.push_back(index == Dataset::npos ? code.get<std::string>() : std::string(data.interventions()[index].name));
        }
        for (const auto& side : record.codes) {
          std::size_t index = data.find_code(side);
          if (index == Dataset::npos) continue;
          for (auto member : data.interventions()[index].members) {
            bool listed = std::any_of(value.begin(), value.end(), [&](const auto& c) { return same_code(c.template get<std::string>(), member); });
            if (listed) continue;
            std::size_t other = data.find_code(member);
            others.push_back(other == Dataset::npos ? std::string(member) : std::string(data.interventions()[other].name));
          }
        }
        text = fmt::format("{}", fmt::join(covered, ", "));
        if (!others.empty()) text += fmt::format("; not to {}", fmt::join(others, ", "));
        break;
      }
      case Field::origin:
        if (!options.verbose) continue;
        text = fmt::format("{}{}{}", value.value("file", ""),
                           value.contains("line") ? fmt::format(":{}", value["line"].get<std::int64_t>()) : "",
                           value.contains("value") ? fmt::format(" (\"{}\")", value["value"].get<std::string>()) : "");
        break;
      default: text = value.is_string() ? value.get<std::string>() : plain_text(value);
    }
    lines.emplace_back(std::move(label), std::move(text));
  }
  return lines;
}

std::string text_pair(const Dataset& data, const PairRecord& record, const TextStyle& style) {
  require_parts(record, RecordParts::whole);
  std::string out;
  const auto& [a, b] = record.codes;
  // Wrap the plain heading, then embolden the codes, so escape sequences never count as width.
  std::string codes = safe(fmt::format("{} + {}", a, b));
  auto heading = wrap(codes + " · " + safe(fmt::format("{} + {}", name_of(data, a), name_of(data, b))), style.width);
  if (heading.front().rfind(codes, 0) == 0) heading.front().replace(0, codes.size(), bold(style, codes));
  for (const auto& line : heading) out += line + "\n";
  if (auto title = record.text(Field::title); !title.empty()) add_wrapped(out, title, style, "");
  out += "\n";

  auto add_field = [&](std::string_view label, const std::string& value) {
    std::string first = fmt::format("  {:<15}", label);
    add_wrapped(out, value, style, std::string(17, ' '), first);
  };
  for (const auto& [label, text] : verdict_lines(data, record, {.verbose = style.verbose})) {
    const ScaleEntry* level = data.scales().significance.find(record.text(Field::significance));
    if (label == spec(Field::significance).text_heading && style.color && level) {
      // Colour the level's name only; wrap the plain text first so widths stay right.
      std::string plain;
      for (auto& line : wrap(escape_controls(text, true), style.width, std::string(17, ' '), "  Significance   "))
        plain += line + "\n";
      std::string name = safe(level->name);
      std::size_t at = plain.find(name);
      if (at != std::string::npos) plain.replace(at, name.size(), colored(style, significance_sgr(data, level->id), name));
      out += plain;
    } else {
      add_field(label, text);
    }
  }
  if (style.verbose) add_field("Source", data.layers()[record.layer].source + " " + record.pointer);

  for (const auto& spec : field_specs()) {
    const auto& value = record[spec.field];
    if (spec.place != FieldPlace::section || value.is_null()) continue;
    if (spec.field == Field::limitations) {
      // A part of the evidence section, under its own small heading.
      if (!record[Field::evidence_summary].is_null()) out += "\n";
      else add_heading(out, spec_heading(Field::evidence_summary), style);
      out += "  " + bold(style, spec.text_heading) + "\n";
    } else {
      add_heading(out, spec.text_heading, style);
    }
    switch (spec.type) {
      case FieldType::faq: {
        bool first = true;
        for (const auto& entry : value) {
          if (!first) out += "\n";
          first = false;
          add_wrapped(out, entry["question"].get<std::string>(), style, "     ", "  Q: ");
          add_wrapped(out, entry["answer"].get<std::string>(), style, "     ", "  A: ");
        }
        break;
      }
      case FieldType::references: {
        std::vector<std::string> items;
        for (const auto& item : value) items.push_back(reference_text(item));
        add_bullets(out, items, style);
        break;
      }
      case FieldType::text_list: add_bullets(out, value.get<std::vector<std::string>>(), style); break;
      default: add_prose(out, value.get<std::string>(), style);
    }
  }
  out += "\n";
  for (auto& line : wrap(disclaimer, style.width)) out += dim(style, line) + "\n";
  return out;
}

namespace {

// "Use with caution: A real risk ...", escaped, uncoloured.
std::string verdict_plain(const Dataset& data, const PairRecord& record) {
  const ScaleEntry* level = data.scales().significance.find(record.text(Field::significance));
  return level ? safe(level->name) + ": " + safe(level->description) : safe(record.text(Field::significance));
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
  for (auto& line : wrap(record.text(Field::significance).empty() ? "not rated" : verdict_plain(data, record), style.width,
                         std::string(10, ' '), "Verdict   "))
    plain += line + "\n";
  if (const ScaleEntry* level = data.scales().significance.find(record.text(Field::significance)); level && style.color) {
    std::string name = safe(level->name);
    std::size_t at = plain.find(name);
    if (at != std::string::npos) plain.replace(at, name.size(), colored(style, significance_sgr(data, level->id), name));
  }
  out += plain;
  std::string tier_text = "not rated";
  if (!record.text(Field::tier).empty()) {
    const ScaleEntry* tier = data.scales().tiers.find(record.text(Field::tier));
    tier_text = safe(record.text(Field::tier)) + (tier ? " (" + safe(tier->name) + ")" : "");
  }
  add_wrapped(out, tier_text, style, std::string(10, ' '), "Evidence  ");
  // A few lines of the summary: its first paragraph, cut at four lines.
  if (std::string_view summary = first_paragraph(record.text(Field::summary)); !summary.empty()) {
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
  if (!record.list(Field::cautions).empty()) {
    out += "\n" + bold(style, "Weigh these before combining") + "\n";
    add_bullets(out, record.list(Field::cautions), style);
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
    const ScaleEntry* level = data.scales().significance.find(record.text(Field::significance));
    level_width = std::max(level_width, display_width(levels(record.text(Field::significance), [&](std::string_view id, std::string& cell) {
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
    out += tiers(record.text(Field::tier), [](std::string_view tier, std::string& cell) {
      fit_into(cell, tier.empty() ? "-" : safe(tier), 3);
      cell += "  ";
    });
    const ScaleEntry* level = data.scales().significance.find(record.text(Field::significance));
    std::string_view level_cell = levels(record.text(Field::significance), [&](std::string_view id, std::string& cell) {
      cell = level ? safe(level->name) : id.empty() ? "-" : safe(id);
    });
    const std::size_t level_at = out.size();
    const std::size_t level_bytes = level_cell.size();
    out += level_cell;
    out.append(level_width - display_width(level_cell) + 2, ' ');

    std::size_t title_start = out.size();
    if (record.text(Field::title).empty()) out += names;  // as pair_title() has it
    else escape_controls_into(out, record.text(Field::title));
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
