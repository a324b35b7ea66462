// The bytes of the record splitter's scan found a block at a time with SSE2 (plain loops
// elsewhere): quotes, escapes, brackets and control bytes as bit masks. Private to
// record_splitter.cpp, and inline: they run for every byte of a file of gigabytes.
#pragma once
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pairinfo::detail {

// The first '"' or '\\' in [p, end), or end.
inline const char* find_string_special(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (end - p >= 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != '"' && *p != '\\') ++p;
  return p;
}

// The first byte in [p, end) that matters outside strings ('"', brackets, ','), or end.
inline const char* find_structural(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i open_array = _mm_set1_epi8('[');
  const __m128i close_array = _mm_set1_epi8(']');
  const __m128i open_object = _mm_set1_epi8('{');
  const __m128i close_object = _mm_set1_epi8('}');
  while (end - p >= 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, comma)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, open_array), _mm_cmpeq_epi8(chunk, close_array)),
                     _mm_or_si128(_mm_cmpeq_epi8(chunk, open_object), _mm_cmpeq_epi8(chunk, close_object))));
    int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != '"' && *p != ',' && *p != '[' && *p != ']' && *p != '{' && *p != '}') ++p;
  return p;
}

// Bit masks of one 64-byte block: quotes, backslashes, brackets, commas and colons; bytes
// up to ' ' (blanks and control bytes: one compare rather than four). Whether any byte is a
// control byte or past ASCII is all most blocks need to know of those (see control_mask).
struct BlockMasks {
  std::uint64_t quote = 0, backslash = 0, structural = 0, low = 0;
  bool control = false, high = false;
};

inline BlockMasks block_masks(const char* p) {
  BlockMasks masks;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i colon = _mm_set1_epi8(':');
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i opener = _mm_set1_epi8('{');  // '[' or '{' once 0x20 is set
  const __m128i closer = _mm_set1_epi8('}');  // ']' or '}'
  const __m128i last_control = _mm_set1_epi8(0x1f);
  const __m128i space = _mm_set1_epi8(' ');
  __m128i control = _mm_setzero_si128(), high = _mm_setzero_si128();
  for (int i = 0; i < 4; ++i) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    __m128i folded = _mm_or_si128(chunk, case_bit);
    auto bits = [&](__m128i hits) { return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hits))) << (16 * i); };
    masks.quote |= bits(_mm_cmpeq_epi8(chunk, quote));
    masks.backslash |= bits(_mm_cmpeq_epi8(chunk, backslash));
    masks.structural |= bits(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, comma), _mm_cmpeq_epi8(chunk, colon)),
                                          _mm_or_si128(_mm_cmpeq_epi8(folded, opener), _mm_cmpeq_epi8(folded, closer))));
    masks.low |= bits(_mm_cmpeq_epi8(_mm_min_epu8(chunk, space), chunk));
    control = _mm_or_si128(control, _mm_cmpeq_epi8(_mm_min_epu8(chunk, last_control), chunk));
    high = _mm_or_si128(high, chunk);
  }
  masks.control = _mm_movemask_epi8(control) != 0;
  masks.high = _mm_movemask_epi8(high) != 0;
#else
  for (int i = 0; i < 64; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    std::uint64_t bit = std::uint64_t{1} << i;
    if (c == '"') masks.quote |= bit;
    if (c == '\\') masks.backslash |= bit;
    if (c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}') masks.structural |= bit;
    if (c <= 0x20) masks.low |= bit;
    masks.control |= c < 0x20;
    masks.high |= c >= 0x80;
  }
#endif
  return masks;
}

// The control bytes of a block, for the few blocks that have any.
inline std::uint64_t control_mask(const char* p) {
  std::uint64_t mask = 0;
#if defined(__SSE2__)
  const __m128i last_control = _mm_set1_epi8(0x1f);
  for (int i = 0; i < 4; ++i) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    mask |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(chunk, last_control), chunk))))
            << (16 * i);
  }
#else
  for (int i = 0; i < 64; ++i)
    if (static_cast<unsigned char>(p[i]) < 0x20) mask |= std::uint64_t{1} << i;
#endif
  return mask;
}

inline std::uint64_t prefix_xor(std::uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Which bytes of a block are escaped by a backslash (simdjson's branchless method);
// `carry` says whether the previous block ended in an unfinished escape, and is updated.
inline std::uint64_t escaped_bytes(std::uint64_t backslash, std::uint64_t& carry) {
  constexpr std::uint64_t even_bits = 0x5555555555555555ULL;
  backslash &= ~carry;
  std::uint64_t follows_escape = (backslash << 1) | carry;
  std::uint64_t odd_starts = backslash & ~even_bits & ~follows_escape;
  std::uint64_t sequences_on_even = 0;
  carry = __builtin_add_overflow(odd_starts, backslash, &sequences_on_even) ? 1 : 0;
  std::uint64_t invert = sequences_on_even << 1;
  return (even_bits ^ invert) & follows_escape;
}

}  // namespace pairinfo::detail
