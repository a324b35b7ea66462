/// Turning what a user typed into an intervention, with suggestions for a miss.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/dataset.hpp"

namespace pairinfo {

struct Resolution {
  enum class Kind { found, ambiguous, not_found };
  Kind kind = Kind::not_found;
  std::string term;                  ///< What the user typed.
  std::vector<std::size_t> matches;  ///< found: one; ambiguous: all; not_found: nearest suggestions.
};

/// Resolves a code, name or alias, ignoring case, accents, apostrophes, and hyphens versus spaces.
Resolution resolve_term(const Dataset& data, std::string_view term);

/// Up to `limit` interventions whose code, name or alias is nearest to `term` by edit distance.
std::vector<std::size_t> suggest(const Dataset& data, std::string_view term, std::size_t limit = 3);

/// "did you mean HRM-001 (Estradiol)?" style list: "HRM-001 (Estradiol), ..."
std::string describe_interventions(const Dataset& data, const std::vector<std::size_t>& indexes);

}  // namespace pairinfo
