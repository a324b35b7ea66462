// The streaming structural scan of data files; see layer_scan.hpp.
#include "pairinfo/layer_scan.hpp"

#include <array>
#include <cstring>
#include <optional>

#include "pairinfo/record_outline.hpp"

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
// 4 inside a member of a record ("interventions", "evidence", "faq"...), 5 inside an FAQ entry.
constexpr std::size_t top = 1, in_pairs = 2, in_record = 3, in_member = 4, in_faq_entry = 5;

// The keys of a record and the kind of value each takes ('"' text, '[' a list, '{' an
// object), as the record reader wants them: a record outside these is not outlined.
constexpr std::array<std::string_view, 12> record_keys = {
    "interventions", "title",    "significance", "summary", "mechanism", "evidence",
    "clinical_context", "cautions", "takeaways",  "faq",     "reviewed",  "references"};
constexpr std::array<char, 12> record_key_kinds = {'[', '"', '"', '"', '"', '{', '"', '[', '[', '[', '"', '['};
// Positions in record_keys that the scan acts on.
constexpr int interventions_key = 0, title_key = 1, significance_key = 2, evidence_key = 5, faq_key = 9, no_key = -1;
constexpr std::array<std::string_view, 3> evidence_keys = {"tier", "summary", "limitations"};
constexpr std::array<std::string_view, 2> faq_keys = {"question", "answer"};

