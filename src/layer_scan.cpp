// The streaming structural scan of data files; see layer_scan.hpp.
#include "pairinfo/layer_scan.hpp"

#include <cstring>

namespace pairinfo {
namespace {

// What may come next inside a container: the scan checks JSON's structure (keys, colons,
// commas) so that no malformed file is indexed; values themselves are parsed strictly later.
enum class Expect { key_or_end, key, colon, value, value_or_end, comma_or_end };

struct Level {
  char kind;  // '{' or '['
  Expect expect;
};

// Nesting depths with a meaning: 1 the top object, 2 inside "pairs", 3 inside a record,
// 4 inside a record's "interventions".
constexpr std::size_t top = 1, in_pairs = 2, in_record = 3, in_codes = 4;

}  // namespace

struct LayerScanner::State {
  LayerScan& out;
  std::function<void(PairLocation&&)> on_pair;
  std::vector<Level> stack;
  std::uint64_t pos = 0;  // absolute offset of the next byte
  bool started = false, closed = false;
  bool in_string = false, escape = false, collecting = false, escaped = false, string_is_key = false;
  std::string buffer;
  bool scalar = false;  // inside a number or literal that is a top-level member's value
  std::string top_key, record_key;
  std::uint64_t member_start = 0;
  bool pairs_open = false;  // the "pairs" array is open
  PairLocation record;
  int codes_seen = 0;
  bool codes_bad = false;
  // Shapes the scan cannot index faithfully (an escaped top-level key, an item of "pairs"
  // that is not an object): the full parser then reads the file and explains it.
  bool unscannable = false;

  State(LayerScan& o, std::function<void(PairLocation&&)> f) : out(o), on_pair(std::move(f)) {}

  std::size_t depth() const { return stack.size(); }

  void end_member(std::uint64_t end) {
    out.members.emplace_back(top_key, Span{member_start, end - member_start});
  }

  void end_scalar() {
    scalar = false;
    value_done();
    if (depth() == top) end_member(pos);
  }

  // A value may start here.
  bool value_allowed() const {
    if (stack.empty()) return false;
    Expect e = stack.back().expect;
    return e == Expect::value || e == Expect::value_or_end;
  }

  void value_done() {
    if (!stack.empty()) stack.back().expect = Expect::comma_or_end;
  }

  bool string_start() {
    if (stack.empty() || closed) return false;
    Expect e = stack.back().expect;
    if (e != Expect::key && e != Expect::key_or_end && !value_allowed()) return false;
    in_string = true;
    escaped = false;
    buffer.clear();
    Level& level = stack.back();
    string_is_key = level.expect == Expect::key || level.expect == Expect::key_or_end;
    std::size_t d = depth();
    if (string_is_key) {
      collecting = d == top || (d == in_record && pairs_open);
    } else {
      if (d == in_pairs && pairs_open) unscannable = true;
      collecting = d == in_codes && pairs_open && record_key == "interventions";
      if (d == top) member_start = pos;
    }
    return true;
  }

  void string_end() {
    in_string = false;
    std::size_t d = depth();
    if (string_is_key) {
      stack.back().expect = Expect::colon;
      if (escaped && d == top) unscannable = true;
      std::string key = escaped ? std::string() : buffer;
      if (d == top) top_key = std::move(key);
      else if (d == in_record && pairs_open) record_key = std::move(key);
      return;
    }
    value_done();
    if (d == top) {
      end_member(pos + 1);
    } else if (collecting) {
      if (escaped || buffer.empty()) codes_bad = true;
      if (codes_seen == 0) record.code_a = buffer;
      else if (codes_seen == 1) record.code_b = buffer;
      ++codes_seen;
    }
  }

  bool open(char c) {
    if (stack.empty()) {
      if (c != '{' || started) return false;
      started = true;
      stack.push_back({c, Expect::key_or_end});
      return true;
    }
    if (!value_allowed()) return false;
    std::size_t d = depth();
    if (d == top) {
      if (top_key == "pairs" && c == '[') {
        if (out.has_pairs) return false;  // a duplicate key: the full parser reports it
        pairs_open = true;
      } else {
        member_start = pos;
      }
    } else if (d == in_pairs && pairs_open) {
      if (c != '{') unscannable = true;
      if (c == '{') {
        record = PairLocation{};
        record.span.offset = pos;
        codes_seen = 0;
        codes_bad = false;
        record_key.clear();
      }
    } else if (d == in_record && pairs_open && record_key == "interventions" && c == '[') {
      codes_seen = 0;
    }
    stack.push_back({c, c == '{' ? Expect::key_or_end : Expect::value_or_end});
    return true;
  }

