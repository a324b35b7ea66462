/// A fast structural pass over a data file: where each top-level section and each pair
/// record is, and the two codes of each pair, without building a JSON tree.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pairinfo {

struct Span {
  std::size_t offset = 0;
  std::size_t length = 0;
};

struct PairLocation {
  Span span;           ///< The record object, braces included.
  std::string code_a;  ///< Raw codes as written; empty when the scan could not read them.
  std::string code_b;
};

struct LayerScan {
  /// Top-level members other than "pairs": key and value span.
  std::vector<std::pair<std::string, Span>> members;
  std::vector<PairLocation> pairs;
  bool has_pairs = false;
};

/// Scans `text` (a data file). Returns false, leaving `out` partial, when the text is not
/// shaped like a data file (not an object, unbalanced, a string never closed...): the
/// caller then falls back to the full parser, which explains the problem precisely.
bool scan_layer(std::string_view text, LayerScan& out);

}  // namespace pairinfo
