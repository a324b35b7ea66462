// The grammar of one record, checked event by event while the record splitter scans it, and
// what a list shows of it (its outline), noted on the way. Private to record_splitter.cpp:
// its steps run for every bracket, quote, ':' and ',' of a file of gigabytes, so they are
// inline. It may refuse a record parse_json accepts (a key with an escape, a number whose
// size it does not judge): the record is then read whole, which is only slower. It never
// accepts one parse_json refuses.
#pragma once
#include <array>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pairinfo/json_parse.hpp"

namespace pairinfo::detail {

class RecordGrammar {
 public:
  // Every offset below is relative to the first byte of the value ('{' or '[').
  void reset() {
    ok_ = true;
    shaped_ = true;
    non_ascii_.clear();
    expect_ = Expect::value;
    stack_.clear();
    keys_.clear();
    key_bytes_.clear();
    scalars_.clear();
    unicode_.clear();
    at_.fill(absent);
    pending_ = Part::none;
    evidence_depth_ = 0;
  }

  bool ok() const { return ok_; }
  void fail() { ok_ = false; }
  // A block of 64 bytes from `at` has a byte past ASCII: only such blocks are checked for UTF-8.
  void non_ascii(std::uint64_t at) { non_ascii_.push_back(at); }
  bool in_key() const { return expect_ == Expect::in_key; }
  std::uint64_t key_start() const { return key_start_; }

  void open(char c, std::uint64_t at) {
    if (!value_expected()) return fail();
    value_starts(c, at);
    stack_.push_back(c);
    expect_ = c == '{' ? Expect::key_or_close : Expect::value_or_close;
  }

  void close(char c) {
    char opener = c == '}' ? '{' : '[';
    Expect empty = c == '}' ? Expect::key_or_close : Expect::value_or_close;
    if (stack_.empty() || stack_.back() != opener || (expect_ != empty && expect_ != Expect::after_value)) return fail();
    // The keys of the object closed are forgotten: a sibling object may use them again.
    while (!keys_.empty() && keys_.back().depth == stack_.size()) {
      key_bytes_.resize(keys_.back().offset);
      keys_.pop_back();
    }
    if (stack_.size() == evidence_depth_) evidence_depth_ = 0;
    stack_.pop_back();
    expect_ = Expect::after_value;
  }

  void comma() {
    if (expect_ != Expect::after_value || stack_.empty()) return fail();
    expect_ = stack_.back() == '{' ? Expect::key : Expect::value;
  }

  void colon() {
    if (expect_ != Expect::colon) return fail();
    expect_ = Expect::value;
  }

  void quote_opens(std::uint64_t at) {
    if (expect_ == Expect::key_or_close || expect_ == Expect::key) {
      expect_ = Expect::in_key;
      key_start_ = at + 1;
    } else if (value_expected()) {
      value_starts('"', at);
      expect_ = Expect::in_string;
    } else {
      fail();
    }
  }

  // A string closes; `key` is its text when it is a key (in_key()).
  void quote_closes(std::string_view key) {
    if (expect_ != Expect::in_key) {
      expect_ = Expect::after_value;
      return;
    }
    expect_ = Expect::colon;
    // Keys are compared as written: one with an escape is left to the whole parse.
    if (key.find('\\') != std::string_view::npos) return fail();
    std::size_t depth = stack_.size();
    for (auto k = keys_.rbegin(); k != keys_.rend() && k->depth == depth; ++k)
      if (std::string_view(key_bytes_).substr(k->offset, k->length) == key) return fail();  // a duplicate
    keys_.push_back({depth, key_bytes_.size(), key.size()});
    key_bytes_.append(key);
    pending_ = Part::none;
    if (depth == 1) {
      if (key == "interventions") pending_ = Part::codes;
      else if (key == "title") pending_ = Part::title;
      else if (key == "significance") pending_ = Part::significance;
      else if (key == "evidence") pending_ = Part::evidence;
    } else if (depth == evidence_depth_ && key == "tier") {
      pending_ = Part::tier;
    }
  }

