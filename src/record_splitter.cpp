// The record splitter: top-level members and pair records of a data file, a window at a
// time; and locate_pointer. See record_splitter.hpp.
#include "pairinfo/record_splitter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/text.hpp"
#include "byte_blocks.hpp"
#include "record_grammar.hpp"

namespace pairinfo {
namespace {

using detail::block_masks, detail::BlockMasks, detail::control_mask, detail::escaped_bytes, detail::find_string_special,
    detail::find_structural, detail::prefix_xor;

constexpr std::uint64_t window_size = std::uint64_t{1} << 20;

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_value_start(unsigned char c) {
  return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
}

std::string describe(int c) {
  if (c < 0) return "end of file";
  if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", static_cast<char>(c));
  return fmt::format("byte 0x{:02x}", c);
}

struct Stop {
  SplitError error;
};

// What is being captured, for the message when it is too big.
enum class Piece { key, member, record };

class Splitter {
 public:
  Splitter(std::uint64_t size, const std::function<std::string_view(std::uint64_t, std::uint64_t, std::string&)>& read,
           const SplitVisitor& visit, std::uint64_t max_piece)
      : size_(size), read_(read), visit_(visit), max_piece_(max_piece) {}

  void run() {
    if (size_ == 0) stop(0, "empty document: expected a JSON value");
    if (peek() == 0xEF) {
      // A byte-order mark is skipped, as parse_json does; anything else starting so is no value.
      for (unsigned char expected : {0xEF, 0xBB, 0xBF}) {
        if (peek() != expected) stop(0, "expected a JSON value, found byte 0xef");
        ++pos_;
      }
    }
    skip_space();
    int first = peek();
    if (first < 0) stop(size_, "empty document: expected a JSON value");
    if (first != '{') {
      if (!is_value_start(static_cast<unsigned char>(first))) stop(pos_, "expected a JSON value, found " + describe(first));
      std::string_view kind = first == '[' ? "an array" : first == '"' ? "a string" : first == 't' || first == 'f' ? "a boolean"
                              : first == 'n' ? "null" : "a number";
      stop(pos_, fmt::format("the data file must be a JSON object, not {}", kind));
    }
    ++pos_;
    skip_space();
    if (peek() == '}') {
      ++pos_;
    } else {
      for (;;) {
        int c = peek();
        if (c != '"') stop(pos_, "expected a string key, found " + describe(c));
        std::string key = read_key();
        skip_space();
        c = peek();
        if (c != ':') stop(pos_, "expected ':' after a key, found " + describe(c));
        ++pos_;
        skip_space();
        if (key == "pairs" && peek() == '[') {
          read_pairs();
        } else {
          read_member(key);
        }
        skip_space();
        c = peek();
        if (c == ',') {
          ++pos_;
          skip_space();
          continue;
        }
        if (c == '}') {
          ++pos_;
          break;
        }
        stop(pos_, "expected ',' or '}' in an object, found " + describe(c));
      }
    }
    skip_space();
    if (peek() >= 0) stop(pos_, "unexpected text after the JSON value");
  }

 private:
  [[noreturn]] void stop(std::uint64_t offset, std::string message) { throw Stop{{offset, std::move(message)}}; }

  // --- reading -----------------------------------------------------------------------

  std::uint64_t window_end() const { return base_ + window_.size(); }

  // The byte at pos_, or -1 at the end of the file.
  int peek() {
    if (pos_ >= size_) return -1;
    if (pos_ >= window_end()) next_window();
    return static_cast<unsigned char>(window_[pos_ - base_]);
  }

  void skip_space() {
    for (int c = peek(); c >= 0 && is_space(static_cast<unsigned char>(c)); c = peek()) ++pos_;
  }

