/// What a list shows of a pair record (its two codes, title, significance and tier), read
/// from the record's text with simdjson at the speed of a file scan, for the index.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pairinfo {

/// Bytes that must be readable after a record's text for read_outline (simdjson's padding).
inline constexpr std::size_t outline_padding = 64;

struct RecordOutline {
  std::string code_a, code_b;
  std::string title, significance, tier;  ///< Empty when the record lacks them.
};

/// The outline of one record: `record` is a JSON object's text, followed in memory by at
/// least outline_padding readable bytes. nullopt when it is not a well-formed JSON object
/// (syntax, UTF-8) or when "interventions" is not two strings, or a part is not a string:
/// the record is then read whole, and its problem reported, when a command needs it.
std::optional<RecordOutline> read_outline(std::string_view record);

}  // namespace pairinfo
