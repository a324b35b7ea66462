// Problems placed at their line and column in their layers; see place_problems.hpp.
#include "place_problems.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "pairinfo/json_check.hpp"
#include "pairinfo/json_parse.hpp"

namespace pairinfo {
namespace {

// Line and column of an offset, counted in chunks for files not held in memory.
TextPosition position_in(const DataSource& data, std::uint64_t offset) {
  std::string buffer;
  if (data.in_memory()) return position_of(data.whole(buffer), static_cast<std::size_t>(offset));
  TextPosition position;
  std::uint64_t seen = 0;
  data.for_each_chunk([&](std::string_view chunk) {
    std::uint64_t take = std::min<std::uint64_t>(chunk.size(), offset - seen);
    TextPosition part = position_of(chunk, static_cast<std::size_t>(take));
    if (part.line > 1) {
      position.line += part.line - 1;
      position.column = part.column;
    } else {
      position.column += part.column - 1;
    }
    seen += take;
    return seen < offset;
  });
  return position;
}

}  // namespace

std::vector<Diagnostic> to_diagnostics(const std::vector<DataSource>& sources, std::vector<Problem> problems,
                                       const std::function<std::optional<Piece>(const Problem&)>& piece_of) {
  struct Placed {
    std::size_t layer;
    Diagnostic diagnostic;
  };
  std::vector<Placed> placed;
  std::string buffer;
  for (auto& problem : problems) {
    const DataSource& source = sources[problem.layer];
    std::uint64_t offset = 0;
    if (problem.offset) {
      offset = *problem.offset;
    } else if (auto piece = piece_of(problem)) {
      offset = piece->span.offset +
               locate_pointer(source.slice(piece->span.offset, piece->span.length, buffer), piece->rest);
    }
    TextPosition position = position_in(source, offset);
    placed.push_back({problem.layer, {source.name(), position.line, position.column, std::move(problem.pointer),
                                      std::move(problem.message)}});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
    return std::tie(a.layer, a.diagnostic.line, a.diagnostic.column) <
           std::tie(b.layer, b.diagnostic.line, b.diagnostic.column);
  });
  std::vector<Diagnostic> out;
  for (auto& p : placed) out.push_back(std::move(p.diagnostic));
  return out;
}

std::optional<Piece> piece_in(const IndexDb& db, const MemberSpans& spans, const Problem& problem) {
  std::string_view pointer = problem.pointer;
  if (pointer.empty()) return Piece{Span{0, 4096}, ""};  // the document: where its first value starts
  if (pointer.starts_with("/pairs/")) {
    std::size_t end = pointer.find('/', 7);
    std::string digits(pointer.substr(7, end == std::string_view::npos ? std::string_view::npos : end - 7));
    if (!digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      if (auto span = db.record_span(problem.layer, std::stoull(digits)))
        return Piece{*span, std::string(end == std::string_view::npos ? "" : pointer.substr(end))};
  }
  if (problem.layer < spans.size()) {
    std::size_t second = pointer.find('/', 1);
    std::string_view key = pointer.substr(1, second == std::string_view::npos ? std::string_view::npos : second - 1);
    for (const auto& [name, span] : spans[problem.layer])
      if (!pointer.empty() && pointer_token(name) == key)
        return Piece{span, std::string(second == std::string_view::npos ? "" : pointer.substr(second))};
  }
  return std::nullopt;
}

}  // namespace pairinfo