  // Moves the window on to pos_ (== window_end()), keeping what a capture needs.
  void next_window() {
    std::uint64_t end = window_end();
    if (capturing_) {
      if (end - capture_start_ > max_piece_) too_big(end);
      std::uint64_t from = std::max(capture_start_, base_);
      carry_.append(window_.data() + (from - base_), end - from);
    }
    std::uint64_t length = std::min(window_size, size_ - end);
    std::string_view bytes = read_(end, length, buffer_);
    if (bytes.empty()) stop(end, "the file ended early: it could not be read past this byte");
    window_ = bytes.substr(0, length);
    base_ = end;
  }

  void begin_capture(Piece kind) {
    capturing_ = true;
    capture_kind_ = kind;
    capture_start_ = pos_;
    carry_.clear();
  }

  // The captured bytes up to `end` (within the window).
  std::string_view end_capture(std::uint64_t end) {
    capturing_ = false;
    return captured_since(capture_start_, end);
  }

  // The captured bytes from `from` to `end` (within the window), in one piece.
  std::string_view captured_since(std::uint64_t from, std::uint64_t end) {
    if (end - capture_start_ > max_piece_) too_big(end);
    if (from >= base_) return window_.substr(from - base_, end - from);
    scratch_.assign(carry_, from - capture_start_);
    scratch_.append(window_.data(), end - base_);
    return scratch_;
  }

  // The captured bytes so far (for an error): the carry and the window up to `end`.
  std::string captured(std::uint64_t end) const {
    std::string text = carry_;
    std::uint64_t from = std::max(capture_start_, base_);
    if (end > from) text.append(window_.data() + (from - base_), end - from);
    if (text.size() > max_piece_) text.resize(max_piece_);
    return text;
  }

  // The first error parse_json finds in a captured prefix, if it is before `limit` bytes;
  // otherwise `fallback`.
  [[noreturn]] void fail_in_piece(std::uint64_t end, std::size_t limit, std::uint64_t offset, std::string message) {
    std::string text = captured(end);
    std::uint64_t start = capture_start_;
    capturing_ = false;
    carry_.clear();
    try {
      (void)parse_json(text);
    } catch (const JsonSyntaxError& error) {
      if (error.offset() <= limit && error.offset() <= text.size()) stop(start + error.offset(), error.what());
    }
    stop(offset, std::move(message));
  }

  [[noreturn]] void too_big(std::uint64_t end) {
    std::string_view what = capture_kind_ == Piece::key ? "a top-level key" : capture_kind_ == Piece::member ? "a top-level member" : "a pair record";
    std::uint64_t start = capture_start_;
    fail_in_piece(end, max_piece_ - 1, start,
                  fmt::format("{} longer than {} bytes: too big to read on its own", what, max_piece_));
  }

  // --- strings and values ---------------------------------------------------------------

  // From just inside a string to just past its closing quote; false at the end of the file.
  bool skip_string_body() {
    for (;;) {
      if (pos_ >= size_) return false;
      if (pos_ >= window_end()) next_window();
      const char* begin = window_.data();
      const char* p = begin + (pos_ - base_);
      const char* end = begin + window_.size();
      p = find_string_special(p, end);
      pos_ = base_ + static_cast<std::uint64_t>(p - begin);
      if (p == end) continue;
      ++pos_;
      if (*p == '"') return true;
      // A backslash: the byte after it cannot end the string.
      if (pos_ >= size_) return false;
      if (pos_ >= window_end()) next_window();
      ++pos_;
    }
  }

  std::string read_key() {
    begin_capture(Piece::key);
    ++pos_;  // '"'
    if (!skip_string_body()) fail_in_piece(size_, size_, size_, "unterminated string");
    std::uint64_t start = capture_start_;
    std::string_view text = end_capture(pos_);
    std::string key;
    if (is_plain_string(text)) {
      key = text.substr(1, text.size() - 2);
    } else {
      try {
        key = parse_json(text).get<std::string>();
      } catch (const JsonSyntaxError& error) {
        stop(start + error.offset(), error.what());
      }
    }
    if (!keys_.insert(key).second) stop(start, fmt::format("duplicate key \"{}\" in one object", key));
    return key;
  }

