/// Decoding one data layer from its parsed JSON pieces into the model: the top-level
/// members (scales, categories, interventions...) and pair records one at a time, every
/// problem recorded with its JSON pointer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pairinfo/json_check.hpp"
#include "pairinfo/model.hpp"

namespace pairinfo {

/// A problem found before positions are known: which layer, where, what (and the byte
/// offset, when a syntax error gives it directly).
struct Problem {
  std::size_t layer = 0;
  std::string pointer;
  std::string message;
  std::optional<std::uint64_t> offset;
};

/// Everything one layer defines but its pair records.
struct Layer {
  LayerInfo info;
  std::optional<Scales> scales;
  std::vector<Category> categories;
  std::vector<Intervention> interventions;
  bool has_pairs = false;
};

class Decoder {
 public:
  Decoder(std::size_t layer, std::vector<Problem>& problems, bool strict)
      : layer_(layer), strict_(strict), problems_(problems) {}

  /// One top-level member other than "pairs", already parsed.
  void member(Layer& layer, std::string_view key, const nlohmann::json& value);
  /// After the last member: the rules of the file as a whole.
  void finish(Layer& layer);
  /// A record's text, at `offset` of the file and index `index` of "pairs": parsed, checked
  /// and decoded, keeping `keep`. nullopt when it is not even an object of JSON.
  std::optional<PairRecord> record(std::string_view text, std::uint64_t offset, std::size_t index, RecordParts keep);
  /// The same, from a parsed value (which may be anything but an object: a problem).
  std::optional<PairRecord> record(const nlohmann::json& item, std::size_t index, RecordParts keep);
  /// A top-level member whose value could not be parsed: it is there all the same.
  void unreadable_member(std::string_view key, std::uint64_t offset, std::string message);
  /// A syntax error of the piece at `offset`.
  void syntax_error(std::uint64_t offset, std::string message);

 private:
  void flush();
  PairRecord decode_record(const nlohmann::json& item, const std::string& at, RecordParts keep);
  Scales decode_scales(const nlohmann::json& value, const std::string& at);
  Scale decode_scale(const nlohmann::json& value, const std::string& at);
  template <typename F>
  void for_each_item(const nlohmann::json& value, const std::string& at, F&& visit);

  std::size_t layer_;
  bool strict_;
  std::vector<Problem>& problems_;
  std::vector<JsonProblem> found_;
  JsonChecker check_{found_};
  std::vector<std::string> keys_;  // top-level keys seen
};

}  // namespace pairinfo
