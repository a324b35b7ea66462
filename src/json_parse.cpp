// Strict JSON parser building nlohmann::json values; see json_parse.hpp.
#include "pairinfo/json_parse.hpp"

#include <fmt/format.h>

#include "pairinfo/json_string.hpp"

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

  std::string parse_string() {
    std::string out;
    decode_json_string(text_, pos_, out);
    return out;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

nlohmann::json parse_json(std::string_view text) { return Parser(text).parse_document(); }

}  // namespace pairinfo
