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

/// One way of reading words typed without quotes as consecutive names.
struct Reading {
  std::vector<std::string> names;          ///< The words of each name, joined by spaces.
  std::vector<std::size_t> interventions;  ///< What each name resolves to.
};

/// Every way of splitting `words` into one to `max_names` consecutive names that each name
/// exactly one intervention ("warfarin fish oil": warfarin + fish oil), fewest names first.
std::vector<Reading> readings(const Dataset& data, const std::vector<std::string>& words, std::size_t max_names);

/// Up to `limit` interventions whose code, name or alias is nearest to `term` by edit distance.
std::vector<std::size_t> suggest(const Dataset& data, std::string_view term, std::size_t limit = 3);

/// Why a term did not resolve, for a report: "no intervention matches; did you mean
/// HRM-001 (Estradiol)?" or "names several interventions: ...; use a code". Not escaped.
std::string describe_miss(const Dataset& data, bool ambiguous, const std::vector<std::size_t>& matches);

/// "did you mean HRM-001 (Estradiol)?" style list: "HRM-001 (Estradiol), ..."
std::string describe_interventions(const Dataset& data, const std::vector<std::size_t>& indexes);

}  // namespace pairinfo
