// Unicode-aware text helpers; see text.hpp.
#include "pairinfo/text.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace pairinfo {
namespace {

using namespace std::string_view_literals;

// Decodes one UTF-8 sequence at `i`; returns the code point and its length,
// or length 0 when the bytes there are not well-formed UTF-8.
struct Decoded {
  char32_t cp = 0;
  std::size_t length = 0;
};

Decoded decode_utf8(std::string_view s, std::size_t i) noexcept {
  utf8proc_int32_t cp = 0;
  utf8proc_ssize_t length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                             static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (length <= 0) return {};
  return {static_cast<char32_t>(cp), static_cast<std::size_t>(length)};
}

// What fold_term makes of non-ASCII text, in one pass of utf8proc: compatibility forms become
// their plain letters (the Kelvin sign, ligatures such as ﬃ, fullwidth letters), every script's
// case is folded (ß to ss, final sigma to sigma), look-alike punctuation becomes its ASCII form
// (curly apostrophes, dashes, the minus sign, unusual spaces) and default-ignorable characters
// (soft hyphen, zero-width space and joiners) go. Then accents go: nonspacing and enclosing
// marks, not the spacing vowel signs of Indic scripts that UTF8PROC_STRIPMARK would drop too.
// The result is recomposed (NFKC). `text` must be valid UTF-8.
std::string unicode_fold(std::string_view text) {
  constexpr auto decompose = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                            UTF8PROC_CASEFOLD | UTF8PROC_LUMP | UTF8PROC_IGNORE);
  constexpr auto compose = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::vector<utf8proc_int32_t> points(text.size() + 16);
  utf8proc_ssize_t count = 0;
  for (;;) {
    count = utf8proc_decompose(bytes, static_cast<utf8proc_ssize_t>(text.size()), points.data(),
                               static_cast<utf8proc_ssize_t>(points.size()), decompose);
    if (count < 0) throw std::runtime_error(fmt::format("cannot fold text: {}", utf8proc_errmsg(count)));
    if (static_cast<std::size_t>(count) <= points.size()) break;
    points.resize(static_cast<std::size_t>(count));  // a few characters expand a lot (U+FDFA: 18)
  }
  auto end = std::remove_if(points.begin(), points.begin() + count, [](utf8proc_int32_t cp) {
    utf8proc_category_t category = utf8proc_category(cp);
    return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_ME;
  });
  // Re-encoded as UTF-8 in the same buffer, which has four bytes for each code point.
  count = utf8proc_reencode(points.data(), end - points.begin(), compose);
  if (count < 0) throw std::runtime_error(fmt::format("cannot fold text: {}", utf8proc_errmsg(count)));
  return std::string(reinterpret_cast<const char*>(points.data()), static_cast<std::size_t>(count));
}

// Latin letters that Unicode does not decompose into a letter and an accent, folded to their
// base letters after unicode_fold (which has lowered them), and the middle dot, a dot that
// fold_term drops as it drops '.' (NFKC spells U+0140 ŀ as "l·").
const char* undecomposed_latin(char32_t cp) noexcept {
  switch (cp) {
    case 0xB7: return "";     // ·
    case 0xE6: return "ae";   // æ
    case 0xF0: return "d";    // ð
    case 0xF8: return "o";    // ø
    case 0x111: return "d";   // đ
    case 0x127: return "h";   // ħ
    case 0x131: return "i";   // ı
    case 0x138: return "k";   // ĸ
    case 0x142: return "l";   // ł
    case 0x14B: return "n";   // ŋ
    case 0x153: return "oe";  // œ
    case 0x167: return "t";   // ŧ
    default: return nullptr;
  }
}

bool is_bidi_control(char32_t cp) noexcept {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

// Columns of one character, as utf8proc has it (emoji and East Asian wide characters two,
// combining marks and zero-width characters none). Controls, shown escaped, count one as
// they always have.
std::size_t char_width(char32_t cp) noexcept {
  if (cp < 0xA0) return 1;
  return static_cast<std::size_t>(std::max(0, utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp))));
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Byte-parallel tests on eight bytes at a time, read little-endian.
constexpr bool little_endian = std::endian::native == std::endian::little;
constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;

