// JSON string decoding; see json_string.hpp.
#include "pairinfo/json_string.hpp"

#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "pairinfo/json_parse.hpp"

namespace pairinfo {
namespace {

bool needs_attention(unsigned char c) noexcept { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80; }

void append_utf8(std::string& out, unsigned cp) {
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

// How many bytes from `from` on need no attention inside a JSON string: printable ASCII
// other than '"' and '\\'. Most of a data file is such runs, so this is vectorised.
std::size_t plain_run_length(std::string_view text, std::size_t from) noexcept {
  const char* const begin = text.data() + from;
  const char* const end = text.data() + text.size();
  const char* p = begin;
#if defined(__SSE2__)
  // A signed compare below 0x20 catches both control characters and bytes >= 0x80.
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  for (; end - p >= 16; p += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                _mm_cmplt_epi8(bytes, space));
    int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return static_cast<std::size_t>(p - begin) + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  while (p < end && !needs_attention(static_cast<unsigned char>(*p))) ++p;
  return static_cast<std::size_t>(p - begin);
}

class StringDecoder {
 public:
  StringDecoder(std::string_view text, std::size_t& pos, std::string& out) : text_(text), pos_(pos), out_(out) {}

  void run() {
    ++pos_;  // opening quote
    // Text that needs no decoding (plain ASCII and valid UTF-8) is copied a stretch at a
    // time, from `verbatim` to just before the next escape or the closing quote.
    std::size_t verbatim = pos_;
    for (;;) {
      pos_ += plain_run_length(text_, pos_);
      if (pos_ >= text_.size()) fail("unterminated string");
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c >= 0x80) {
        skip_utf8_sequence();
        continue;
      }
      if (c < 0x20) fail(fmt::format("control character 0x{:02x} in a string (escape it)", c));
      out_.append(text_.data() + verbatim, pos_ - verbatim);
      if (c == '"') {
        ++pos_;
        return;
      }
      escape();
      verbatim = pos_;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw JsonSyntaxError(pos_, message); }
  [[noreturn]] static void fail_at(std::size_t offset, const std::string& message) {
    throw JsonSyntaxError(offset, message);
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

  // Steps over one UTF-8 sequence, rejecting overlong forms, surrogates and values past U+10FFFF.
  void skip_utf8_sequence() {
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
    pos_ += length;
  }

  void escape() {
    std::size_t escape_offset = pos_;
    ++pos_;
    if (pos_ >= text_.size()) fail("unterminated string");
    char e = text_[pos_++];
    switch (e) {
      case '"': out_ += '"'; break;
      case '\\': out_ += '\\'; break;
      case '/': out_ += '/'; break;
      case 'b': out_ += '\b'; break;
      case 'f': out_ += '\f'; break;
      case 'n': out_ += '\n'; break;
      case 'r': out_ += '\r'; break;
      case 't': out_ += '\t'; break;
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
        append_utf8(out_, cp);
        break;
      }
      default: fail_at(escape_offset, "invalid escape sequence in a string");
    }
  }

  std::string_view text_;
  std::size_t& pos_;
  std::string& out_;
};

}  // namespace


std::size_t quote_free_length(std::string_view text, std::size_t from) noexcept {
  const char* const begin = text.data() + from;
  const char* const end = text.data() + text.size();
  const char* p = begin;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; end - p >= 16; p += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
    if (mask != 0) return static_cast<std::size_t>(p - begin) + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  while (p < end && *p != '"' && *p != '\\') ++p;
  return static_cast<std::size_t>(p - begin);
}

void decode_json_string(std::string_view text, std::size_t& pos, std::string& out) {
  StringDecoder(text, pos, out).run();
}

}  // namespace pairinfo
