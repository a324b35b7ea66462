// Reading RFC 4180 tables a window at a time; see csv_reader.hpp.
#include "pairinfo/csv_reader.hpp"

#include <algorithm>

#include "pairinfo/diagnostics.hpp"
#include "pairinfo/text.hpp"

namespace pairinfo::csv {
namespace {

bool is_blank(char c, char delimiter) { return c == ' ' || c == '\r' || (c == '\t' && delimiter != '\t'); }


// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string_view::npos;
  // Rare: find the place by trying each sequence length at each character.
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    for (std::size_t k = 1; k <= 4 && i + k <= text.size() && length == 0; ++k)
      if (is_valid_utf8(text.substr(i, k))) length = k;
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace

void fail_at(const std::string& source, TextPosition position, std::string message) {
  throw DataError({Diagnostic{source, position.line, position.column, "", std::move(message)}});
}

std::string_view trim(std::string_view text, char delimiter) {
  while (!text.empty() && is_blank(text.front(), delimiter)) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back(), delimiter)) text.remove_suffix(1);
  return text;
}

void Reader::set_window(std::string_view window, bool last) {
  body_ = window;
  last_ = last;
  pos_ = line_start_ = 0;
  counted_from_ = counted_to_ = 0;
  column_ = 1;
}

// Fills fields[0..count) with the next non-blank record.
Reader::Read Reader::next(std::vector<Field>& fields, std::size_t& count, std::size_t& line) {
  while (pos_ < body_.size()) {
    std::size_t start = pos_, start_line = line_, start_line_start = line_start_;
    line = line_;
    count = 0;
    if (!read_record(fields, count)) {
      pos_ = start;  // cut short: read again, whole, from the next window
      line_ = start_line;
      line_start_ = start_line_start;
      return Read::more;
    }
    // Checked record by record, so problems are met in reading order however the table
    // is cut into windows. A record starts a line.
    std::string_view record = body_.substr(start, pos_ - start);
    if (std::size_t bad = first_invalid_utf8(record); bad != std::string_view::npos) {
      TextPosition position = position_of(record, bad);
      position.line += start_line - 1;
      fail_at(source_, position, "the table is not UTF-8 text (save it as UTF-8 and import it again)");
    }
    bool blank = count == 1 && !fields[0].quoted && fields[0].value.empty();
    if (!blank) return Read::record;
  }
  return last_ ? Read::end : Read::more;
}

// Columns are counted on from the last place asked for on the same line, so a line of
// many fields costs its length once, not once per field.
TextPosition Reader::position_at(std::size_t offset) {
  if (counted_from_ != line_start_ || offset < counted_to_) {
    counted_from_ = counted_to_ = line_start_;
    column_ = 1;
  }
  for (; counted_to_ < offset && counted_to_ < body_.size(); ++counted_to_)
    if ((static_cast<unsigned char>(body_[counted_to_]) & 0xC0) != 0x80) ++column_;  // characters, not bytes
  TextPosition position;
  position.line = line_;
  position.column = column_;
  return position;
}

// False when the window ends before the record does (and more of the table follows).
bool Reader::read_record(std::vector<Field>& fields, std::size_t& count) {
  for (;;) {
    if (count == fields.size()) fields.emplace_back();
    Field& field = fields[count++];
    field.value.clear();
    field.position = position_at(pos_);
    field.quoted = false;
    std::size_t start = pos_;
    while (start < body_.size() && is_blank(body_[start], delimiter_)) ++start;
    if (start < body_.size() && body_[start] == '"') {
      if (!read_quoted(field, start)) return false;
    } else {
      read_plain(field);
    }
    if (pos_ < body_.size() && body_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    if (pos_ < body_.size()) {  // at '\n'
      ++pos_;
      ++line_;
      line_start_ = pos_;
      return true;
    }
    return last_;
  }
}

void Reader::read_plain(Field& field) {
  std::size_t end = pos_;
  while (end < body_.size() && body_[end] != delimiter_ && body_[end] != '\n') ++end;
  field.value.assign(trim(body_.substr(pos_, end - pos_), delimiter_));
  pos_ = end;
}

bool Reader::read_quoted(Field& field, std::size_t quote) {
  field.quoted = true;
  field.position = position_at(quote);
  std::size_t at = quote + 1;
  for (;;) {
    std::size_t close = body_.find('"', at);
    if (close == std::string_view::npos || (close + 1 == body_.size() && !last_)) {
      if (!last_) return false;
      fail_at(source_, field.position, "a quoted field is never closed (a '\"' inside a field must be doubled)");
    }
    std::string_view chunk = body_.substr(at, close - at);
    if (std::size_t newline = chunk.rfind('\n'); newline != std::string_view::npos) {
      line_ += static_cast<std::size_t>(std::count(chunk.begin(), chunk.end(), '\n'));
      line_start_ = at + newline + 1;
    }
    field.value.append(chunk);
    if (close + 1 < body_.size() && body_[close + 1] == '"') {
      field.value += '"';
      at = close + 2;
      continue;
    }
    pos_ = close + 1;
    break;
  }
  while (pos_ < body_.size() && is_blank(body_[pos_], delimiter_)) ++pos_;
  if (pos_ == body_.size() && !last_) return false;
  if (pos_ < body_.size() && body_[pos_] != delimiter_ && body_[pos_] != '\n')
    fail_at(source_, position_at(pos_),
            "unexpected text after a closing quote (a '\"' inside a field must be doubled)");
  // Line breaks inside values are stored as '\n', whatever the file used.
  if (field.value.find('\r') != std::string::npos) {
    std::string normalized;
    normalized.reserve(field.value.size());
    for (std::size_t i = 0; i < field.value.size(); ++i)
      if (!(field.value[i] == '\r' && i + 1 < field.value.size() && field.value[i + 1] == '\n'))
        normalized += field.value[i];
    field.value = std::move(normalized);
  }
  // Trimmed of any white space, as the loader counts a value of only white space as empty.
  std::string_view value = field.value;
  std::size_t first = value.find_first_not_of(" \t\r\n"), last = value.find_last_not_of(" \t\r\n");
  field.value = first == std::string_view::npos ? std::string() : std::string(value.substr(first, last - first + 1));
  return true;
}

// The delimiter that occurs most on the header line, outside quotes; a comma if none does.
char detect_delimiter(std::string_view body) {
  std::size_t tabs = 0, commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : body) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '\n') break;
    else if (!quoted && c == '\t') ++tabs;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
  }
  if (tabs > 0 && tabs >= commas && tabs >= semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

// Whether the text holds the whole header line (an end of line outside quotes).
bool holds_header_line(std::string_view body) {
  bool quoted = false;
  for (char c : body) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == '\n') return true;
  }
  return false;
}

}  // namespace pairinfo::csv
