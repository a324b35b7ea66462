/// Reading an RFC 4180 table (CSV, TSV...) a record at a time from windows of its text, for import.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/json_parse.hpp"

namespace pairinfo::csv {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// Throws DataError for `source` at `position`.
[[noreturn]] void fail_at(const std::string& source, TextPosition position, std::string message);

/// One field of a record, trimmed of surrounding blanks.
struct Field {
  std::string value;
  TextPosition position;  ///< Where the field starts, for diagnostics.
  bool quoted = false;
};

/// Reads RFC 4180 records one at a time from a window of the table that starts at a record.
/// Unless the window is the table's last, a record it cuts short is left for the next window
/// (which starts with it); line numbers and columns count on across windows. Text that is not
/// UTF-8, an unterminated quote or text after a closing quote throw DataError.
class Reader {
 public:
  enum class Read { record, more, end };

  explicit Reader(const std::string& source) : source_(source) {}

  void set_delimiter(char delimiter) { delimiter_ = delimiter; }
  void set_window(std::string_view window, bool last);
  /// Bytes of the window read as whole records.
  std::size_t consumed() const noexcept { return pos_; }

  /// Fills fields[0..count) with the next non-blank record, which starts on `line`.
  Read next(std::vector<Field>& fields, std::size_t& count, std::size_t& line);

 private:
  TextPosition position_at(std::size_t offset);
  bool read_record(std::vector<Field>& fields, std::size_t& count);
  void read_plain(Field& field);
  bool read_quoted(Field& field, std::size_t quote);

  const std::string& source_;
  std::string_view body_;
  char delimiter_ = ',';
  bool last_ = true;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t counted_from_ = 0, counted_to_ = 0, column_ = 1;  // see position_at
};

/// The delimiter that occurs most on the header line, outside quotes; a comma if none does.
char detect_delimiter(std::string_view body);

/// Whether the text holds the whole header line (an end of line outside quotes).
bool holds_header_line(std::string_view body);

/// `text` without the blanks around it (a tab is a blank unless it is the delimiter).
std::string_view trim(std::string_view text, char delimiter);

}  // namespace pairinfo::csv
