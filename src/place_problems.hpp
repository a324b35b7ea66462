// Problems placed at their line and column in their layers. Private to load.cpp and index_build.cpp.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pairinfo/data_source.hpp"
#include "pairinfo/decode.hpp"
#include "pairinfo/diagnostics.hpp"
#include "pairinfo/index_db.hpp"
#include "pairinfo/record_splitter.hpp"

namespace pairinfo {

// A piece of a layer's text a problem lies in, and the pointer within it.
struct Piece {
  Span span;
  std::string rest;
};

// Where the top-level members of each layer are, for placing problems found in them.
using MemberSpans = std::vector<std::vector<std::pair<std::string, Span>>>;

// Problems placed at their line and column, in file order and then reading order.
std::vector<Diagnostic> to_diagnostics(const std::vector<DataSource>& sources, std::vector<Problem> problems,
                                       const std::function<std::optional<Piece>(const Problem&)>& piece_of);

// The piece of a layer a problem's pointer lies in: a record, as the index has it, or a
// top-level member.
std::optional<Piece> piece_in(const IndexDb& db, const MemberSpans& spans, const Problem& problem);

}  // namespace pairinfo
