/// A fast structural pass over a data file: where each top-level section and each pair
/// record is, and the two codes of each pair, without building a JSON tree. It reads the
/// file as a stream of chunks, so memory stays small whatever the file's size.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pairinfo {

struct Span {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

struct PairLocation {
  Span span;           ///< The record object, braces included.
  std::string code_a;  ///< Raw codes as written; empty when the scan could not read them.
  std::string code_b;
  /// What a list shows of the record, packed (see record_outline.hpp); empty when the scan
  /// saw something the record reader would not take on trust (an unknown or repeated key,
  /// a value of the wrong kind, a number), and the record must be read to be listed.
  std::string outline;
};

/// What a scan found.
struct LayerScan {
  /// Top-level members other than "pairs": key and value span.
  std::vector<std::pair<std::string, Span>> members;
  bool has_pairs = false;
};

/// Feeds a file through in chunks. `feed` and `finish` return false when the text is not
/// shaped like a data file (not an object, unbalanced, a string never closed...): the
/// caller then falls back to the full parser, which explains the problem precisely.
/// It never decides that a file is valid, only where things are.
class LayerScanner {
 public:
  LayerScanner(LayerScan& out, std::function<void(PairLocation&&)> on_pair);
  ~LayerScanner();
  LayerScanner(const LayerScanner&) = delete;
  LayerScanner& operator=(const LayerScanner&) = delete;

  bool feed(std::string_view chunk);
  bool finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Scans a whole text held in memory.
bool scan_layer(std::string_view text, LayerScan& out, const std::function<void(PairLocation&&)>& on_pair);

}  // namespace pairinfo