// Marks `key` seen among `keys` and returns its position; no_key when it is not one of
// them, or was seen already.
template <std::size_t N>
int first_known(const std::array<std::string_view, N>& keys, std::string_view key, std::uint32_t& seen) {
  for (std::size_t k = 0; k < N; ++k) {
    if (keys[k] != key) continue;
    if (seen & (1u << k)) return no_key;
    seen |= 1u << k;
    return static_cast<int>(k);
  }
  return no_key;
}

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
  std::string top_key;
  int record_key = no_key;  // the current key of a record, as a position in record_keys
  std::uint64_t member_start = 0;
  bool pairs_open = false;  // the "pairs" array is open
  PairLocation record;
  int codes_seen = 0;
  bool codes_bad = false;
  // The record's outline, gathered as the scan passes; `outline_bad` once the record holds
  // anything the record reader would refuse on shape alone, which the scan cannot vouch for.
  enum class Raw { none, title, significance, tier };
  Raw raw_target = Raw::none;  // where the string being read is copied, as written
  std::string raw;
  std::optional<std::string> title, significance, tier;
  bool outline_bad = false;
  std::uint32_t record_seen = 0, evidence_seen = 0, faq_seen = 0;
  int member_key = no_key;  // the current key inside "evidence", as a position in evidence_keys
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
      collecting = d == top || (d == in_record && pairs_open) ||
                   (pairs_open && ((d == in_member && record_key == evidence_key) || d == in_faq_entry));
    } else {
      if (d == in_pairs && pairs_open) unscannable = true;
      collecting = d == in_member && pairs_open && record_key == interventions_key;
      if (d == top) member_start = pos;
      if (pairs_open && d >= in_record) value_starts(d, '"');
    }
    return true;
  }

  // A value of kind `kind` starts at depth `d` inside a record: is it what the reader wants there?
  void value_starts(std::size_t d, char kind) {
    if (d == in_record) {
      if (record_key == no_key || kind != record_key_kinds[static_cast<std::size_t>(record_key)]) outline_bad = true;
      if (kind == '"' && record_key == title_key) raw_target = Raw::title;
      if (kind == '"' && record_key == significance_key) raw_target = Raw::significance;
    } else if (d == in_member) {
      // Text in "evidence" and in lists; objects only as FAQ entries.
      bool faq = record_key == faq_key;
      if (kind != (faq ? '{' : '"')) outline_bad = true;
      if (kind == '"' && record_key == evidence_key && member_key == 0) raw_target = Raw::tier;
    } else if (d == in_faq_entry) {
      if (kind != '"') outline_bad = true;
    } else {
      outline_bad = true;
    }
    if (raw_target != Raw::none) raw.clear();
  }

  void string_end() {
    in_string = false;
    std::size_t d = depth();
    if (string_is_key) {
      stack.back().expect = Expect::colon;
      if (escaped && d == top) unscannable = true;
      std::string_view key = escaped ? std::string_view() : std::string_view(buffer);
      if (d == top) {
        top_key = key;
      } else if (d == in_record && pairs_open) {
        // A repeated key is no_key too: the record reader refuses it, like an unknown one.
        record_key = first_known(record_keys, key, record_seen);
        if (record_key == no_key) outline_bad = true;
      } else if (d == in_member && pairs_open) {
        member_key = first_known(evidence_keys, key, evidence_seen);
        if (member_key == no_key) outline_bad = true;
      } else if (d == in_faq_entry && pairs_open) {
        if (first_known(faq_keys, key, faq_seen) == no_key) outline_bad = true;
      }
      return;
    }
    if (raw_target != Raw::none) {
      auto& target = raw_target == Raw::title ? title : raw_target == Raw::significance ? significance : tier;
      target = raw;
      raw_target = Raw::none;
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
        record_key = no_key;
        title.reset(), significance.reset(), tier.reset();
        outline_bad = false;
        record_seen = evidence_seen = 0;
      }
    } else if (pairs_open) {
      value_starts(d, c);
      if (d == in_record && record_key == interventions_key && c == '[') codes_seen = 0;
      if (d == in_member && c == '{') faq_seen = 0;
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
        if (!record.code_a.empty() && !outline_bad) {
          auto view = [](const std::optional<std::string>& value) {
            return value ? std::optional<std::string_view>(*value) : std::nullopt;
          };
          pack_outline({record.code_a, record.code_b, view(title), view(significance), view(tier)}, record.outline);
        }
        if (on_pair) on_pair(std::move(record));
      }
    } else if (d == in_member && pairs_open && c == '}' && faq_seen != 3) {
      outline_bad = true;  // an FAQ entry wants both its question and its answer
    } else if (d == in_record && pairs_open && c == ']' && record_key == interventions_key && codes_seen != 2) {
      codes_bad = true;
    }
    return true;
  }

  bool byte(char c) {
    if (in_string) {
      if (escape) {
        escape = false;
        if (raw_target != Raw::none) raw += c;
      } else if (c == '\\') {
        escape = true;
        escaped = true;
        if (raw_target != Raw::none) raw += c;
      } else if (c == '"') {
        string_end();
      } else {
        if (collecting) buffer += c;
        if (raw_target != Raw::none) raw += c;
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
          if (pairs_open && depth() >= in_record) outline_bad = true;  // no part of a record is a number
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
    if (s.in_string && !s.escape) {
      // memchr is vectorised: find the next quote, then any backslash before it.
      const char* begin = chunk.data() + i;
      const char* end = chunk.data() + chunk.size();
      const char* quote = static_cast<const char*>(std::memchr(begin, '"', static_cast<std::size_t>(end - begin)));
      const char* limit = quote ? quote : end;
      const char* backslash = static_cast<const char*>(std::memchr(begin, '\\', static_cast<std::size_t>(limit - begin)));
      const char* next = backslash ? backslash : limit;
      std::size_t j = static_cast<std::size_t>(next - chunk.data());
      if (s.collecting) s.buffer.append(begin, next);
      if (s.raw_target != State::Raw::none) s.raw.append(begin, next);
      s.pos += j - i;
      i = j;
      if (i == chunk.size()) break;
    }
    // Indentation between members, another large part of a pretty-printed file.
    if (!s.in_string && !s.scalar) {
      std::size_t j = i;
      while (j < chunk.size() && (chunk[j] == ' ' || chunk[j] == '\n' || chunk[j] == '\r' || chunk[j] == '\t')) ++j;
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
