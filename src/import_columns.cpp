// Finding an imported table's columns and mapping its values; see import_columns.hpp.
#include "pairinfo/import_columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "pairinfo/text.hpp"

namespace pairinfo::import {

const std::array<std::string_view, role_count> role_names = {
    "first code", "first name", "second code", "second name", "significance", "tier", "summary"};

namespace {

using csv::Field;
using csv::fail_at;
using csv::trim;

constexpr std::size_t max_listed_values = 5;
// Distinct unmapped values remembered for the warning; the rest are only counted.
constexpr std::size_t max_tracked_values = 1000;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "DDInterID_A" -> {"dd", "inter", "id", "a"}; "drug1_id" -> {"drug", "1", "id"}.
std::vector<std::string> header_words(std::string_view header) {
  std::string spaced;
  for (std::size_t i = 0; i < header.size(); ++i) {
    char c = header[i];
    if (i > 0) {
      char prev = header[i - 1];
      char next = i + 1 < header.size() ? header[i + 1] : '\0';
      bool alnum_prev = is_upper(prev) || is_lower(prev) || is_digit(prev);
      bool alnum_c = is_upper(c) || is_lower(c) || is_digit(c);
      if ((is_lower(prev) && is_upper(c)) || (alnum_prev && alnum_c && is_digit(prev) != is_digit(c)) ||
          (is_upper(prev) && is_upper(c) && is_lower(next)))
        spaced += ' ';
    }
    spaced += c;
  }
  std::vector<std::string> words;
  std::string folded = fold_term(spaced);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

template <std::size_t N>
bool among(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Which intervention column a header names, by its words: one side word, and a role word
// or only words that name the kind of thing (drug, intervention...).
std::optional<Role> intervention_role(std::string_view header) {
  static constexpr std::array<std::string_view, 3> first_side = {"a", "1", "first"};
  static constexpr std::array<std::string_view, 3> second_side = {"b", "2", "second"};
  static constexpr std::array<std::string_view, 3> code_words = {"id", "code", "identifier"};
  static constexpr std::array<std::string_view, 2> name_words = {"name", "label"};
  static constexpr std::array<std::string_view, 10> kind_words = {
      "drug", "intervention", "item", "product", "substance", "agent", "compound", "medication", "medicine",
      "treatment"};
  std::size_t firsts = 0, seconds = 0;
  bool code = false, name = false, only_kinds = true;
  for (const auto& word : header_words(header)) {
    if (among(word, first_side)) ++firsts;
    else if (among(word, second_side)) ++seconds;
    else if (among(word, code_words)) code = true;
    else if (among(word, name_words)) name = true;
    else if (!among(word, kind_words)) only_kinds = false;
  }
  if (firsts + seconds != 1 || (code && name)) return std::nullopt;
  if (!code && !name && !only_kinds) return std::nullopt;
  bool first = firsts == 1;
  if (code) return first ? a_code : b_code;
  return first ? a_name : b_name;
}

std::optional<Role> other_role(std::string_view header) {
  static constexpr std::array<std::string_view, 9> significance_headers = {
      "level",       "severity", "significance", "effect", "clinical significance", "interaction level",
      "interaction severity", "severity level", "risk level"};
  static constexpr std::array<std::string_view, 6> tier_headers = {
      "tier", "evidence", "evidence tier", "evidence level", "level of evidence", "evidence grade"};
  static constexpr std::array<std::string_view, 8> summary_headers = {
      "summary", "description", "interaction description", "text", "details", "notes", "note", "comment"};
  std::string folded = fold_term(header);
  if (among(folded, significance_headers)) return significance;
  if (among(folded, tier_headers)) return tier;
  if (among(folded, summary_headers)) return summary;
  return std::nullopt;
}


std::string header_list(const std::vector<Field>& header, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += fmt::format("{}\"{}\"", i ? ", " : "", header[i].value);
  return out;
}


std::optional<std::size_t> scale_index(const Scale& scale, std::string_view value) {
  if (auto rank = scale.rank(value)) return rank;
  std::string folded = fold_term(value);
  for (std::size_t i = 0; i < scale.entries.size(); ++i)
    if (fold_term(scale.entries[i].id) == folded || fold_term(scale.entries[i].name) == folded) return i;
  return std::nullopt;
}

}  // namespace

std::array<std::size_t, role_count> choose_columns(const std::vector<Field>& header, std::size_t count,
                                                    const std::array<std::string, role_count>& named,
                                                    const std::string& source) {
  std::array<const std::string*, role_count> wanted;
  for (std::size_t role = 0; role < role_count; ++role) wanted[role] = &named[role];
  std::array<std::size_t, role_count> columns;
  columns.fill(no_column);
  std::array<bool, role_count> settled{};
  std::vector<bool> used(count, false);
  for (std::size_t role = 0; role < role_count; ++role) {
    std::string_view name = trim(*wanted[role], '\0');
    if (name.empty()) continue;
    settled[role] = true;
    if (name == "-") continue;
    // An exact (case-insensitive) header wins over one that only folds the same.
    std::size_t found = no_column;
    for (std::size_t i = 0; i < count && found == no_column; ++i)
      if (ascii_lower(header[i].value) == ascii_lower(name)) found = i;
    for (std::size_t i = 0; i < count && found == no_column; ++i)
      if (fold_term(header[i].value) == fold_term(name)) found = i;
    if (found == no_column)
      fail_at(source, header[0].position,
              fmt::format("no column \"{}\" for the {} (the header has {})", name, role_names[role],
                          header_list(header, count)));
    if (used[found])
      throw std::invalid_argument(fmt::format("column \"{}\" is chosen for two purposes", header[found].value));
    used[found] = true;
    columns[role] = found;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (used[i]) continue;
    std::optional<Role> role = intervention_role(header[i].value);
    if (!role) role = other_role(header[i].value);
    if (!role || settled[*role]) continue;
    settled[*role] = true;
    used[i] = true;
    columns[*role] = i;
  }
  for (auto [code, name, side] : {std::tuple{a_code, a_name, "first"}, std::tuple{b_code, b_name, "second"}})
    if (columns[code] == no_column && columns[name] == no_column)
      fail_at(source, header[0].position,
              fmt::format("no column for the code or name of the {} intervention of each pair (looked for "
                          "headers such as ID_A, code_a, drug1_id, Name_A, intervention_a, first); the header "
                          "has {}",
                          side, header_list(header, count)));
  return columns;
}


ValueMap significance_values(const Scale& scale, const std::map<std::string, std::string>& user_map) {
  ValueMap values;
  // Conservative: a value is read as the more serious of the levels it could mean.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> synonyms = {{
      {"major", "avoid"},
      {"severe", "avoid"},
      {"contraindicated", "avoid"},
      {"contra indicated", "avoid"},
      {"moderate", "caution"},
      {"minor", "monitor"},
      {"none", "compatible"},
      {"no interaction", "compatible"},
  }};
  for (auto [raw, id] : synonyms)
    if (auto rank = scale.rank(id)) values[std::string(raw)] = *rank;
  for (std::size_t i = 0; i < scale.entries.size(); ++i) {
    values[fold_term(scale.entries[i].id)] = i;
    values[fold_term(scale.entries[i].name)] = i;
  }
  for (const auto& [raw, id] : user_map) {
    std::optional<std::size_t> rank = scale_index(scale, id);
    if (!rank) {
      std::string known;
      for (const auto& entry : scale.entries) known += (known.empty() ? "" : ", ") + entry.id;
      throw std::invalid_argument(
          fmt::format("\"{}\" is not a significance id (known: {})", escape_controls(id), known));
    }
    values[fold_term(raw)] = *rank;
  }
  return values;
}

ValueMap tier_values(const Scale& scale) {
  ValueMap values;
  for (std::size_t i = 0; i < scale.entries.size(); ++i) {
    const std::string& id = scale.entries[i].id;
    values[fold_term(id)] = i;
    values[fold_term(scale.entries[i].name)] = i;
    // "2" for T2.
    if (id.size() > 1 && (id[0] == 'T' || id[0] == 't') &&
        std::all_of(id.begin() + 1, id.end(), [](char c) { return is_digit(c); }))
      values.try_emplace(id.substr(1), i);
  }
  return values;
}


void Unmapped::add(const std::string& value, const std::string& folded) {
  ++rows_;
  if (auto it = by_fold_.find(folded); it != by_fold_.end()) ++seen_[it->second].rows;
  else if (seen_.size() < max_tracked_values) {
    by_fold_.emplace(folded, seen_.size());
    seen_.push_back({value, 1});
  }
}

std::string Unmapped::warning(std::string_view what) const {
  std::vector<Seen> common = seen_;
  std::stable_sort(common.begin(), common.end(), [](const Seen& x, const Seen& y) { return x.rows > y.rows; });
  std::string listed;
  for (std::size_t i = 0; i < common.size() && i < max_listed_values; ++i)
    listed += fmt::format("{}\"{}\" ({})", i ? ", " : "", escape_controls(common[i].value), common[i].rows);
  if (common.size() > max_listed_values) listed += ", ...";
  return fmt::format("{} {} a {} value that is not on the scale, so it was left out: {}", rows_,
                     rows_ == 1 ? "row has" : "rows have", what, listed);
}

}  // namespace pairinfo::import