std::uint64_t load8(const char* p) noexcept {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// The high bit of each byte below `lo` (at most 0x80), or 0x7F and above. Borrows and carries
// only run upwards from such a byte, so the lowest bit set is exact.
std::uint64_t outside_ascii(std::uint64_t x, unsigned char lo) noexcept {
  return (((x - ones * lo) & ~x) | (x + ones) | x) & highs;
}

// Where the run of ASCII bytes from `lo` to 0x7E starting at `i` ends. Such a run is one column
// a byte, so callers copy or count it whole; 0x20 takes printable ASCII, 0x21 the same without
// the space.
std::size_t ascii_run(std::string_view s, std::size_t i, unsigned char lo) noexcept {
  const std::size_t n = s.size();
  if constexpr (little_endian) {
    for (; n - i >= 8; i += 8)
      if (std::uint64_t flags = outside_ascii(load8(s.data() + i), lo)) return i + std::countr_zero(flags) / 8;
    if (i == n) return n;
    // The rest, followed by NULs, which end the run where the text ends: the text's last eight
    // bytes shifted down past those already seen. Shorter text goes byte by byte.
    if (n >= 8) return i + std::countr_zero(outside_ascii(load8(s.data() + n - 8) >> (8 * (8 - (n - i))), lo)) / 8;
  }
  while (i < n && static_cast<unsigned char>(s[i]) >= lo && static_cast<unsigned char>(s[i]) < 0x7F) ++i;
  return i;
}

// How much of the text is printable ASCII with no two spaces in a row, where a column is a
// byte and lines can be cut by position. May stop early (at a space before '!'), which only
// sends the rest the slow way.
std::size_t plain_prefix(std::string_view s) noexcept {
  const std::size_t n = s.size();
  std::size_t i = 0;
  if (little_endian && n >= 8) {
    // Spaces are the zero bytes of x ^ spaces. The test marks each space followed by a space,
    // and, wrongly, one followed by a '!'.
    auto doubled = [](std::uint64_t x) {
      std::uint64_t y = x ^ (ones * ' ');
      std::uint64_t spaces = (y - ones) & ~y & highs;
      return spaces & (spaces >> 8);
    };
    bool space_before = false;  // the last byte of the block before was a space
    for (; n - i >= 8; i += 8) {
      std::uint64_t x = load8(s.data() + i);
      if (space_before && (x & 0xFF) == ' ') return i - 1;
      if (std::uint64_t flags = outside_ascii(x, 0x20) | doubled(x)) return i + std::countr_zero(flags) / 8;
      space_before = (x >> 56) == ' ';
    }
    if (i == n) return n;
    // The last eight bytes, overlapping those seen, so the pair across the seam is inside.
    std::uint64_t x = load8(s.data() + n - 8);
    std::uint64_t flags = outside_ascii(x, 0x20) | doubled(x);
    return flags ? n - 8 + std::countr_zero(flags) / 8 : n;
  }
  for (; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c > 0x7E || (c == ' ' && i + 1 < n && s[i + 1] == ' ')) return i;
  }
  return n;
}

// How many bytes of the text continue a UTF-8 character (10xxxxxx), eight at a time.
std::size_t continuation_bytes(std::string_view s) noexcept {
  std::size_t count = 0, i = 0;
  if (little_endian)
    for (; s.size() - i >= 8; i += 8) {
      std::uint64_t x = load8(s.data() + i);
      count += static_cast<std::size_t>(std::popcount(x & ~(x << 1) & highs));  // bit 7 set, bit 6 clear
    }
  for (; i < s.size(); ++i) count += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return count;
}

// An accented Latin letter (U+00C0 to U+027F) starts at `i`: two bytes, a column, never escaped.
bool accented_letter_at(std::string_view text, std::size_t i) noexcept {
  auto lead = static_cast<unsigned char>(text[i]);
  return lead >= 0xC3 && lead <= 0xC9 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80;
}

// The plain text from `i` (as plain_prefix has it, and accented Latin letters), of at most
// `columns` columns: where it ends, how many columns it takes, and whether the text is full
// there: it ends, or what follows takes a column (a zero-width mark could still fit).
struct PlainRun {
  std::size_t end, columns;
  bool full;
};

