// Unicode-aware text helpers; see text.hpp.
#include "pairinfo/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

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
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = b(i);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) { length = 2; cp = lead & 0x1F; }
  else if (lead == 0xE0) { length = 3; cp = lead & 0x0F; lo = 0xA0; }
  else if (lead == 0xED) { length = 3; cp = lead & 0x0F; hi = 0x9F; }
  else if (lead >= 0xE1 && lead <= 0xEF) { length = 3; cp = lead & 0x0F; }
  else if (lead == 0xF0) { length = 4; cp = lead & 0x07; lo = 0x90; }
  else if (lead >= 0xF1 && lead <= 0xF3) { length = 4; cp = lead & 0x07; }
  else if (lead == 0xF4) { length = 4; cp = lead & 0x07; hi = 0x8F; }
  else return {};
  if (i + length > s.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    unsigned char c = b(i + k);
    if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return {};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, length};
}

// Base letter for common accented Latin letters (Latin-1 Supplement and Extended-A).
char fold_accent(char32_t cp) noexcept {
  static constexpr std::string_view latin1 =  // U+00C0..U+00FF, '\0' where none
      "aaaaaaaceeeeiiii"
      "dnooooo\0ouuuuy\0s"
      "aaaaaaaceeeeiiii"
      "dnooooo\0ouuuuy\0y"sv;
  if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {
    static constexpr std::string_view extended_a =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
        "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    std::size_t index = cp - 0x100;
    return index < extended_a.size() ? extended_a[index] : '\0';
  }
  return '\0';
}

bool is_bidi_control(char32_t cp) noexcept {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

bool is_combining(char32_t cp) noexcept {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
         cp == 0xFEFF;
}

bool is_wide(char32_t cp) noexcept {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

std::size_t char_width(char32_t cp) noexcept {
  if (is_combining(cp)) return 0;
  return is_wide(cp) ? 2 : 1;
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_valid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    Decoded d = decode_utf8(text, i);
    if (d.length == 0) return false;
    i += d.length;
  }
  return true;
}

std::string fold_term(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto put = [&](char c) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += c;
  };
  for (std::size_t i = 0; i < text.size();) {
    Decoded d = decode_utf8(text, i);
    if (d.length == 0) {
      // A stray byte becomes U+FFFD, which never combines with its neighbours into a real
      // character once a dropped character between them is gone.
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    i += d.length;
    char32_t cp = d.cp;
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') put(static_cast<char>(c - 'A' + 'a'));
      else if (c == '\'' || c == '.' || c == '`') continue;
      else if (is_space(c) || c == '-' || c == '_' || c == '/' || c == ',') pending_space = true;
      else put(c);
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
      continue;  // curly apostrophes
    } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 || cp == 0xA0) {
      pending_space = true;
    } else if (is_combining(cp)) {
      continue;
    } else if (char base = fold_accent(cp); base != '\0') {
      put(base);
      if (cp == 0xDF) put('s');  // ß
      if (cp == 0xC6 || cp == 0xE6) put('e');  // æ
    } else {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out.append(text.substr(i - d.length, d.length));
    }
  }
  return out;
}

namespace {
bool is_printable_ascii(char c) { return c >= 0x20 && c < 0x7F; }
}  // namespace

std::string escape_controls(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII, nearly all text, is copied in runs.
    std::size_t run = i;
    while (run < text.size() && is_printable_ascii(text[run])) ++run;
    if (run > i) {
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    Decoded d = decode_utf8(text, i);
    if (d.length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    char32_t cp = d.cp;
    if (cp == '\n' && keep_newlines) {
      out += '\n';
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (is_printable_ascii(text[i])) {
      ++width;
      ++i;
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

std::vector<std::string_view> paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find("\n\n", start);
    std::string_view piece = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    while (!piece.empty() && is_space(piece.front())) piece.remove_prefix(1);
    while (!piece.empty() && is_space(piece.back())) piece.remove_suffix(1);
    if (!piece.empty()) out.push_back(piece);
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
  return out;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view indent,
                              std::string_view first_indent) {
  std::vector<std::string> lines;
  std::string_view lead = first_indent.empty() ? indent : first_indent;
  std::string line(lead);
  std::size_t line_width = display_width(lead);
  bool line_has_word = false;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size()) break;
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    std::string_view word = text.substr(i, end - i);
    std::size_t word_width = display_width(word);
    if (line_has_word && line_width + 1 + word_width > width) {
      lines.push_back(std::move(line));
      line = std::string(indent);
      line_width = display_width(indent);
      line_has_word = false;
    }
    if (line_has_word) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += word_width;
    line_has_word = true;
    i = end;
  }
  if (line_has_word || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string fit(std::string_view text, std::size_t width) {
  std::size_t used = 0;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    Decoded d = decode_utf8(text, i);
    std::size_t length = d.length == 0 ? 1 : d.length;
    std::size_t w = d.length == 0 ? 4 : char_width(d.cp);  // as display_width counts it
    if (used + w > width) {
      // Cut, leaving room for the ellipsis.
      while (!out.empty() && used + 1 > width) {
        std::size_t back = out.size() - 1;
        while (back > 0 && (static_cast<unsigned char>(out[back]) & 0xC0) == 0x80) --back;
        used -= display_width(std::string_view(out).substr(back));
        out.resize(back);
      }
      if (width > 0) {
        out += "…";
        ++used;
      }
      out.append(width > used ? width - used : 0, ' ');  // a wide character cut leaves a gap
      return out;
    }
    out.append(text.substr(i, length));
    used += w;
    i += length;
  }
  out.append(width > used ? width - used : 0, ' ');
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
