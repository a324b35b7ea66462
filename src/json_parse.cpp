// The strict JSON reader: nlohmann/json's SAX parser with a handler that builds the value
// and refuses duplicate keys and deep nesting; nlohmann's errors become one plain line at
// the byte they are about. See json_parse.hpp.
#include "pairinfo/json_parse.hpp"

#include <fmt/format.h>

#include <iterator>
#include <vector>

namespace pairinfo {
namespace {

using json = nlohmann::json;

// A pointer into the text that tells, through `live`, how far nlohmann's lexer has read:
// SAX events carry no positions, but the lexer reads no further than the token it reports
// (numbers aside: they read one byte ahead), so the read position places keys and brackets.
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at = nullptr;
  const char** live = nullptr;

  reference operator*() const { return *at; }
  TrackingIterator& operator++() {
    *live = ++at;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackingIterator& other) const { return at == other.at; }
  bool operator!=(const TrackingIterator& other) const { return at != other.at; }
};

// Why the handler stopped the parse on its own.
enum class Refusal { none, duplicate_key, too_deep, syntax };

class Builder final : public nlohmann::json_sax<json> {
 public:
  json root;
  Refusal refusal = Refusal::none;
  std::string duplicate;         // the key refused
  const char* refused_at = nullptr;  // the lexer's position when a key or bracket was refused
  std::size_t error_byte = 0;    // nlohmann's position of a syntax error (bytes read)
  std::string error_what;
  const char* const* live = nullptr;

  bool null() override { return put(json(nullptr)); }
  bool boolean(bool value) override { return put(json(value)); }
  bool number_integer(number_integer_t value) override { return put(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return put(json(value)); }
  bool number_float(number_float_t value, const string_t&) override { return put(json(value)); }
  bool string(string_t& value) override { return put(json(std::move(value))); }
  bool binary(binary_t&) override { return false; }  // not produced by the JSON reader

  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    auto& members = *stack_.back()->get_ptr<json::object_t*>();
    auto [slot, fresh] = members.try_emplace(name);
    if (!fresh) {
      refusal = Refusal::duplicate_key;
      duplicate = name;
      refused_at = *live;
      return false;
    }
    slot_ = &slot->second;
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) override {
    refusal = Refusal::syntax;
    error_byte = position;
    error_what = error.what();
    return false;
  }

