/// Which column of an imported table holds what: header words, column options, and the
/// mapping of its significance and tier values onto the scales.
#pragma once
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pairinfo/csv_reader.hpp"
#include "pairinfo/model.hpp"

namespace pairinfo {
}

namespace pairinfo::import {

/// What a column is for.
enum Role : std::size_t { a_code, a_name, b_code, b_name, significance, tier, summary, role_count };

/// "first code", "first name", ... in the order of Role.
extern const std::array<std::string_view, role_count> role_names;

inline constexpr std::size_t no_column = static_cast<std::size_t>(-1);

/// The column of each role (no_column when unused), from the options and then from the
/// header's words. Throws DataError for a named column the header lacks or a side with
/// neither code nor name, std::invalid_argument for a column chosen twice.
/// `named` holds the headers the user named for each role (empty: found by its words).
std::array<std::size_t, role_count> choose_columns(const std::vector<csv::Field>& header, std::size_t count,
                                                    const std::array<std::string, role_count>& named,
                                                    const std::string& source);

/// Folded raw value -> index in a scale.
using ValueMap = std::unordered_map<std::string, std::size_t>;

/// Significance values: the user map, the scale's ids and names, then conservative synonyms
/// (major -> avoid, moderate -> caution, minor -> monitor, none -> compatible). Throws
/// std::invalid_argument for a map target that is not on the scale.
ValueMap significance_values(const Scale& scale, const std::map<std::string, std::string>& user_map);

/// Tier values: the scale's ids and names, and a bare number N for "TN".
ValueMap tier_values(const Scale& scale);

/// Values that mapped to nothing, counted for one summary warning.
class Unmapped {
 public:
  void add(const std::string& value, const std::string& folded);
  std::size_t rows() const noexcept { return rows_; }
  std::string warning(std::string_view what) const;

 private:
  struct Seen {
    std::string value;  // as first written
    std::size_t rows = 0;
  };
  std::size_t rows_ = 0;
  std::vector<Seen> seen_;                                // in order of first appearance
  std::unordered_map<std::string, std::size_t> by_fold_;  // folded value -> index in seen_
};

}  // namespace pairinfo::import