  bool close(char c) {
    if (stack.empty()) return false;
    if (scalar) end_scalar();
    const Level& level = stack.back();
    char expected = level.kind == '{' ? '}' : ']';
    Expect e = level.expect;
    if (c != expected) return false;
    if (e != Expect::comma_or_end && e != Expect::key_or_end && e != Expect::value_or_end) return false;
    stack.pop_back();
    value_done();
    std::size_t d = depth();
    if (d == 0) {
      closed = true;
    } else if (d == top) {
      if (pairs_open && c == ']') {
        pairs_open = false;
        out.has_pairs = true;
      } else {
        end_member(pos + 1);
      }
    } else if (d == in_pairs && pairs_open) {
      if (c == '}') {
        record.span.length = pos + 1 - record.span.offset;
        if (codes_seen != 2 || codes_bad) record.code_a.clear(), record.code_b.clear();
        if (on_pair) on_pair(std::move(record));
      }
    } else if (d == in_record && pairs_open && c == ']' && record_key == "interventions" && codes_seen != 2) {
      codes_bad = true;
    }
    return true;
  }

  bool byte(char c) {
    if (in_string) {
      if (escape) {
        escape = false;
      } else if (c == '\\') {
        escape = true;
        escaped = true;
      } else if (c == '"') {
        string_end();
      } else if (collecting) {
        buffer += c;
      }
      return true;
    }
    switch (c) {
      case ' ': case '\n': case '\r': case '\t':
        if (scalar) end_scalar();
        return true;
      case '"':
        if (scalar) return false;  // as in 1"a"
        return string_start();
      case '{': case '[':
        if (closed) return false;
        return open(c);
      case '}': case ']':
        return close(c);
      case ':':
        if (stack.empty() || stack.back().expect != Expect::colon) return false;
        stack.back().expect = Expect::value;
        return true;
      case ',':
        if (stack.empty()) return false;
        if (scalar) end_scalar();
        if (stack.back().expect != Expect::comma_or_end) return false;
        stack.back().expect = stack.back().kind == '{' ? Expect::key : Expect::value;
        return true;
      default:
        if (stack.empty() || closed) return false;
        if (!scalar) {
          if (!value_allowed()) return false;
          scalar = true;
          if (depth() == top) member_start = pos;
        }
        if (depth() == in_pairs && pairs_open) unscannable = true;
        return true;
    }
  }
};

LayerScanner::LayerScanner(LayerScan& out, std::function<void(PairLocation&&)> on_pair)
    : state_(std::make_unique<State>(out, std::move(on_pair))) {}

LayerScanner::~LayerScanner() = default;

bool LayerScanner::feed(std::string_view chunk) {
  State& s = *state_;
  std::size_t i = 0;
  if (s.pos == 0 && chunk.substr(0, 3) == "\xEF\xBB\xBF") {
    i = 3;
    s.pos = 3;
  }
  for (; i < chunk.size(); ++i, ++s.pos) {
    // Most of a data file is prose inside strings: skip plain runs quickly.
    if (s.in_string && !s.escape && !s.collecting) {
      // memchr is vectorised: find the next quote, then any backslash before it.
      const char* begin = chunk.data() + i;
      const char* end = chunk.data() + chunk.size();
      const char* quote = static_cast<const char*>(std::memchr(begin, '"', static_cast<std::size_t>(end - begin)));
      const char* limit = quote ? quote : end;
      const char* backslash = static_cast<const char*>(std::memchr(begin, '\\', static_cast<std::size_t>(limit - begin)));
      const char* next = backslash ? backslash : limit;
      std::size_t j = static_cast<std::size_t>(next - chunk.data());
      s.pos += j - i;
      i = j;
      if (i == chunk.size()) break;
    }
    if (!s.byte(chunk[i]) || s.unscannable) return false;
  }
  return true;
}

bool LayerScanner::finish() {
  State& s = *state_;
  return s.closed && !s.in_string;
}

bool scan_layer(std::string_view text, LayerScan& out, const std::function<void(PairLocation&&)>& on_pair) {
  LayerScanner scanner(out, on_pair);
  return scanner.feed(text) && scanner.finish();
}

}  // namespace pairinfo
