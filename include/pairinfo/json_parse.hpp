/// A strict JSON reader that knows where everything is.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pairinfo {

/// A syntax problem at a byte offset of the input.
class JsonSyntaxError : public std::runtime_error {
 public:
  JsonSyntaxError(std::size_t offset, const std::string& message)
      : std::runtime_error(message), offset_(offset) {}
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

/// The deepest nesting of arrays and objects a data file may use.
inline constexpr std::size_t max_json_depth = 64;

/// Parses RFC 8259 JSON with nlohmann/json. Stricter than most readers, because data
/// files are written by hand: invalid UTF-8, lone surrogates, control characters in
/// strings, duplicate object keys, nesting deeper than `max_json_depth` and numbers beyond
/// the range of a double are errors. A leading UTF-8 byte-order mark is skipped.
/// Throws JsonSyntaxError: one plain line, at the byte it is about (a duplicate key: the
/// second one).
nlohmann::json parse_json(std::string_view text);

/// 1-based line and column (in characters) of a byte offset.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset) noexcept;


}  // namespace pairinfo