PlainRun plain_run(std::string_view text, std::size_t i, std::size_t columns) noexcept {
  std::size_t taken = 0;
  while (taken < columns && i < text.size()) {
    std::size_t ascii = plain_prefix(text.substr(i, std::min(text.size() - i, columns - taken)));
    i += ascii;
    taken += ascii;
    if (taken == columns || i == text.size() || !accented_letter_at(text, i)) break;
    i += 2;
    ++taken;
  }
  bool full = i == text.size() ||
              (taken == columns && ((text[i] >= 0x20 && text[i] < 0x7F) || accented_letter_at(text, i)));
  return {i, taken, full};
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_valid_utf8(std::string_view text) noexcept {
  // ASCII but NUL and DEL a run at a time (NUL ends a run, see ascii_run; both are valid).
  for (std::size_t i = ascii_run(text, 0, 1); i < text.size(); i = ascii_run(text, i, 1)) {
    Decoded d = decode_utf8(text, i);
    if (d.length == 0) return false;
    i += d.length;
  }
  return true;
}

std::string fold_term(std::string_view text) {
  // Text beyond ASCII is folded by utf8proc first; what it gives is then treated as ASCII is,
  // its other characters kept as they are. A stray byte becomes U+FFFD, which never combines
  // with its neighbours into a real character once a dropped character between them is gone.
  std::string unicode;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string valid;
    valid.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
      std::size_t length = decode_utf8(text, i).length;
      valid += length == 0 ? "\xEF\xBF\xBD"sv : text.substr(i, length);
      i += length == 0 ? 1 : length;
    }
    unicode = unicode_fold(valid);
    text = unicode;
  }
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto put = [&](std::string_view piece) {
    if (piece.empty()) return;
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += piece;
  };
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      Decoded d = decode_utf8(text, i);
      const char* base = undecomposed_latin(d.cp);
      put(base != nullptr ? std::string_view(base) : text.substr(i, d.length));
      i += d.length;
      continue;
    }
    char c = text[i++];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '\'' || c == '.' || c == '`') continue;
    if (is_space(c) || c == '-' || c == '_' || c == '/' || c == ',') pending_space = true;
    else put(std::string_view(&c, 1));
  }
  return out;
}

std::string fold_term_version() {
  // 2: utf8proc (NFKC, case folding in every script, look-alikes); 1 was Latin tables.
  return fmt::format("fold 2, utf8proc {}, Unicode {}", utf8proc_version(), utf8proc_unicode_version());
}

std::string escape_controls(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  escape_controls_into(out, text, keep_newlines);
  return out;
}

namespace {

// How much of the text from `i` escape_controls leaves as it is.
std::size_t unescaped_run(std::string_view text, std::size_t i, bool keep_newlines) noexcept {
  while (i < text.size()) {
    i = ascii_run(text, i, 0x20);  // printable ASCII, nearly all text
    if (i == text.size()) break;
    Decoded d = decode_utf8(text, i);
    char32_t cp = d.cp;
    if (d.length == 0 || (cp == '\n' ? !keep_newlines : cp < 0x20 || cp == 0x7F) || (cp >= 0x80 && cp <= 0x9F) ||
        is_bidi_control(cp))
      break;
    i += d.length;
  }
  return i;
}

}  // namespace

void escape_controls_into(std::string& out, std::string_view text, bool keep_newlines) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = unescaped_run(text, i, keep_newlines);
    out.append(text.substr(i, run - i));
    if (run == text.size()) break;
    i = run;
    Decoded d = decode_utf8(text, i);
    if (d.length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
    } else if (d.cp < 0x20 || d.cp == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(d.cp));
      i += d.length;
    } else {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(d.cp));  // a C1 control or a bidi control
      i += d.length;
    }
  }
}

bool needs_escaping(std::string_view text, bool keep_newlines) noexcept {
  return unescaped_run(text, 0, keep_newlines) != text.size();
}

bool is_printable_ascii(std::string_view text) noexcept { return ascii_run(text, 0, 0x20) == text.size(); }

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t run = ascii_run(text, i, 0x20); run > i) {
      width += run - i;
      i = run;
      continue;
    }
    Decoded d = decode_utf8(text, i);
    if (d.length == 0) {
      width += 4;  // shown as \xNN
      ++i;
      continue;
    }
    width += char_width(d.cp);
    i += d.length;
  }
  return width;
}

namespace {

// Calls visit(paragraph) for each paragraph of the text, trimmed, until it returns false.
template <typename Visit>
void for_each_paragraph(std::string_view text, Visit visit) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    std::string_view piece = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    while (!piece.empty() && is_space(piece.front())) piece.remove_prefix(1);
    while (!piece.empty() && is_space(piece.back())) piece.remove_suffix(1);
    if (!piece.empty() && !visit(piece)) return;
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
}

}  // namespace

std::vector<std::string_view> paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  for_each_paragraph(text, [&](std::string_view paragraph) {
    out.push_back(paragraph);
    return true;
  });
  return out;
}

