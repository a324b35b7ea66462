/// Decoding JSON strings, shared by the document parser and the record fast path.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace pairinfo {

/// How many bytes from `from` on are neither '"' nor '\\': how far a string can be skipped
/// without looking at what it holds.
std::size_t quote_free_length(std::string_view text, std::size_t from) noexcept;

/// Decodes the JSON string that opens at `text[pos]` (a '"') and appends its value to
/// `out`; `pos` ends just past the closing quote. Invalid UTF-8, control characters, bad
/// escapes and lone surrogates are errors: throws JsonSyntaxError (json_parse.hpp) at
/// the offending byte.
void decode_json_string(std::string_view text, std::size_t& pos, std::string& out);

}  // namespace pairinfo
