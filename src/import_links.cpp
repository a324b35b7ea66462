// Linking an imported table's drugs to the earlier data; see import_links.hpp.
#include "pairinfo/import_links.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "pairinfo/text.hpp"

namespace pairinfo::import {
namespace {

// The earlier intervention `folded` names and whether by its name (not an alias), if
// exactly one: a name beats aliases other interventions share.
struct Named {
  std::size_t index = Dataset::npos;
  bool by_name = false;
};

Named named_by(const Dataset& earlier, const std::string& folded) {
  if (folded.empty()) return {};
  auto matches = earlier.matching(folded);
  std::size_t by_name = Dataset::npos, names = 0;
  for (std::uint32_t index : matches)
    if (fold_term(earlier.interventions()[index].name) == folded) {
      by_name = index;
      ++names;
    }
  if (names == 1) return {by_name, true};
  if (names > 1 || matches.size() != 1) return {};
  // One intervention, by an alias (or its code, which is no name of a drug: left alone).
  const InterventionView only = earlier.interventions()[matches[0]];
  for (std::string_view alias : only.aliases)
    if (fold_term(alias) == folded) return {matches[0], false};
  return {};
}

}  // namespace

std::vector<LinkDecision> decide_links(const Dataset& earlier, const std::vector<LinkClaim>& claims,
                                       const std::vector<std::size_t>& taken_by_code) {
  std::vector<LinkDecision> decisions(claims.size());
  std::vector<Named> named(claims.size());
  struct Claims {
    std::size_t by_name = 0, by_alias = 0, total = 0;
  };
  std::unordered_map<std::size_t, Claims> per_intervention;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    named[i] = named_by(earlier, fold_term(claims[i].name));
    if (named[i].index == Dataset::npos) continue;
    decisions[i].named = named[i].index;
    if (!earlier.interventions()[named[i].index].members.empty()) {
      decisions[i].why = LinkDecision::Why::is_class;
      continue;
    }
    Claims& c = per_intervention[named[i].index];
    ++(named[i].by_name ? c.by_name : c.by_alias);
    ++c.total;
  }
  std::unordered_set<std::size_t> by_code(taken_by_code.begin(), taken_by_code.end()), by_name;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    LinkDecision& d = decisions[i];
    if (d.named == Dataset::npos || d.why == LinkDecision::Why::is_class) continue;
    const Claims& c = per_intervention[d.named];
    if (by_code.count(d.named)) d.why = LinkDecision::Why::taken;
    else if (named[i].by_name) d.why = by_name.insert(d.named).second ? LinkDecision::Why::linked : LinkDecision::Why::taken;
    else if (c.by_alias > 1) d.why = LinkDecision::Why::shared;
    else if (claims[i].coded && c.total > 1) d.why = LinkDecision::Why::taken;
    else d.why = LinkDecision::Why::linked;
    if (d.why == LinkDecision::Why::linked) d.earlier = d.named;
  }
  return decisions;
}

}  // namespace pairinfo::import