std::string_view first_paragraph(std::string_view text) {
  std::string_view first;
  for_each_paragraph(text, [&](std::string_view paragraph) {
    first = paragraph;
    return false;
  });
  return first;
}

namespace {

std::size_t skip_spaces(std::string_view text, std::size_t i) noexcept {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

// Word by word: puts the words from `i` on the line while they fit, the first whatever its
// width unless the line has words already. Returns where the last word put ends.
std::size_t wrap_words(std::string& out, std::string_view text, std::size_t i, std::size_t width,
                       std::size_t line_width, bool first) {
  for (std::size_t start = skip_spaces(text, i); start < text.size(); start = skip_spaces(text, i)) {
    std::size_t end = ascii_run(text, start, 0x21);
    bool plain = end == text.size() || is_space(text[end]);
    while (end < text.size() && !is_space(text[end])) ++end;
    std::string_view word = text.substr(start, end - start);
    std::size_t word_width = plain ? word.size() : display_width(word);  // measure only what needs it
    if (!first) {
      if (line_width + 1 + word_width > width) break;
      out += ' ';
      ++line_width;
    }
    out += word;
    line_width += word_width;
    first = false;
    i = end;
  }
  return i;
}

}  // namespace

void wrap_into(std::string& out, std::string_view text, std::size_t width, std::string_view indent,
               std::string_view first_indent) {
  std::string_view lead = first_indent.empty() ? indent : first_indent;
  out += lead;
  std::size_t line_width = display_width(lead);
  const std::size_t indent_width = display_width(indent);
  std::size_t i = skip_spaces(text, 0);
  while (i < text.size()) {
    // A line begins: `out` ends with its indent, and a word starts at i. Where the text is plain
    // (see plain_run) the words that fit are found by position and copied at once.
    const std::size_t room = line_width < width ? width - line_width : 0;
    const PlainRun plain = plain_run(text, i, room);
    std::size_t end = plain.end;  // the last plain word that fits ends here, after i if any does
    if (end < text.size() && !is_space(text[end])) {
      end = text.rfind(' ', end);
      if (end == std::string_view::npos || end < i) end = i;
    }
    if (end > i && text[end - 1] == ' ') --end;
    // The next word would pass the width.
    bool line_full = plain.full && end > i;
    if (end > i) {
      std::string_view words = text.substr(i, end - i);
      out.append(words);
      // A column a byte, but for the second bytes of accented letters.
      std::size_t columns = words.size();
      if (plain.columns != plain.end - i) columns -= continuation_bytes(words);
      line_width += columns;
    }
    i = line_full ? end : wrap_words(out, text, end, width, line_width, end == i);
    i = skip_spaces(text, i);
    if (i == text.size()) break;
    out += '\n';
    out += indent;
    line_width = indent_width;
  }
  out += '\n';
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view indent,
                              std::string_view first_indent) {
  std::string all;
  wrap_into(all, text, width, indent, first_indent);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < all.size();) {
    std::size_t end = all.find('\n', start);
    lines.emplace_back(all, start, end - start);
    start = end + 1;
  }
  return lines;
}

void fit_into(std::string& out, std::string_view text, std::size_t width) {
  const std::size_t base = out.size();
  // Printable ASCII is one column a byte: copied whole, or cut by count.
  std::size_t i = ascii_run(text, 0, 0x20);
  if (i > width) {
    if (width == 0) return;
    out.append(text.substr(0, width - 1));
    out += "…";
    return;
  }
  out.append(text.substr(0, i));
  std::size_t used = i;
  while (i < text.size()) {
    Decoded d = decode_utf8(text, i);
    std::size_t length = d.length == 0 ? 1 : d.length;
    std::size_t w = d.length == 0 ? 4 : char_width(d.cp);  // as display_width counts it
    if (used + w > width) {
      // Cut, leaving room for the ellipsis.
      while (out.size() > base && used + 1 > width) {
        std::size_t back = out.size() - 1;
        while (back > base && (static_cast<unsigned char>(out[back]) & 0xC0) == 0x80) --back;
        used -= display_width(std::string_view(out).substr(back));
        out.resize(back);
      }
      if (width > 0) {
        out += "…";
        ++used;
      }
      out.append(width > used ? width - used : 0, ' ');  // a wide character cut leaves a gap
      return;
    }
    out.append(text.substr(i, length));
    used += w;
    i += length;
  }
  out.append(width > used ? width - used : 0, ' ');
}

std::string fit(std::string_view text, std::size_t width) {
  std::string out;
  fit_into(out, text, width);
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace pairinfo