  // Scans the value at pos_ to the byte that ends it at its own top level (',', ']', '}')
  // or the end of the file, checking nesting and that nothing is glued to it: after a
  // container or a string is complete, or once a number or literal has begun, no other
  // value may begin. Returns false at the end of the file.
  bool scan_value(std::size_t outer_depth) {
    std::size_t depth = 0;
    bool complete = peek() != '{' && peek() != '[' && peek() != '"';
    for (;;) {
      if (pos_ >= size_) return false;
      if (pos_ >= window_end()) next_window();
      const char* begin = window_.data();
      const char* end = begin + window_.size();
      const char* p = begin + (pos_ - base_);
      for (;;) {
        p = find_structural(p, end);
        if (p == end) break;
        char c = *p;
        if (c == '"') {
          if (complete && depth == 0) glued(p - begin);
          pos_ = base_ + static_cast<std::uint64_t>(p - begin) + 1;
          if (!skip_string_body()) return false;
          if (depth == 0) complete = true;
          begin = window_.data();
          end = begin + window_.size();
          p = begin + (pos_ - base_);
          continue;
        }
        if (c == '[' || c == '{') {
          if (complete && depth == 0) glued(p - begin);
          if (++depth + outer_depth > max_json_depth) {
            std::uint64_t at = base_ + static_cast<std::uint64_t>(p - begin);
            fail_in_piece(at, at - capture_start_ - 1, at, fmt::format("nesting deeper than {} levels", max_json_depth));
          }
        } else if (depth == 0) {  // ',' ']' '}' end the value
          pos_ = base_ + static_cast<std::uint64_t>(p - begin);
          return true;
        } else if (c != ',') {
          if (--depth == 0) complete = true;
        }
        ++p;
      }
      pos_ = window_end();
    }
  }