  // The first byte of a number or literal (or of bytes that are neither).
  void scalar(std::uint64_t at) {
    if (!value_expected()) return fail();
    value_starts('0', at);
    scalars_.push_back(at);
    expect_ = Expect::after_value;
  }

  // A byte after a backslash in a string.
  void escape(char c, std::uint64_t at) {
    if (c == 'u') unicode_.push_back(at);
    else if (std::string_view("\"\\/bfnrt").find(c) == std::string_view::npos) fail();
  }

  // The outline of the record `text` (the value scanned, blanks after it trimmed), when all
  // of it is sound JSON and it is shaped as a list needs: "interventions" two strings,
  // "title", "significance" and "evidence"/"tier" strings when present.
  // `outline` (a RecordOutline of record_splitter.hpp) is filled in only then; returns
  // whether it was.
  template <typename Outline>
  bool finish(std::string_view text, Outline& outline) const {
    if (!ok_ || !stack_.empty() || expect_ != Expect::after_value) return false;
    for (std::uint64_t at : scalars_)
      if (!sound_scalar(text.substr(at))) return false;
    if (!sound_unicode_escapes(text) || !sound_utf8(text)) return false;
    if (!shaped_ || at_[codes] == absent) return false;
    std::size_t p = at_[codes] + 1;
    for (std::string* code : {&outline.code_a, &outline.code_b}) {
      p = skip_blanks(text, p);
      if (p >= text.size() || text[p] != '"') return false;
      p = read_string(text, p, *code);
      p = skip_blanks(text, p);
      if (p >= text.size() || text[p] != (code == &outline.code_a ? ',' : ']')) return false;
      ++p;
    }
    using Place = std::pair<Part, std::string*>;
    for (auto [part, out] : {Place{title, &outline.title}, Place{significance, &outline.significance}, Place{tier, &outline.tier}}) {
      if (at_[part] == absent) out->clear();
      else read_string(text, at_[part], *out);
    }
    return true;
  }

 private:
  enum class Expect : unsigned char { value, value_or_close, key_or_close, key, in_key, colon, in_string, after_value };
  enum Part : int { codes, title, significance, tier, evidence, none };  // the first four index at_
  static constexpr std::uint64_t absent = ~std::uint64_t{0};

  struct Key {
    std::size_t depth, offset, length;
  };

  bool value_expected() const { return expect_ == Expect::value || expect_ == Expect::value_or_close; }

  // A value begins: if it is a part of the outline, where it is, or that it is misshapen.
  void value_starts(char kind, std::uint64_t at) {
    if (pending_ == Part::none) return;
    Part part = pending_;
    pending_ = Part::none;
    if (part == Part::evidence) {
      if (kind == '{') evidence_depth_ = stack_.size() + 1;
      else shaped_ = false;
      return;
    }
    if (kind != (part == Part::codes ? '[' : '"')) shaped_ = false;
    else at_[part] = at;
  }

  static std::size_t skip_blanks(std::string_view text, std::size_t p) {
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r')) ++p;
    return p;
  }

  // The string whose opening quote is at `p` (sound JSON), decoded into `out`; returns the
  // offset past its closing quote. Strings without escapes are copied as they are.
  static std::size_t read_string(std::string_view text, std::size_t p, std::string& out) {
    bool escapes = false;
    std::size_t end = p + 1;
    while (text[end] != '"') {
      if (text[end] == '\\') {
        escapes = true;
        ++end;
      }
      ++end;
    }
    if (escapes) out = parse_json(text.substr(p, end + 1 - p)).get<std::string>();
    else out.assign(text.substr(p + 1, end - p - 1));
    return end + 1;
  }

