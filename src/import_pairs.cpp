// Which row of each pair of an imported table is kept; see import_pairs.hpp.
#include "import_pairs.hpp"

#include <fmt/format.h>

namespace pairinfo::import {

bool PairGroups::keep(std::uint32_t a, std::uint32_t b, std::size_t line) {
  if (a == b) {
    self_.add(line);
    return false;
  }
  auto found = groups_.find(pair_of(a, b));
  if (found == groups_.end()) table_changed(source_);
  const Group& group = found->second;
  if (group.kept_line != line) {
    repeated_.add(line, group.kept_line);
    if (group.least != group.most) ++conflicting_rows_;
    return false;
  }
  if (group.least != group.most) conflicts_.add(line);
  return true;
}

void PairGroups::warn(std::vector<std::string>& w) const {
  if (self_.count)
    w.push_back(fmt::format("skipped {} {} pairing an intervention with itself (first on line {})", self_.count,
                            rows_word(self_.count), self_.first_line));
  if (repeated_.count)
    w.push_back(fmt::format("skipped {} {} giving a pair another row gives too, in either order (first on line {}, "
                            "whose pair line {} gives)",
                            repeated_.count, rows_word(repeated_.count), repeated_.first_line, repeated_.other_line));
  if (conflicts_.count)
    w.push_back(fmt::format("{} {} rows that disagree on the significance ({} rows in all); each keeps the row with "
                            "the most serious value (first on line {})",
                            conflicts_.count, conflicts_.count == 1 ? "pair has" : "pairs have",
                            conflicts_.count + conflicting_rows_, conflicts_.first_line));
}

}  // namespace pairinfo::import
