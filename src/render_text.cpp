// Text renderer; see render_text.hpp.
#include "pairinfo/render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "pairinfo/resolve.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {

const char* const disclaimer =
    "Informational only: no substitute for advice from a clinician who knows your situation.";

const char* const no_record_caveat =
    "No record is not evidence that a combination is safe: it means this data has nothing on it.";

namespace {

std::string safe(std::string_view text) { return escape_controls(text); }

std::string_view name_of(const Dataset& data, const std::string& code) {
  std::size_t index = data.find_code(code);
  return index == Dataset::npos ? std::string_view(code) : data.interventions()[index].name;
}

// safe(name_of(code)) for many records, which share codes: a list mostly has one code in every
// record, a regimen check a few codes in many. Each code is looked up and escaped once.
class SafeNames {
 public:
  explicit SafeNames(const Dataset& data) : data_(data) {}

  std::string_view operator()(const std::string& code) {
    // The two codes last asked for, checked without hashing.
    if (recent_[0] && recent_[0]->first == code) return recent_[0]->second;
    if (recent_[1] && recent_[1]->first == code) {
      std::swap(recent_[0], recent_[1]);
      return recent_[0]->second;
    }
    auto [at, added] = names_.try_emplace(code);
    if (added) at->second = safe(name_of(data_, code));
    recent_[1] = recent_[0];
    recent_[0] = &*at;
    return at->second;
  }

 private:
  using Names = std::unordered_map<std::string_view, std::string>;  // keys view the records' codes
  const Dataset& data_;
  Names names_;
  Names::value_type* recent_[2] = {nullptr, nullptr};  // elements stay put as the map grows
};

// Appends safe("A + B") without building "A + B": escaping goes character by character.
void add_safe_pair(std::string& out, std::string_view a, std::string_view b) {
  escape_controls_into(out, a);
  out += " + ";
  escape_controls_into(out, b);
}

// Appends "A + B" from names already made safe.
void add_pair(std::string& out, std::string_view a, std::string_view b) {
  out += a;
  out += " + ";
  out += b;
}

// The cells of a column with few distinct values (tiers, significance levels), each made once.
// Values past the first few are made each time, so odd data costs time, not memory.
class CellCache {
 public:
  /// The cell for `raw`, valid until the next call: make(raw, cell) appends it to an empty string.
  template <class Make>
  std::string_view operator()(std::string_view raw, Make make) {
    for (const auto& [key, cell] : cells_)
      if (key == raw) return cell;
    std::string cell;
    make(raw, cell);
    if (cells_.size() == 8) return spare_ = std::move(cell);
    cells_.emplace_back(raw, std::move(cell));
    return cells_.back().second;
  }