  // A number or literal as parse_json reads it, ending at a blank or a structural byte.
  // Numbers too long or too large to judge quickly are refused (read whole).
  static bool sound_scalar(std::string_view text) {
    std::size_t n = 0;
    while (n < text.size() && std::string_view(" \t\r\n,:[]{}\"").find(text[n]) == std::string_view::npos) ++n;
    std::string_view token = text.substr(0, n);
    if (token == "true" || token == "false" || token == "null") return true;
    if (token.size() > 20) return false;
    std::size_t i = 0;
    auto digits = [&] {
      std::size_t from = i;
      while (i < token.size() && token[i] >= '0' && token[i] <= '9') ++i;
      return i - from;
    };
    if (i < token.size() && token[i] == '-') ++i;
    if (i < token.size() && token[i] == '0') ++i;
    else if (digits() == 0) return false;
    if (i < token.size() && token[i] == '.') {
      ++i;
      if (digits() == 0) return false;
    }
    if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
      ++i;
      if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
      if (std::size_t count = digits(); count == 0 || count > 2) return false;
    }
    return i == token.size();
  }

  static int hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) return -1;
    int value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      char c = text[i];
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) return -1;
      value = value * 16 + digit;
    }
    return value;
  }

  // Every \u escape has four hex digits, and surrogates come in pairs (high, then low).
  bool sound_unicode_escapes(std::string_view text) const {
    for (std::size_t i = 0; i < unicode_.size(); ++i) {
      int unit = hex4(text, unicode_[i] + 1);
      if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return false;
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        if (i + 1 == unicode_.size() || unicode_[i + 1] != unicode_[i] + 6) return false;
        int low = hex4(text, unicode_[++i] + 1);
        if (low < 0xDC00 || low > 0xDFFF) return false;
      }
    }
    return true;
  }

  // Well-formed UTF-8 (Unicode's table 3-7: no overlong form, no surrogate, nothing past
  // U+10FFFF) in the blocks with bytes past ASCII. A character that starts in one block is
  // read to its end, so the next block is read from there.
  bool sound_utf8(std::string_view text) const {
    const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = begin + text.size();
    const unsigned char* p = begin;
    for (std::uint64_t block : non_ascii_) {
      if (block >= text.size()) break;
      const unsigned char* block_end = begin + std::min<std::uint64_t>(block + 64, text.size());
      p = std::max(p, begin + block);
      while (p < block_end) {
        std::uint64_t word = 0;  // ASCII eight bytes at a time
        if (end - p >= 8 && (std::memcpy(&word, p, 8), (word & 0x8080808080808080ULL) == 0)) {
          p += 8;
          continue;
        }
        if (*p < 0x80) {
          ++p;
          continue;
        }
        int length = *p >= 0xC2 && *p <= 0xDF ? 2 : *p >= 0xE0 && *p <= 0xEF ? 3 : *p >= 0xF0 && *p <= 0xF4 ? 4 : 0;
        if (length == 0 || end - p < length) return false;
        unsigned char low = 0x80, high = 0xBF;
        if (*p == 0xE0) low = 0xA0;
        else if (*p == 0xED) high = 0x9F;
        else if (*p == 0xF0) low = 0x90;
        else if (*p == 0xF4) high = 0x8F;
        if (p[1] < low || p[1] > high) return false;
        for (int k = 2; k < length; ++k)
          if (p[k] < 0x80 || p[k] > 0xBF) return false;
        p += length;
      }
    }
    return true;
  }

  bool ok_ = true, shaped_ = true;
  std::vector<std::uint64_t> non_ascii_;  // blocks with bytes past ASCII
  Expect expect_ = Expect::value;
  std::string stack_;                 // '{' or '[' of each open container
  std::vector<Key> keys_;             // keys of the open objects, innermost last
  std::string key_bytes_;             // their text
  std::uint64_t key_start_ = 0;
  std::vector<std::uint64_t> scalars_;  // where each number or literal begins
  std::vector<std::uint64_t> unicode_;  // where each 'u' of a \u escape is
  std::array<std::uint64_t, 4> at_{};   // where each part's value begins (codes, title, significance, tier)
  Part pending_ = Part::none;
  std::size_t evidence_depth_ = 0;      // the depth of the keys of "evidence" while it is open
};

}  // namespace pairinfo::detail
