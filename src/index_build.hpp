// Building the index of a set of layers from their text. Private to load.cpp.
#pragma once
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "pairinfo/data_source.hpp"
#include "pairinfo/decode.hpp"
#include "pairinfo/index_db.hpp"
#include "place_problems.hpp"

namespace pairinfo {

// What a build reads of LoadOptions, which it cannot name: load.hpp's module includes this one.
// The progress callback is held by reference, as the loader's own.
struct BuildOptions {
  bool strict;
  std::uint64_t lazy_threshold;
  const std::function<void(std::string_view what, std::uint64_t done, std::uint64_t total)>& progress;
};

// The index row of a decoded record.
IndexedPair row_of(const PairRecord& record);

// Splits every layer into its members and records, decodes the members, and puts every
// record into the index: decoded and checked whole with `full` or for files smaller than
// the lazy threshold, by its outline otherwise. Then merges the catalogue and checks the
// rules that span records. Returns every problem.
std::vector<Problem> build_index(const std::vector<DataSource>& sources, const BuildOptions& options, IndexDb& db,
                                 bool full, MemberSpans& spans);

}  // namespace pairinfo
