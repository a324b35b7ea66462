// The structural scan of data files; see layer_scan.hpp. It never decides that a file is
// valid, only where things are; every value it points at is parsed strictly before use.
#include "pairinfo/layer_scan.hpp"

#include <cstring>

namespace pairinfo {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  bool scan(LayerScan& out) {
    skip_space();
    if (!eat('{')) return false;
    skip_space();
    if (eat('}')) return at_end();
    for (;;) {
      skip_space();
      std::string key;
      if (!read_plain_string(key)) return false;
      skip_space();
      if (!eat(':')) return false;
      skip_space();
      if (key == "pairs") {
        if (out.has_pairs) return false;  // a duplicate key: let the full parser report it
        out.has_pairs = true;
        if (!scan_pairs(out.pairs)) return false;
      } else {
        std::size_t start = pos_;
        if (!skip_value()) return false;
        out.members.emplace_back(std::move(key), Span{start, pos_ - start});
      }
      skip_space();
      if (eat(',')) continue;
      if (eat('}')) return at_end();
      return false;
    }
  }

 private:
  bool at_end() {
    skip_space();
    return pos_ == text_.size();
  }

  bool eat(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
  }

  // Moves past a string starting at pos_ (on its opening quote).
  bool skip_string() {
    ++pos_;
    for (;;) {
      const void* hit = std::memchr(text_.data() + pos_, '"', text_.size() - pos_);
      if (!hit) return false;
      std::size_t quote = static_cast<std::size_t>(static_cast<const char*>(hit) - text_.data());
      // The quote is escaped when an odd number of backslashes precede it.
      std::size_t backslashes = 0;
      while (quote - backslashes > pos_ && text_[quote - backslashes - 1] == '\\') ++backslashes;
      pos_ = quote + 1;
      if (backslashes % 2 == 0) return true;
    }
  }

  // Reads a string without escapes (keys and codes); false for anything else.
  bool read_plain_string(std::string& out) {
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    std::size_t start = pos_ + 1;
    if (!skip_string()) return false;
    std::string_view raw = text_.substr(start, pos_ - 1 - start);
    if (raw.find('\\') != std::string_view::npos) {
      out.clear();  // escaped: the caller treats it as unreadable
      return true;
    }
    out.assign(raw);
    return true;
  }

  bool skip_value() {
    if (pos_ >= text_.size()) return false;
    char c = text_[pos_];
    if (c == '"') return skip_string();
    if (c != '{' && c != '[') {
      while (pos_ < text_.size()) {
        char d = text_[pos_];
        if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\r' || d == '\t') break;
        ++pos_;
      }
      return true;
    }
    std::size_t depth = 0;
    while (pos_ < text_.size()) {
      char d = text_[pos_];
      if (d == '"') {
        if (!skip_string()) return false;
        continue;
      }
      if (d == '{' || d == '[') {
        ++depth;
      } else if (d == '}' || d == ']') {
        if (depth == 0) return false;
        if (--depth == 0) {
          ++pos_;
          return true;
        }
      }
      ++pos_;
    }
    return false;
  }

  bool scan_pairs(std::vector<PairLocation>& pairs) {
    if (!eat('[')) return false;
    skip_space();
    if (eat(']')) return true;
    for (;;) {
      skip_space();
      PairLocation location;
      location.span.offset = pos_;
      if (!scan_pair(location)) return false;
      location.span.length = pos_ - location.span.offset;
      pairs.push_back(std::move(location));
      skip_space();
      if (eat(',')) continue;
      return eat(']');
    }
  }

  // One record: finds "interventions" among its keys; skips everything else.
  bool scan_pair(PairLocation& location) {
    if (pos_ >= text_.size() || text_[pos_] != '{') return skip_value();
    ++pos_;
    skip_space();
    if (eat('}')) return true;
    for (;;) {
      skip_space();
      std::string key;
      if (!read_plain_string(key)) return false;
      skip_space();
      if (!eat(':')) return false;
      skip_space();
      if (key == "interventions" && pos_ < text_.size() && text_[pos_] == '[') {
        std::size_t start = pos_;
        if (!read_codes(location)) {
          pos_ = start;
          location.code_a.clear();
          location.code_b.clear();
          if (!skip_value()) return false;
        }
      } else if (!skip_value()) {
        return false;
      }
      skip_space();
      if (eat(',')) continue;
      return eat('}');
    }
  }

  bool read_codes(PairLocation& location) {
    ++pos_;  // '['
    skip_space();
    if (!read_plain_string(location.code_a)) return false;
    skip_space();
    if (!eat(',')) return false;
    skip_space();
    if (!read_plain_string(location.code_b)) return false;
    skip_space();
    return eat(']');
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

bool scan_layer(std::string_view text, LayerScan& out) { return Scanner(text).scan(out); }

}  // namespace pairinfo
