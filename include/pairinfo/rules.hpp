/// The rules of the data format that span records and layers: layers merged into one
/// catalogue (later layers win), names that must lead to one intervention, class members,
/// and what a record must agree with in the merged catalogue.
#pragma once
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "pairinfo/catalogue.hpp"
#include "pairinfo/decode.hpp"

namespace pairinfo {

/// The catalogue of every layer merged, its problems added to `problems`.
std::shared_ptr<const Catalogue> merge_catalogue(const std::vector<Layer>& layers, std::vector<Problem>& problems);

/// The rules of one record that need the merged catalogue; false for a record that is no
/// pair at all (a pair of an intervention with itself) and takes no further part.
bool check_against_catalogue(const PairRecord& record, std::size_t layer, const Catalogue& catalogue,
                             std::vector<Problem>& problems);

/// The problem of a record whose pair the same layer defined before, at `first`.
Problem defined_twice(std::size_t layer, const PairRecord& record, std::string_view first);

}  // namespace pairinfo
