// Text for a regimen check and for a pair without a record; see render_text.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "pairinfo/render_text.hpp"
#include "pairinfo/render_text_parts.hpp"
#include "pairinfo/resolve.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo {

using namespace text_parts;

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
            check.record_between(ids[i], ids[j]);
        if (record == Dataset::npos) {
          content = "  --";
        } else {
          const PairRecord& r = data.pairs()[record];
          content = " " + safe(symbol_of(data, r)) + (r.text(Field::tier).empty() ? "" : safe(r.text(Field::tier)));
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
    expected += 256 + record.text(Field::summary).size() + (full ? record.text(Field::mechanism).size() + record.text(Field::clinical_context).size() : 0);
    for (const auto& caution : record.list(Field::cautions)) expected += caution.size() + 16;
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
      const std::size_t significance_size = record.text(Field::significance).size();
      meta_key.assign(reinterpret_cast<const char*>(&significance_size), sizeof significance_size)
          .append(record.text(Field::significance))
          .append(record.text(Field::tier));
      out += "  ";
      out += metas(meta_key, [&](std::string_view, std::string& meta) {
        meta = significance_label(data, record, style);
        if (!record.text(Field::tier).empty()) {
          const ScaleEntry* tier = data.scales().tiers.find(record.text(Field::tier));
          meta += " · evidence " + safe(record.text(Field::tier)) + (tier ? " (" + safe(tier->name) + ")" : "");
        }
      });
      out += '\n';
      if (std::string_view summary = first_paragraph(record.text(Field::summary)); !summary.empty())
        add_wrapped(out, summary, style, "    ");
      if (!record.list(Field::cautions).empty()) {
        cautions.assign("Weigh: ");
        for (std::size_t i = 0; i < record.list(Field::cautions).size(); ++i) {
          if (i) cautions += "; ";
          cautions += record.list(Field::cautions)[i];
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
