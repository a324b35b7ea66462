/// Pieces the text renderers share (render_text.cpp, render_text_check.cpp): escaping, names, cells, colours, wrapping.
#pragma once
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/terminal.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::text_parts {

inline std::string safe(std::string_view text) { return escape_controls(text); }

inline std::string_view name_of(const Dataset& data, const std::string& code) {
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
inline void add_safe_pair(std::string& out, std::string_view a, std::string_view b) {
  escape_controls_into(out, a);
  out += " + ";
  escape_controls_into(out, b);
}

// Appends "A + B" from names already made safe.
inline void add_pair(std::string& out, std::string_view a, std::string_view b) {
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
inline std::string_view significance_sgr(const Dataset& data, std::string_view id) {
  auto rank = data.scales().significance.rank(id);
  std::size_t n = data.scales().significance.entries.size();
  if (!rank || n == 0) return "0";
  if (*rank + 1 == n) return "1;31";
  if (*rank == 0) return "32";
  return *rank * 2 >= n ? "33" : "36";
}

inline void add_wrapped(std::string& out, std::string_view text, const TextStyle& style, std::string_view indent,
                 std::string_view first_indent = {}) {
  if (!needs_escaping(text, true)) wrap_into(out, text, style.width, indent, first_indent);
  else wrap_into(out, escape_controls(text, true), style.width, indent, first_indent);
}

inline void add_prose(std::string& out, std::string_view text, const TextStyle& style) {
  bool first = true;
  for (auto paragraph : paragraphs(text)) {
    if (!first) out += "\n";
    first = false;
    add_wrapped(out, paragraph, style, "  ");
  }
}

inline void add_heading(std::string& out, std::string_view heading, const TextStyle& style) {
  out += "\n" + bold(style, heading) + "\n";
}

inline void add_bullets(std::string& out, const std::vector<std::string>& items, const TextStyle& style) {
  for (const auto& item : items) add_wrapped(out, item, style, "    ", "  • ");
}

inline std::string significance_label(const Dataset& data, const PairRecord& record, const TextStyle& style) {
  if (record.text(Field::significance).empty()) return "not rated";
  const ScaleEntry* entry = data.scales().significance.find(record.text(Field::significance));
  std::string name = entry ? entry->name : std::string(record.text(Field::significance));
  return colored(style, significance_sgr(data, record.text(Field::significance)), safe(name));
}


}  // namespace pairinfo::text_parts
