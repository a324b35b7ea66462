// Finding places in JSON text: offsets to line:column, and JSON pointers to offsets.
// Used only on the error path, so it rescans the text instead of keeping positions.
#include <string>

#include "pairinfo/json_parse.hpp"

namespace pairinfo {

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

namespace {

struct Scanner {
  std::string_view text;
  std::size_t pos = 0;

  void skip_space() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }

  // Returns the raw (still escaped) contents of the string at pos and moves past it.
  std::string_view raw_string() {
    std::size_t start = ++pos;
    while (pos < text.size() && text[pos] != '"') pos += text[pos] == '\\' ? 2 : 1;
    std::string_view raw = text.substr(start, std::min(pos, text.size()) - start);
    ++pos;
    return raw;
  }

  // Skips one value without recursion, so deep nesting cannot exhaust the stack.
  void skip_value() {
    skip_space();
    if (pos >= text.size()) return;
    if (text[pos] == '"') {
      raw_string();
      return;
    }
    if (text[pos] != '{' && text[pos] != '[') {
      while (pos < text.size() && text[pos] != ',' && text[pos] != '}' && text[pos] != ']') ++pos;
      return;
    }
    std::size_t depth = 0;
    while (pos < text.size()) {
      char c = text[pos];
      if (c == '"') {
        raw_string();
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) {
          ++pos;
          return;
        }
      }
      ++pos;
    }
  }
};

// The text of a key as the parser saw it; keys with escapes are rare, so only they pay.
std::string decode_key(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  std::string quoted = "\"" + std::string(raw) + "\"";
  try {
    auto value = parse_json(quoted);
    if (value.is_string()) return value.get<std::string>();
  } catch (const JsonSyntaxError&) {
  }
  return std::string(raw);
}

std::string decode_pointer_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

}  // namespace

std::size_t locate_pointer(std::string_view text, std::string_view pointer) {
  Scanner scanner{text};
  if (text.substr(0, 3) == "\xEF\xBB\xBF") scanner.pos = 3;
  scanner.skip_space();
  while (!pointer.empty() && pointer.front() == '/') {
    pointer.remove_prefix(1);
    std::size_t slash = pointer.find('/');
    std::string token = decode_pointer_token(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view{} : pointer.substr(slash);
    std::size_t container = scanner.pos;
    if (scanner.pos >= text.size()) return container;
    bool found = false;
    if (text[scanner.pos] == '{') {
      ++scanner.pos;
      for (;;) {
        scanner.skip_space();
        if (scanner.pos >= text.size() || text[scanner.pos] != '"') break;
        std::string_view raw_key = scanner.raw_string();
        scanner.skip_space();
        ++scanner.pos;  // ':'
        scanner.skip_space();
        if (decode_key(raw_key) == token) {
          found = true;
          break;
        }
        scanner.skip_value();
        scanner.skip_space();
        if (scanner.pos < text.size() && text[scanner.pos] == ',') ++scanner.pos;
      }
    } else if (text[scanner.pos] == '[') {
      ++scanner.pos;
      std::size_t wanted = 0;
      try {
        wanted = std::stoul(token);
      } catch (...) {
        return container;
      }
      for (std::size_t index = 0;; ++index) {
        scanner.skip_space();
        if (scanner.pos >= text.size() || text[scanner.pos] == ']') break;
        if (index == wanted) {
          found = true;
          break;
        }
        scanner.skip_value();
        scanner.skip_space();
        if (scanner.pos < text.size() && text[scanner.pos] == ',') ++scanner.pos;
      }
    }
    if (!found) return container;
  }
  return scanner.pos;
}

}  // namespace pairinfo
