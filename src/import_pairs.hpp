// The rows of each pair of an imported table, by the two sides' ids: which one is kept (the
// most serious significance, then the first), whether they disagree, and the rows skipped.
// Private to import_csv.cpp.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "import_rows.hpp"

namespace pairinfo::import {

class PairGroups {
 public:
  // `source` names the table in the error of a table that changed between the passes.
  explicit PairGroups(const std::string& source) : source_(source) {}

  // First pass: a row pairing sides a and b, of significance `level` (-1: none). A row
  // pairing a side with itself is left to the second pass, which counts it.
  void add(std::uint32_t a, std::uint32_t b, std::int32_t level, std::size_t line) {
    if (a == b) return;
    Group row{level, level, level, line};
    auto [it, fresh] = groups_.try_emplace(pair_of(a, b), row);
    if (!fresh) merge(it->second, row);
  }

  // Keys the groups by new side ids (`side` of an old one), merging those that meet.
  template <typename Side>
  void remap(Side&& side) {
    std::unordered_map<std::uint64_t, Group> out;
    out.reserve(groups_.size());
    for (const auto& [key, group] : groups_) {
      std::uint32_t a = side(static_cast<std::uint32_t>(key >> 32)), b = side(static_cast<std::uint32_t>(key));
      if (a == b) continue;  // the rows pair a thing with itself
      auto [it, fresh] = out.try_emplace(pair_of(a, b), group);
      if (!fresh) merge(it->second, group);
    }
    groups_ = std::move(out);
  }

  // Second pass: whether the row on `line`, pairing targets a and b, is its pair's record;
  // the rows that are not are counted for the warnings.
  bool keep(std::uint32_t a, std::uint32_t b, std::size_t line);

  // The warnings about skipped and disagreeing rows, appended to `warnings`.
  void warn(std::vector<std::string>& warnings) const;

 private:
  struct Group {
    std::int32_t least, most;  // significance levels met (-1: none)
    std::int32_t kept_level;
    std::size_t kept_line;
  };

  static std::uint64_t pair_of(std::uint32_t a, std::uint32_t b) {
    return (std::uint64_t{std::min(a, b)} << 32) | std::max(a, b);
  }

  static void merge(Group& into, const Group& other) {
    into.least = std::min(into.least, other.least);
    into.most = std::max(into.most, other.most);
    if (other.kept_level > into.kept_level || (other.kept_level == into.kept_level && other.kept_line < into.kept_line)) {
      into.kept_level = other.kept_level;
      into.kept_line = other.kept_line;
    }
  }

  const std::string& source_;
  std::unordered_map<std::uint64_t, Group> groups_;
  Tally self_, repeated_, conflicts_;
  std::size_t conflicting_rows_ = 0;  // skipped rows of pairs in conflicts_
};

}  // namespace pairinfo::import