  // scan_value for an array or object, 64 bytes at a time: strings are found with bit masks
  // (quotes not escaped, prefix XOR), and only brackets and commas outside them are looked at
  // for its end. On the way, grammar_ checks the value's grammar and notes its outline: it
  // sees the quotes, colons and first bytes of numbers and literals too, and the escapes.
  bool scan_container(std::size_t outer_depth) {
    std::size_t depth = 0;
    std::uint64_t escape_carry = 0;
    std::uint64_t in_string = 0;  // all ones when the previous block ended inside a string
    std::uint64_t scalar_carry = 0;  // 1 when the previous block ended inside a number or literal
    std::uint64_t complete_at = 0;  // where the value ended, once depth is back to 0
    bool complete = false;
    grammar_.reset();
    alignas(16) char tail[64];
    for (;;) {
      if (pos_ >= size_) return false;
      if (pos_ >= window_end()) next_window();
      const char* p = window_.data() + (pos_ - base_);
      std::size_t available = static_cast<std::size_t>(window_end() - pos_);
      const char* block = p;
      if (available < 64) {
        std::memset(tail, ' ', sizeof tail);
        std::memcpy(tail, p, available);
        block = tail;
      }
      std::size_t length = std::min<std::size_t>(available, 64);
      const std::uint64_t block_at = pos_;
      BlockMasks masks = block_masks(block);
      std::uint64_t valid = length == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << length) - 1;
      std::uint64_t escaped = escaped_bytes(masks.backslash & valid, escape_carry);
      // A short block (the end of a window) hands on whether its first byte past the end is escaped.
      if (length < 64) escape_carry = (escaped >> length) & 1;
      std::uint64_t quotes = masks.quote & ~escaped & valid;
      std::uint64_t strings = prefix_xor(quotes) ^ in_string;  // opening quotes and string contents
      in_string = static_cast<std::uint64_t>(static_cast<std::int64_t>(strings) >> 63);
      std::uint64_t events = masks.structural & ~strings & valid;
      const bool checking = grammar_.ok();
      std::uint64_t scalars = 0;
      if (checking) {
        std::uint64_t outside = valid & ~strings & ~quotes;
        std::uint64_t other = outside & ~masks.structural & ~masks.low;
        scalars = other & ~((other << 1) | scalar_carry);
        scalar_carry = (other >> (length - 1)) & 1;
        events |= quotes | scalars;
      }
      std::uint64_t scanned = valid;  // the bytes of the value in this block
      bool ended = false;
      while (events != 0) {
        int bit = __builtin_ctzll(events);
        events &= events - 1;
        std::uint64_t one = std::uint64_t{1} << bit;
        char c = block[bit];
        std::uint64_t at = block_at + static_cast<std::uint64_t>(bit);
        if (checking) {
          std::uint64_t offset = at - capture_start_;
          if (one & quotes) {
            if (one & strings) grammar_.quote_opens(offset);
            else grammar_.quote_closes(grammar_.in_key() ? captured_since(capture_start_ + grammar_.key_start(), at) : "");
            continue;
          }
          if (one & scalars) {
            grammar_.scalar(offset);
            continue;
          }
        }
        if (c == ':') {
          if (checking) grammar_.colon();
          continue;
        }
        if (c == '[' || c == '{') {
          if (complete) glued(static_cast<std::ptrdiff_t>(at - base_));
          if (++depth + outer_depth > max_json_depth)
            fail_in_piece(at, at - capture_start_ - 1, at, fmt::format("nesting deeper than {} levels", max_json_depth));
          if (checking) grammar_.open(c, at - capture_start_);
        } else if (depth == 0) {  // ',' ']' '}' end the value
          check_gap(complete_at, at);
          scanned = (one - 1) & valid;
          pos_ = at;
          ended = true;
          break;
        } else if (c != ',') {
          if (--depth == 0) {
            complete = true;
            complete_at = at + 1;
          }
          if (checking) grammar_.close(c);
        } else if (checking) {
          grammar_.comma();
        }
      }
      if (checking) {
        if (masks.control) {
          std::uint64_t control = control_mask(block) & scanned;
          if (control & strings) grammar_.fail();
          // Outside strings, the only control bytes allowed are blanks (few: line ends).
          for (std::uint64_t e = control & ~strings; e != 0; e &= e - 1)
            if (!is_space(static_cast<unsigned char>(block[__builtin_ctzll(e)]))) grammar_.fail();
        }
        if (masks.high) grammar_.non_ascii(block_at - capture_start_);
        for (std::uint64_t e = escaped & strings & scanned; e != 0; e &= e - 1) {
          int bit = __builtin_ctzll(e);
          grammar_.escape(block[bit], block_at + static_cast<std::uint64_t>(bit) - capture_start_);
        }
      }
      if (ended) return true;
      pos_ += length;
      // At the end of a window, an escape or string left open carries on into the next.
    }
  }

  // Only blanks may lie between the end of a value and the byte that ends its piece.
  void check_gap(std::uint64_t from, std::uint64_t to) {
    for (std::uint64_t at = from; at < to; ++at) {
      unsigned char c = at < base_ ? static_cast<unsigned char>(carry_[at - capture_start_])
                                   : static_cast<unsigned char>(window_[at - base_]);
      if (!is_space(c)) {
        if (at < base_) stop(at, "unexpected text after the JSON value");
        glued(static_cast<std::ptrdiff_t>(at - base_));
      }
    }
  }

  [[noreturn]] void glued(std::ptrdiff_t in_window) {
    std::uint64_t at = base_ + static_cast<std::uint64_t>(in_window);
    fail_in_piece(at + 1, at - capture_start_, at, "unexpected text after the JSON value");
  }