 private:
  std::vector<std::pair<std::string, std::string>> cells_;
  std::string spare_;
};

// SGR colour for a significance level: its place on the scale, first green to last red.
std::string_view significance_sgr(const Dataset& data, std::string_view id) {
  auto rank = data.scales().significance.rank(id);
  std::size_t n = data.scales().significance.entries.size();
  if (!rank || n == 0) return "0";
  if (*rank + 1 == n) return "1;31";
  if (*rank == 0) return "32";
  return *rank * 2 >= n ? "33" : "36";
}

void add_wrapped(std::string& out, std::string_view text, const TextStyle& style, std::string_view indent,
                 std::string_view first_indent = {}) {
  if (!needs_escaping(text, true)) wrap_into(out, text, style.width, indent, first_indent);
  else wrap_into(out, escape_controls(text, true), style.width, indent, first_indent);
}

void add_prose(std::string& out, std::string_view text, const TextStyle& style) {
  bool first = true;
  for (auto paragraph : paragraphs(text)) {
    if (!first) out += "\n";
    first = false;
    add_wrapped(out, paragraph, style, "  ");
  }
}

void add_heading(std::string& out, std::string_view heading, const TextStyle& style) {
  out += "\n" + bold(style, heading) + "\n";
}

void add_bullets(std::string& out, const std::vector<std::string>& items, const TextStyle& style) {
  for (const auto& item : items) add_wrapped(out, item, style, "    ", "  • ");
}

std::string significance_label(const Dataset& data, const PairRecord& record, const TextStyle& style) {
  std::string_view id = record.text(Field::significance);
  if (id.empty()) return "not rated";
  const ScaleEntry* entry = data.scales().significance.find(id);
  std::string name = entry ? entry->name : std::string(id);
  return colored(style, significance_sgr(data, id), safe(name));
}

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

std::string text_pair_lines(const Dataset& data, const std::vector<std::size_t>& records, const TextStyle& style) {
  // The code column is as wide as the widest pair of codes shown, so codes are never cut; the
  // later columns give way on a narrow terminal.
  std::string codes;  // every line's codes, one after another
  struct Codes {
    std::size_t end, width;
  };
  std::vector<Codes> code_cells;
  code_cells.reserve(records.size());
  std::size_t code_width = 18;
  for (std::size_t index : records) {
    std::size_t start = codes.size();
    add_safe_pair(codes, data.pairs()[index].codes[0], data.pairs()[index].codes[1]);
    code_cells.push_back({codes.size(), display_width(std::string_view(codes).substr(start))});
    code_width = std::max(code_width, code_cells.back().width);
  }
  SafeNames names_of(data);
  CellCache tiers, levels;
  std::string names, cut;
  std::string out;
  out.reserve(records.size() * (code_width + 100));
  // Each line is written straight into `out`, column by column.
  for (std::size_t k = 0; k < records.size(); ++k) {
    const PairRecord& record = data.pairs()[records[k]];
    const std::size_t line_start = out.size();
    std::size_t codes_start = k == 0 ? 0 : code_cells[k - 1].end;
    out.append(codes, codes_start, code_cells[k].end - codes_start);
    out.append(code_width - code_cells[k].width + 2, ' ');  // fits: the column is the widest
    names.clear();
    add_pair(names, names_of(record.codes[0]), names_of(record.codes[1]));
    fit_into(out, names, 44);
    out += "  ";
    out += tiers(record.text(Field::tier), [](std::string_view tier, std::string& cell) {
      fit_into(cell, tier.empty() ? "-" : safe(tier), 3);
      cell += "  ";
    });

    std::size_t tail_start = out.size();
    const ScaleEntry* level = data.scales().significance.find(record.text(Field::significance));
    out += levels(record.text(Field::significance), [&](std::string_view id, std::string& cell) {
      fit_into(cell, level ? safe(level->name) : id.empty() ? "-" : safe(id), 26);
      cell += "  ";
    });
    if (record.text(Field::title).empty()) out += names;  // as pair_title() has it
    else escape_controls_into(out, record.text(Field::title));

    if (style.terminal) {
      std::string_view shown(out);
      std::size_t used = display_width(shown.substr(line_start, tail_start - line_start));
      if (used < style.width) {
        // Cut the tail if it does not fit; the padding fit() would add is trimmed below anyway.
        if (display_width(shown.substr(tail_start)) > style.width - used) {
          cut.assign(shown.substr(tail_start));
          out.resize(tail_start);
          fit_into(out, cut, style.width - used);
        }
      } else {  // the fixed columns alone fill a narrow terminal
        cut.assign(shown.substr(line_start, tail_start - line_start));
        out.resize(line_start);
        fit_into(out, cut, style.width);
        tail_start = out.size();
      }
    }
    // Colour after cutting, so escape sequences never count as width.
    if (level && style.color) {
      std::string significance = safe(level->name);
      if (out.compare(tail_start, significance.size(), significance) == 0)
        out.replace(tail_start, significance.size(), colored(style, significance_sgr(data, level->id), significance));
    }
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

namespace {

std::string symbol_of(const Dataset& data, const PairRecord& record) {
  const ScaleEntry* level = data.scales().significance.find(record.text(Field::significance));
  if (!level) return "?";
  return level->symbol.empty() ? level->id.substr(0, 1) : level->symbol;
}

std::string matrix(const Dataset& data, const RegimenCheck& check, const TextStyle& style) {
  const auto& ids = check.interventions;
  std::size_t n = ids.size();
  std::size_t label_width = 0;
  for (std::size_t i = 0; i < n; ++i) label_width = std::max(label_width, std::min<std::size_t>(22, display_width(safe(data.interventions()[ids[i]].name))) + 4);
  constexpr std::size_t cell = 6;
  std::string out = std::string(label_width, ' ');
  for (std::size_t j = 0; j < n; ++j) out += fit(fmt::format(" [{}]", j + 1), cell);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "\n";
  for (std::size_t i = 0; i < n; ++i) {
    std::string label = fmt::format("[{}] ", i + 1) + safe(data.interventions()[ids[i]].name);
    std::string row = fit(label, label_width);
    for (std::size_t j = 0; j < n; ++j) {
      std::string content;
      std::string sgr = "0";
      if (i == j) {
        content = "  ·";
      } else {
        std::size_t record =
            data.find_pair(data.interventions()[ids[i]].code, data.interventions()[ids[j]].code);
        if (record == Dataset::npos) {
          content = "  --";
        } else {
          const PairRecord& r = data.pairs()[record];
          content = " " + safe(symbol_of(data, r)) + safe(r.text(Field::tier));
          sgr = significance_sgr(data, r.text(Field::significance));
        }
      }
      std::string padded = fit(content, cell);
      row += sgr == "0" ? padded : colored(style, sgr, padded);
    }
    while (!row.empty() && row.back() == ' ') row.pop_back();
    out += row + "\n";
  }
  // Legend.
  std::string legend = "Legend:";
  for (const auto& entry : data.scales().significance.entries)
    legend += fmt::format(" {}={}", entry.symbol.empty() ? entry.id.substr(0, 1) : entry.symbol, entry.name);
  legend += "; T1 strongest evidence .. weakest; -- no record; · same.";
  std::string wrapped;
  for (auto& line : wrap(safe(legend), style.width, "  ")) wrapped += line + "\n";
  return out + wrapped;
}

}  // namespace

std::string text_no_record(const Dataset& data, std::size_t a, std::size_t b, const TextStyle& style) {
  const auto& all = data.interventions();
  std::string out;
  add_wrapped(out, fmt::format("No record for {} ({}) + {} ({}).", all[a].code, all[a].name, all[b].code, all[b].name), style,
              "", "");
  add_wrapped(out, std::string(no_record_caveat) + " Ask a pharmacist or the prescriber.", style, "", "");
  add_wrapped(out, fmt::format("See 'pairinfo list --with {}' and 'pairinfo list --with {}'.", all[a].code, all[b].code),
              style, "", "");
  out += "\n";
  for (auto& line : wrap(disclaimer, style.width)) out += dim(style, line) + "\n";
  return out;
}

std::string text_check(const Dataset& data, const RegimenCheck& check, bool full, const TextStyle& style) {
  std::string out;
  // Room for about what is printed, so that a long report is not copied as it grows.
  std::size_t expected = 4096 + 64 * check.missing.size();
  for (std::size_t index : check.found) {
    const PairRecord& record = data.pairs()[index];
    expected += 256 + record.text(Field::summary).size() +
                (full ? record.text(Field::mechanism).size() + record.text(Field::clinical_context).size() : 0);
    for (const auto& caution : record[Field::cautions]) expected += caution.get_ref<const std::string&>().size() + 16;
  }
  out.reserve(expected + expected / 8);
  const auto& all = data.interventions();
  auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  out += bold(style, fmt::format("Regimen check: {}, {} with a record, {} without{}",
                                 count(check.interventions.size(), "intervention", "interventions"),
                                 count(check.found.size(), "pair", "pairs"), check.missing.size(),
                                 check.unresolved.empty()
                                     ? std::string()
                                     : fmt::format(", {} not recognised",
                                                   count(check.unresolved.size(), "name", "names")))) +
         "\n";
  if (!check.unresolved.empty()) {
    // First, because the check is incomplete: pairs with these names were not looked at.
    out += "\n" + bold(style, "Names not recognised (their pairs are not checked)") + "\n";
    for (const auto& miss : check.unresolved) {
      std::string quoted = safe(miss.term);
      if (display_width(quoted) > 40) quoted = fit(quoted, 40);
      while (!quoted.empty() && quoted.back() == ' ') quoted.pop_back();
      add_wrapped(out, fmt::format("\"{}\": {}", quoted, describe_miss(data, miss.ambiguous, miss.suggestions)), style,
                  "      ", "  ");
    }
  }
  // One note per intervention, however many times it was repeated.
  for (std::size_t index : check.interventions) {
    std::vector<std::string> terms;
    for (const auto& [term, repeated] : check.duplicates)
      if (repeated == index) terms.push_back(term);
    if (terms.empty()) continue;
    auto quote = [](const std::string& term) {
      return fmt::format("\"{}\"", fit(term, std::min<std::size_t>(display_width(term), 40)));
    };
    std::string named = quote(terms[0]);
    if (terms.size() == 2) named += " and " + quote(terms[1]);
    if (terms.size() > 2) named += fmt::format(", {} and {} more", quote(terms[1]), terms.size() - 2);
    add_wrapped(out, fmt::format("Note: {} {} {} ({}), already listed; counted once.", named, terms.size() == 1 ? "is" : "are",
                                 all[index].code, all[index].name),
                style, "  ", "");
  }
  out += "\n";
  if (check.interventions.size() >= 2 && check.interventions.size() <= 8) out += matrix(data, check, style) + "\n";

  if (!check.found.empty()) {
    out += bold(style, "Pairs with a record (most serious first)") + "\n";
    SafeNames names_of(data);
    // The line of significance and tier, made once for each pair of values met (few).
    CellCache metas;
    std::string names, meta_key, cautions;
    for (std::size_t index : check.found) {
      const PairRecord& record = data.pairs()[index];
      if (full) {
        out += "\n" + text_pair(data, record, style);
        continue;
      }
      require_parts(record, RecordParts::summary);
      names.clear();
      add_pair(names, names_of(record.codes[0]), names_of(record.codes[1]));
      out += "\n  ";
      add_bold(out, style, names);
      out += "  (";
      add_safe_pair(out, record.codes[0], record.codes[1]);
      out += ")\n";
      // The significance's length first, so that no two pairs of values make the same key.
      const std::string_view significance = record.text(Field::significance), tier_id = record.text(Field::tier);
      const std::size_t significance_size = significance.size();
      meta_key.assign(reinterpret_cast<const char*>(&significance_size), sizeof significance_size)
          .append(significance)
          .append(tier_id);
      out += "  ";
      out += metas(meta_key, [&](std::string_view, std::string& meta) {
        meta = significance_label(data, record, style);
        if (!tier_id.empty()) {
          const ScaleEntry* tier = data.scales().tiers.find(tier_id);
          meta += " · evidence " + safe(tier_id) + (tier ? " (" + safe(tier->name) + ")" : "");
        }
      });
      out += '\n';
      if (std::string_view summary = first_paragraph(record.text(Field::summary)); !summary.empty())
        add_wrapped(out, summary, style, "    ");
      if (const auto& items = record[Field::cautions]; !items.is_null()) {
        cautions.assign("Weigh: ");
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (i) cautions += "; ";
          cautions += items[i].get_ref<const std::string&>();
        }
        add_wrapped(out, cautions, style, "      ", "    ");
      }
    }
    out += "\n";
  }
  if (!check.missing.empty()) {
    out += bold(style, "Pairs without a record") + "\n";
    // Each intervention's name and code escaped once: n interventions make n(n-1)/2 lines.
    std::unordered_map<std::size_t, std::pair<std::string, std::string>> shown;
    auto shown_as = [&](std::size_t index) -> const std::pair<std::string, std::string>& {
      auto [at, added] = shown.try_emplace(index);
      if (added) at->second = {safe(all[index].name), safe(all[index].code)};
      return at->second;
    };
    for (const auto& [a, b] : check.missing) {
      const auto& first = shown_as(a);
      const auto& second = shown_as(b);
      out += "  ";
      add_pair(out, first.first, second.first);
      out += "  (";
      add_pair(out, first.second, second.second);
      out += ")\n";
    }
    add_wrapped(out,
                std::string(no_record_caveat) + " Ask a pharmacist or the prescriber.",
                style, "  ", "  ");
    out += "\n";
  }
  for (auto& line : wrap(disclaimer, style.width)) out += dim(style, line) + "\n";
  return out;
}

}  // namespace pairinfo
