// Strict JSON parser building nlohmann::json values; see json_parse.hpp.
#include "pairinfo/json_parse.hpp"

#include <fmt/format.h>


namespace pairinfo {
namespace {

using json = nlohmann::json;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  json parse_document() {
    skip_space();
    if (pos_ == text_.size()) fail("empty document: expected a JSON value");
    json value = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw JsonSyntaxError(pos_, message); }
  [[noreturn]] void fail_at(std::size_t offset, const std::string& message) const {
    throw JsonSyntaxError(offset, message);
  }

  void skip_space() noexcept {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  char peek() const noexcept { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  std::string describe_here() const {
    if (pos_ >= text_.size()) return "end of file";
    auto c = static_cast<unsigned char>(text_[pos_]);
    if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", static_cast<char>(c));
    return fmt::format("byte 0x{:02x}", c);
  }

  json parse_value(std::size_t depth) {
    switch (peek()) {
      case '{': return parse_object(depth + 1);
      case '[': return parse_array(depth + 1);
      case '"': return json(parse_string());
      case 't': expect_word("true"); return json(true);
      case 'f': expect_word("false"); return json(false);
      case 'n': expect_word("null"); return json(nullptr);
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parse_number();
        fail(fmt::format("expected a JSON value, found {}", describe_here()));
    }
  }

  void expect_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word)
      fail(fmt::format("expected a JSON value, found {}", describe_here()));
    pos_ += word.size();
  }

  void check_depth(std::size_t depth) const {
    if (depth > max_json_depth)
      fail(fmt::format("nesting deeper than {} levels", max_json_depth));
  }

  json parse_object(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '{'
    json object = json::object();
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return object;
    }
    for (;;) {
      skip_space();
      if (peek() != '"') fail(fmt::format("expected a string key, found {}", describe_here()));
      std::size_t key_offset = pos_;
      std::string key = parse_string();
      auto& members = *object.get_ptr<json::object_t*>();
      auto [slot, fresh] = members.try_emplace(std::move(key));
      if (!fresh) fail_at(key_offset, fmt::format("duplicate key \"{}\" in one object", slot->first));
      skip_space();
      if (peek() != ':') fail(fmt::format("expected ':' after a key, found {}", describe_here()));
      ++pos_;
      skip_space();
      slot->second = parse_value(depth);
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return object;
      }
      fail(fmt::format("expected ',' or '}}' in an object, found {}", describe_here()));
    }
  }

  json parse_array(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '['
    json array = json::array();
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return array;
    }
    for (;;) {
      skip_space();
      array.push_back(parse_value(depth));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return array;
      }
      fail(fmt::format("expected ',' or ']' in an array, found {}", describe_here()));
    }
  }

  json parse_number() {
    std::size_t start = pos_;
    auto digits = [&] {
      std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    bool integral = true;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      fail("malformed number");
    }
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (digits() == 0) fail("malformed number: digits expected after '.'");
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (digits() == 0) fail("malformed number: digits expected in the exponent");
    }
    std::string literal(text_.substr(start, pos_ - start));
    // Huge numbers stay valid JSON; they are kept as floating point (or infinity),
    // and the format checks reject a number wherever text is expected anyway.
    if (integral && literal.size() < 19) return json(std::stoll(literal));
    return json(std::strtod(literal.c_str(), nullptr));
  }

  unsigned read_hex4() {
    if (pos_ + 4 > text_.size()) fail("truncated \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
      else fail_at(pos_ - 1, "invalid hex digit in \\u escape");
    }
    return value;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // Copies one UTF-8 sequence, rejecting overlong forms, surrogates and values past U+10FFFF.
  void copy_utf8_sequence(std::string& out) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text_[i]); };
    unsigned char lead = byte(pos_);
    std::size_t length = 0;
    unsigned char min2 = 0x80, max2 = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead == 0xE0) { length = 3; min2 = 0xA0; }
    else if (lead == 0xED) { length = 3; max2 = 0x9F; }
    else if (lead >= 0xE1 && lead <= 0xEF) length = 3;
    else if (lead == 0xF0) { length = 4; min2 = 0x90; }
    else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
    else if (lead == 0xF4) { length = 4; max2 = 0x8F; }
    else fail(fmt::format("invalid UTF-8 byte 0x{:02x}", lead));
    if (pos_ + length > text_.size()) fail("truncated UTF-8 sequence");
    for (std::size_t i = 1; i < length; ++i) {
      unsigned char c = byte(pos_ + i);
      unsigned char lo = i == 1 ? min2 : 0x80, hi = i == 1 ? max2 : 0xBF;
      if (c < lo || c > hi) fail(fmt::format("invalid UTF-8 sequence starting with byte 0x{:02x}", lead));
    }
    out.append(text_.substr(pos_, length));
    pos_ += length;
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) fail(fmt::format("control character 0x{:02x} in a string (escape it)", c));
      if (c >= 0x80) {
        copy_utf8_sequence(out);
        continue;
      }
      if (c != '\\') {
        // Copy a run of plain ASCII at once; strings are most of a data file.
        std::size_t end = pos_;
        while (end < text_.size()) {
          auto d = static_cast<unsigned char>(text_[end]);
          if (d == '"' || d == '\\' || d < 0x20 || d >= 0x80) break;
          ++end;
        }
        out.append(text_.substr(pos_, end - pos_));
        pos_ = end;
        continue;
      }
      std::size_t escape_offset = pos_;
      ++pos_;
      if (pos_ >= text_.size()) fail("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = read_hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail_at(escape_offset, "lone low surrogate in \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail_at(escape_offset, "lone high surrogate in \\u escape");
            pos_ += 2;
            unsigned low = read_hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail_at(escape_offset, "lone high surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: fail_at(escape_offset, "invalid escape sequence in a string");
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

nlohmann::json parse_json(std::string_view text) { return Parser(text).parse_document(); }

}  // namespace pairinfo
