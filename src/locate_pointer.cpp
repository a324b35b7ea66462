// locate_pointer (declared in record_splitter.hpp): where a JSON pointer's value is in a
// text, for placing diagnostics.
#include <algorithm>
#include <string>

#include "pairinfo/json_parse.hpp"
#include "pairinfo/record_splitter.hpp"

namespace pairinfo {
// Used only on the error path, so it rescans the text instead of keeping positions. The
// text is valid JSON, or nearly: every step is bounded by its end all the same.

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Scanner {
  std::string_view text;
  std::size_t pos = 0;

  bool more() const { return pos < text.size(); }
  char here() const { return text[pos]; }

  void skip_space() {
    while (more() && is_space(static_cast<unsigned char>(here()))) ++pos;
  }

  // The raw (still escaped) contents of the string at pos; pos ends past it.
  std::string_view raw_string() {
    std::size_t start = ++pos;
    while (more() && here() != '"') pos += here() == '\\' ? 2 : 1;
    pos = std::min(pos, text.size());
    std::string_view raw = text.substr(start, pos - start);
    if (more()) ++pos;
    return raw;
  }

  // Skips one value without recursion, so deep nesting cannot exhaust the stack.
  void skip_value() {
    skip_space();
    if (!more()) return;
    if (here() == '"') {
      raw_string();
      return;
    }
    if (here() != '{' && here() != '[') {
      while (more() && here() != ',' && here() != '}' && here() != ']') ++pos;
      return;
    }
    std::size_t depth = 0;
    while (more()) {
      char c = here();
      if (c == '"') {
        raw_string();
        continue;
      }
      ++pos;
      if (c == '{' || c == '[') ++depth;
      if ((c == '}' || c == ']') && --depth == 0) return;
    }
  }
};

// The text of a key as the parser saw it; keys with escapes are rare, so only they pay.
std::string decode_key(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  try {
    auto value = parse_json("\"" + std::string(raw) + "\"");
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
  // "/a/b#2": the second "b" of its object (a duplicate key).
  std::size_t occurrence = 1;
  if (auto hash = pointer.rfind('#'); hash != std::string_view::npos && hash + 1 < pointer.size() &&
                                      pointer.find('/', hash) == std::string_view::npos &&
                                      std::all_of(pointer.begin() + static_cast<std::ptrdiff_t>(hash) + 1, pointer.end(),
                                                  [](char c) { return c >= '0' && c <= '9'; }) &&
                                      pointer.size() - hash <= 6) {
    occurrence = std::max<std::size_t>(1, std::stoul(std::string(pointer.substr(hash + 1))));
    pointer = pointer.substr(0, hash);
  }
  Scanner scanner{text};
  if (text.substr(0, 3) == "\xEF\xBB\xBF") scanner.pos = 3;
  scanner.skip_space();
  while (!pointer.empty() && pointer.front() == '/') {
    pointer.remove_prefix(1);
    std::size_t slash = pointer.find('/');
    std::string token = decode_pointer_token(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view{} : pointer.substr(slash);
    std::size_t wanted_occurrence = pointer.empty() ? occurrence : 1;
    std::size_t container = scanner.pos;
    if (!scanner.more()) return container;
    bool found = false;
    if (scanner.here() == '{') {
      ++scanner.pos;
      std::size_t seen = 0;
      for (;;) {
        scanner.skip_space();
        if (!scanner.more() || scanner.here() != '"') break;
        std::string_view raw_key = scanner.raw_string();
        scanner.skip_space();
        if (scanner.more() && scanner.here() == ':') ++scanner.pos;
        scanner.skip_space();
        if (decode_key(raw_key) == token && ++seen == wanted_occurrence) {
          found = true;
          break;
        }
        scanner.skip_value();
        scanner.skip_space();
        if (scanner.more() && scanner.here() == ',') ++scanner.pos;
      }
    } else if (scanner.here() == '[') {
      ++scanner.pos;
      if (token.empty() || token.size() > 18 || !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return container;
      std::size_t wanted = std::stoull(token);
      for (std::size_t index = 0;; ++index) {
        scanner.skip_space();
        if (!scanner.more() || scanner.here() == ']') break;
        if (index == wanted) {
          found = true;
          break;
        }
        std::size_t before = scanner.pos;
        scanner.skip_value();
        scanner.skip_space();
        if (scanner.more() && scanner.here() == ',') ++scanner.pos;
        if (scanner.pos == before) break;  // not JSON: nothing more to find
      }
    }
    if (!found) return std::min(container, text.size());
  }
  return std::min(scanner.pos, text.size());
}

}  // namespace pairinfo
