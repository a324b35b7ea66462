/// Which interventions of an imported table are the same as interventions of the earlier data.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "pairinfo/dataset.hpp"

namespace pairinfo::import {

/// A drug of the table that may be an earlier intervention, in order of first appearance.
struct LinkClaim {
  std::string name;    ///< As the table writes it.
  bool coded = false;  ///< The table gives it a code of its own (so it is distinct from the table's other codes).
};

struct LinkDecision {
  enum class Why { no_match, linked, is_class, shared, taken };
  std::size_t earlier = Dataset::npos;  ///< The earlier intervention it is, when `why` is linked.
  std::size_t named = Dataset::npos;    ///< The earlier intervention its name named, if any.
  Why why = Why::no_match;
};

/// Links a claim to an earlier intervention only when that is the same intervention:
/// - its name (folded) is the intervention's name, or an alias that names exactly that one
///   intervention;
/// - the intervention is not a class (it has no members);
/// - by name, the first claim wins (`taken` for the others); by alias, only a single claim
///   may link (several are `shared`: the earlier data lumps together drugs the table tells
///   apart), and a coded claim only when no other claim names the same intervention, so two
///   codes of the table never become one.
/// `taken_by_code` lists earlier interventions the table already uses by their code.
std::vector<LinkDecision> decide_links(const Dataset& earlier, const std::vector<LinkClaim>& claims,
                                       const std::vector<std::size_t>& taken_by_code);

}  // namespace pairinfo::import