 private:
  // Where the next value goes: the root, the slot of the last key, or the end of an array.
  json* place(json&& value) {
    if (stack_.empty()) {
      root = std::move(value);
      return &root;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.get_ptr<json::array_t*>()->push_back(std::move(value));
      return &parent.get_ptr<json::array_t*>()->back();
    }
    *slot_ = std::move(value);
    return slot_;
  }
  bool put(json&& value) {
    place(std::move(value));
    return true;
  }
  bool open(json&& container) {
    if (stack_.size() >= max_json_depth) {
      refusal = Refusal::too_deep;
      refused_at = *live;
      return false;
    }
    stack_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  std::vector<json*> stack_;
  json* slot_ = nullptr;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::string describe(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "end of file";
  auto c = static_cast<unsigned char>(text[offset]);
  if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", static_cast<char>(c));
  return fmt::format("byte 0x{:02x}", c);
}

// The opening quote of the string whose closing quote is at `close`, in text the lexer
// accepted: the last '"' before it that no backslash escapes.
std::size_t string_start(std::string_view text, std::size_t close) {
  std::size_t at = close;
  while (at > 0) {
    --at;
    if (text[at] != '"') continue;
    std::size_t backslashes = 0;
    while (at > backslashes && text[at - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at;
  }
  return 0;
}

// The end of the JSON number that starts at `at` (a '-' or digit), by the grammar.
std::size_t number_end(std::string_view text, std::size_t at) {
  auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  if (at < text.size() && text[at] == '-') ++at;
  if (at < text.size() && text[at] == '0') {
    ++at;
  } else {
    while (digit(at)) ++at;
  }
  if (at + 1 < text.size() && text[at] == '.' && digit(at + 1)) {
    ++at;
    while (digit(at)) ++at;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    std::size_t exponent = at + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    if (digit(exponent)) {
      at = exponent;
      while (digit(at)) ++at;
    }
  }
  return at;
}

// Where the complete token nlohmann named as unexpected begins; `last` is its last byte.
std::size_t token_start(std::string_view text, std::size_t last, std::string_view token) {
  if (last >= text.size()) return text.size();
  if (token == "string literal") return string_start(text, last);
  if (token == "true literal" || token == "null literal") return last >= 3 ? last - 3 : 0;
  if (token == "false literal") return last >= 4 ? last - 4 : 0;
  if (token == "number literal") {
    // Back over every byte a number may hold, then forward number by number ("01" is two).
    std::size_t from = last;
    auto numeric = [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'; };
    while (from > 0 && numeric(text[from - 1])) --from;
    while (from < last) {
      if (text[from] != '-' && (text[from] < '0' || text[from] > '9')) {
        ++from;
        continue;
      }
      std::size_t end = number_end(text, from);
      if (end > last) break;
      from = end > from ? end : from + 1;
    }
    return from;
  }
  return last;  // one-byte tokens, and end of input (a NUL byte or the end of the text)
}

// Where a literal that went wrong at `bad` began ("tru]" is about the 't').
std::size_t literal_start(std::string_view text, std::size_t bad) {
  for (std::size_t back = 1; back <= 4 && back <= bad; ++back) {
    std::size_t at = bad - back;
    std::string_view word = text[at] == 't' ? "true" : text[at] == 'f' ? "false" : text[at] == 'n' ? "null" : "";
    if (!word.empty() && starts_with(word, text.substr(at, bad - at))) return at;
  }
  return bad;
}

JsonSyntaxError utf8_error(std::string_view text, std::size_t bad) {
  // nlohmann stops at the first byte that cannot continue the sequence: name the sequence.
  std::size_t lead = bad;
  while (lead > 0 && bad - lead < 3 && (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead > 0 && lead < bad + 1) {
    auto c = static_cast<unsigned char>(text[lead - 1]);
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c >= 0xC2 && c <= 0xF4 && lead - 1 + length > bad) {
      if (bad >= text.size()) return JsonSyntaxError(lead - 1, "truncated UTF-8 sequence");
      return JsonSyntaxError(lead - 1, fmt::format("invalid UTF-8 sequence starting with byte 0x{:02x}", c));
    }
  }
  if (bad >= text.size()) return JsonSyntaxError(bad, "unterminated string");
  return JsonSyntaxError(bad, fmt::format("invalid UTF-8 byte 0x{:02x}", static_cast<unsigned char>(text[bad])));
}

// The last "\uD800".."\uDBFF" escape that starts at or before `at`.
std::size_t high_surrogate_before(std::string_view text, std::size_t at) {
  for (std::size_t i = std::min(at, text.size()); i-- > 0;) {
    if (i + 6 <= text.size() && text[i] == '\\' && (text[i + 1] == 'u') && (text[i + 2] == 'd' || text[i + 2] == 'D') &&
        std::string_view("89abAB").find(text[i + 3]) != std::string_view::npos)
      return i;
  }
  return 0;
}

// nlohmann's message (after "syntax error while parsing CONTEXT - ") as ours, at the byte it is about.
JsonSyntaxError translate(std::string_view text, std::size_t byte, const std::string& what) {
  // `byte` counts what the lexer read, the end of the text counting as one more byte.
  std::size_t last = byte == 0 ? 0 : std::min(byte - 1, text.size());
  std::string_view message = what;
  std::string_view context;
  static constexpr std::string_view lead = "syntax error while parsing ";
  if (auto at = message.find(lead); at != std::string_view::npos) {
    message.remove_prefix(at + lead.size());
    auto dash = message.find(" - ");
    if (dash != std::string_view::npos) {
      context = message.substr(0, dash);
      message.remove_prefix(dash + 3);
    }
  } else if (starts_with(message, "[json.exception.")) {
    message.remove_prefix(std::min(message.size(), message.find("] ") + 2));
  }

  if (starts_with(message, "invalid string: control character")) {
    return JsonSyntaxError(last, fmt::format("control character 0x{:02x} in a string (escape it)",
                                             static_cast<unsigned char>(text[std::min(last, text.size() - 1)])));
  }
  if (starts_with(message, "invalid string: ill-formed UTF-8")) return utf8_error(text, last);
  if (starts_with(message, "invalid string: missing closing quote")) return JsonSyntaxError(last, "unterminated string");
  if (starts_with(message, "invalid string: forbidden character after backslash")) {
    if (last >= text.size()) return JsonSyntaxError(last, "unterminated string");
    return JsonSyntaxError(last - 1, "invalid escape sequence in a string");
  }
  if (starts_with(message, "invalid string: '\\u' must be followed by 4 hex digits")) {
    if (last >= text.size()) return JsonSyntaxError(last, "truncated \\u escape");
    return JsonSyntaxError(last, "invalid hex digit in \\u escape");
  }
  if (starts_with(message, "invalid string: surrogate U+D800..U+DBFF")) {
    std::size_t escape = high_surrogate_before(text, last >= 6 ? last - 5 : 0);
    return JsonSyntaxError(escape, "lone high surrogate in \\u escape");
  }
  if (starts_with(message, "invalid string: surrogate U+DC00..U+DFFF")) {
    return JsonSyntaxError(last >= 5 ? last - 5 : 0, "lone low surrogate in \\u escape");
  }
  if (starts_with(message, "invalid number; expected digit after '-'")) return JsonSyntaxError(last, "malformed number");
  if (starts_with(message, "invalid number; expected digit after '.'"))
    return JsonSyntaxError(last, "malformed number: digits expected after '.'");
  if (starts_with(message, "invalid number; expected")) {
    return JsonSyntaxError(last, "malformed number: digits expected in the exponent");
  }
  if (starts_with(message, "number overflow")) {
    return JsonSyntaxError(token_start(text, last, "number literal"), "number out of range");
  }

  // A token in the wrong place, or bytes that are no token: say what was expected.
  std::size_t at = last;
  if (starts_with(message, "invalid BOM")) {
    at = 0;
  } else if (starts_with(message, "invalid literal")) {
    at = literal_start(text, last);
  } else if (starts_with(message, "unexpected ")) {
    std::string_view token = message.substr(11);
    token = token.substr(0, token.find(';'));
    at = token_start(text, last, token);
  }
  std::string found = describe(text, at);
  if (context == "object key") return JsonSyntaxError(at, "expected a string key, found " + found);
  if (context == "object separator") return JsonSyntaxError(at, "expected ':' after a key, found " + found);
  if (context == "object") return JsonSyntaxError(at, "expected ',' or '}' in an object, found " + found);
  if (context == "array") return JsonSyntaxError(at, "expected ',' or ']' in an array, found " + found);
  if (message.ends_with("; expected end of input"))
    return JsonSyntaxError(at, "unexpected text after the JSON value");
  std::size_t first = starts_with(text, "\xEF\xBB\xBF") ? 3 : 0;
  while (first < text.size() && is_space(text[first])) ++first;
  if (first >= text.size()) return JsonSyntaxError(text.size(), "empty document: expected a JSON value");
  return JsonSyntaxError(at, "expected a JSON value, found " + found);
}

}  // namespace

TextPosition position_of(std::string_view text, std::size_t offset) noexcept {
  TextPosition position;
  if (offset > text.size()) offset = text.size();
  // A byte-order mark is invisible in editors and skipped by the parser: it takes no column.
  std::size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" && offset >= 3 ? 3 : 0;
  for (std::size_t i = start; i < offset; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not continuation bytes
      ++position.column;
    }
  }
  return position;
}

nlohmann::json parse_json(std::string_view text) {
  const char* begin = text.data();
  const char* live = begin;
  Builder builder;
  builder.live = &live;
  TrackingIterator first{begin, &live};
  TrackingIterator last{begin + text.size(), &live};
  bool parsed = json::sax_parse(first, last, &builder, json::input_format_t::json, true, false);
  auto offset = [&](const char* at) { return static_cast<std::size_t>(at - begin); };
  switch (builder.refusal) {
    case Refusal::duplicate_key:
      throw JsonSyntaxError(string_start(text, offset(builder.refused_at) - 1),
                            fmt::format("duplicate key \"{}\" in one object", builder.duplicate));
    case Refusal::too_deep:
      throw JsonSyntaxError(offset(builder.refused_at) - 1, fmt::format("nesting deeper than {} levels", max_json_depth));
    case Refusal::syntax:
      throw translate(text, builder.error_byte, builder.error_what);
    case Refusal::none:
      break;
  }
  if (!parsed) throw JsonSyntaxError(offset(live), "invalid JSON");
  // nlohmann ends the input at a NUL byte; here a NUL byte is text after the value.
  if (offset(live) < text.size() || (!text.empty() && text.back() == '\0')) {
    std::size_t nul = offset(live) > 0 ? offset(live) - 1 : 0;
    throw JsonSyntaxError(nul, "unexpected text after the JSON value");
  }
  return std::move(builder.root);
}

}  // namespace pairinfo