  // The value at pos_ (after ':' or '[' or ',' and blanks): captured, scanned, trimmed.
  // Returns its offset and text, or stops with `at_end` when the file ends inside it.
  std::pair<std::uint64_t, std::string_view> read_value(Piece kind, std::size_t outer_depth, std::string_view at_end) {
    int c = peek();
    if (c < 0 || !is_value_start(static_cast<unsigned char>(c))) stop(pos_, "expected a JSON value, found " + describe(c));
    begin_capture(kind);
    std::uint64_t start = pos_;
    bool ended = c == '{' || c == '[' ? scan_container(outer_depth) : scan_value(outer_depth);
    if (!ended) fail_in_piece(size_, size_ - start, size_, std::string(at_end));
    std::string_view text = end_capture(pos_);
    while (!text.empty() && is_space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return {start, text};
  }

  void read_member(const std::string& key) {
    auto [start, text] = read_value(Piece::member, 1, "expected ',' or '}' in an object, found end of file");
    if (visit_.member) visit_.member(key, Span{start, text.size()}, text);
  }

  void read_pairs() {
    std::uint64_t open = pos_;
    ++pos_;  // '['
    skip_space();
    if (peek() != ']') {
      for (std::size_t index = 0;; ++index) {
        auto [start, text] = read_value(Piece::record, 2, "expected ',' or ']' in an array, found end of file");
        bool outlined = text.front() == '{' && grammar_.finish(text, outline_);
        if (visit_.record) visit_.record(index, Span{start, text.size()}, text, outlined ? &outline_ : nullptr);
        skip_space();
        int c = peek();
        if (c == ',') {
          ++pos_;
          skip_space();
          continue;
        }
        if (c == ']') break;
        stop(pos_, "expected ',' or ']' in an array, found " + describe(c));
      }
    }
    ++pos_;  // ']'
    if (visit_.pairs_array) visit_.pairs_array(Span{open, pos_ - open});
  }

  std::uint64_t size_;
  const std::function<std::string_view(std::uint64_t, std::uint64_t, std::string&)>& read_;
  const SplitVisitor& visit_;
  std::uint64_t max_piece_;

  std::string buffer_;       // for read_
  std::string_view window_;  // bytes [base_, base_ + window_.size())
  std::uint64_t base_ = 0;
  std::uint64_t pos_ = 0;

  bool capturing_ = false;
  Piece capture_kind_ = Piece::member;
  std::uint64_t capture_start_ = 0;
  std::string carry_;  // captured bytes of earlier windows
  std::string scratch_;  // a capture across windows, in one piece

  detail::RecordGrammar grammar_;  // of the last container scanned
  RecordOutline outline_;          // of the last record

  std::unordered_set<std::string> keys_;
};

}  // namespace

std::optional<SplitError> split_records(std::uint64_t size,
                                        const std::function<std::string_view(std::uint64_t, std::uint64_t, std::string&)>& read,
                                        const SplitVisitor& visit, std::uint64_t max_piece) {
  try {
    Splitter(size, read, visit, std::max<std::uint64_t>(max_piece, 1)).run();
  } catch (Stop& stop) {
    return std::move(stop.error);
  }
  return std::nullopt;
}

bool is_plain_string(std::string_view literal) noexcept {
  if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"') return false;
  std::string_view text = literal.substr(1, literal.size() - 2);
  bool ascii = true;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\' || c == '"') return false;
    ascii = ascii && byte < 0x80;
  }
  return ascii || is_valid_utf8(text);
}

bool split_members(std::string_view object, const std::function<void(std::string_view key, std::string_view value)>& member) {
  bool plain = true;  // no "pairs" array, which the splitter would read as records
  SplitVisitor visit;
  visit.member = [&](std::string_view key, Span, std::string_view text) { member(key, text); };
  visit.pairs_array = [&](Span) { plain = false; };
  visit.record = [&](std::size_t, Span, std::string_view, const RecordOutline*) { plain = false; };
  auto read = [object](std::uint64_t offset, std::uint64_t length, std::string&) { return object.substr(offset, length); };
  return !split_records(object.size(), read, visit) && plain;
}

}  // namespace pairinfo
