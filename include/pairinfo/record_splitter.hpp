/// The one hand-written piece of JSON reading: finds where the top-level members of a data
/// file are, and where each record of its "pairs" array is, in files too big to parse whole.
/// It reads the file a window at a time, so memory stays bounded whatever its size, and it
/// hands every value it finds to the JSON library (json_parse.hpp) or to the caller, which
/// parses it with the library: together they reject exactly what parse_json rejects.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace pairinfo {

struct Span {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

/// Why a text is not a data file, at a byte offset (of the whole text).
struct SplitError {
  std::uint64_t offset = 0;
  std::string message;
};

/// What a list shows of a pair record, read by the splitter as it scans the record.
struct RecordOutline {
  std::string code_a, code_b;
  std::string title, significance, tier;  ///< Empty when the record lacks them.
};

/// What the splitter tells its caller, in file order.
struct SplitVisitor {
  /// A top-level member other than "pairs" (or "pairs" when it is not an array): its key
  /// (decoded) and its value's text. The value is not parsed: the caller parses it (it is
  /// small: scales, interventions...).
  std::function<void(std::string_view key, Span value, std::string_view text)> member;
  /// One element of the top-level "pairs" array: its index, span and text. `outline` is what
  /// a list shows of it when the whole text is sound JSON (as parse_json would find it) and
  /// "interventions" is two strings and "title", "significance" and "evidence"/"tier" are
  /// strings when present; otherwise null, and the caller parses the text.
  std::function<void(std::size_t index, Span span, std::string_view text, const RecordOutline* outline)> record;
  /// "pairs" was found, and is an array (its span, brackets included); called after its records.
  std::function<void(Span pairs)> pairs_array;
};

/// Reads `size` bytes through `read(offset, length, buffer)` (which returns a view of at
/// most `length` bytes from `offset` on, possibly into `buffer`; fewer is fine, none means
/// the file ended early) and calls `visit` for what it finds. Checks everything between
/// values itself (whitespace, ':' and ','; no byte glued to a value; nesting counted from
/// the top of the file), and the text of every top-level key (valid JSON string: escapes,
/// UTF-8, no control character; no duplicate) with parse_json. Every other byte is in a
/// text handed to `visit`: a caller that parses each with parse_json rejects exactly what
/// parse_json rejects of the whole file (whose top level must be an object here). A
/// text handed to `visit` is valid during the call only. A single key, member or record bigger than
/// `max_piece` is an error rather than a reason to hold it, so memory stays within a
/// window (1 MiB) and `max_piece`, on error paths too. Returns the first problem, or
/// nothing when the structure is sound.
std::optional<SplitError> split_records(std::uint64_t size,
                                        const std::function<std::string_view(std::uint64_t, std::uint64_t, std::string&)>& read,
                                        const SplitVisitor& visit, std::uint64_t max_piece = std::uint64_t{64} << 20);

/// The members of `object`, a JSON object in memory, in order: each key (decoded) and its
/// value's text, found as split_records finds a file's, without parsing the values. False
/// when split_records refuses the text or it has a "pairs" array (read as records); members
/// may have been visited by then.
bool split_members(std::string_view object, const std::function<void(std::string_view key, std::string_view value)>& member);

/// True if `literal`, a JSON string literal quotes included, holds valid UTF-8 without an
/// escape or a control character: its value is then its text between the quotes, as
/// parse_json would read it.
bool is_plain_string(std::string_view literal) noexcept;

/// Byte offset of the value a JSON pointer names in `text` (valid JSON), or of the deepest
/// existing ancestor when the value is absent. Used only to place diagnostics. A pointer
/// may name a repeated key's second occurrence as "/a/b#2" (see parse_json's duplicate-key
/// errors).
std::size_t locate_pointer(std::string_view text, std::string_view pointer);

}  // namespace pairinfo
