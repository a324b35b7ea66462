// libFuzzer target: arbitrary bytes as what a user types, against the bundled data.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "pairinfo/dataset.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/resolve.hpp"
#include "pairinfo/text.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail = {}) { fuzz::fail("resolve_fuzz", what, detail); }

// Loading is costly and the same for every input, so it happens once.
const pairinfo::Dataset& bundled() {
  static const pairinfo::Dataset data = pairinfo::load_dataset({pairinfo::bundled_source()});
  return data;
}

// What escape_controls promises: valid UTF-8 with no C0/C1 control, DEL or bidi override left.
void check_terminal_safe(std::string_view text, bool newlines_allowed) {
  if (!pairinfo::is_valid_utf8(text)) fail("escaped text is not UTF-8", text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0; };
    unsigned char c = byte(i);
    if ((c < 0x20 && !(newlines_allowed && c == '\n')) || c == 0x7f) fail("raw C0 control or DEL", text);
    if (c == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) fail("raw C1 control", text);
    bool bidi = (c == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) >= 0xAA && byte(i + 2) <= 0xAE)) ||
                (c == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0x8E || byte(i + 2) == 0x8F)) ||
                (c == 0xE2 && byte(i + 1) == 0x81 && (byte(i + 2) >= 0xA6 && byte(i + 2) <= 0xA9)) ||
                (c == 0xD8 && byte(i + 1) == 0x9C);
    if (bidi) fail("raw bidirectional control", text);
  }
}

bool is_word_separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_word_separator(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && !is_word_separator(text[end])) ++end;
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end;
  }
  return words;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pairinfo::Dataset& data = bundled();
  std::string_view term(reinterpret_cast<const char*>(bytes), size);

  pairinfo::Resolution resolution = pairinfo::resolve_term(data, term);
  const std::size_t count = data.interventions().size();
  for (std::size_t index : resolution.matches)
    if (index >= count) fail("resolution names no intervention", term);
  switch (resolution.kind) {
    case pairinfo::Resolution::Kind::found:
      if (resolution.matches.size() != 1) fail("found, but not exactly one match", term);
      break;
    case pairinfo::Resolution::Kind::ambiguous:
      if (resolution.matches.size() < 2) fail("ambiguous with fewer than two matches", term);
      break;
    case pairinfo::Resolution::Kind::not_found:
      if (resolution.matches.size() > 3) fail("more suggestions than asked for", term);
      break;
  }
  // Every message that names suggestions passes through here before escaping.
  check_terminal_safe(pairinfo::escape_controls(pairinfo::describe_interventions(data, resolution.matches)), false);

  // Folding is stable and always yields UTF-8; stray bytes become U+FFFD, never a
  // character joined from the bytes around a dropped one, which could match a catalogue
  // entry the user never typed.
  std::string folded = pairinfo::fold_term(term);
  if (!pairinfo::is_valid_utf8(folded)) fail("folding broke UTF-8", term);
  if (pairinfo::fold_term(folded) != folded) fail("fold_term is not idempotent", term);
  if (!pairinfo::is_valid_utf8(term) && folded.find("\xEF\xBF\xBD") == std::string::npos)
    fail("fold_term hid the stray bytes of invalid UTF-8", term);

  std::string escaped = pairinfo::escape_controls(term);
  check_terminal_safe(escaped, false);
  check_terminal_safe(pairinfo::escape_controls(term, true), true);
  // Already safe text is left as it is, so escaping twice is harmless.
  if (pairinfo::escape_controls(escaped) != escaped) fail("escape_controls changed safe text", term);

  // Wrapping never loses, reorders or splits a word, and only a lone word may overflow.
  const std::size_t width = size > 0 ? 1 + bytes[0] % 100 : 40;
  std::vector<std::string> lines = pairinfo::wrap(escaped, width, "  ", "* ");
  std::vector<std::string_view> wrapped_words;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    std::string_view lead = n == 0 ? "* " : "  ";
    if (line.substr(0, lead.size()) != lead) fail("wrapped line lost its indent", term);
    std::string_view body = line.substr(lead.size());
    auto body_words = words_of(body);
    if (pairinfo::display_width(line) > width && body_words.size() > 1) fail("wrapped line too wide", line);
    wrapped_words.insert(wrapped_words.end(), body_words.begin(), body_words.end());
  }
  if (wrapped_words != words_of(escaped)) fail("wrap changed the words", term);

  // Columns in lists are cut or padded to an exact width.
  std::string cell = pairinfo::fit(escaped, width);
  if (pairinfo::display_width(cell) > width) fail("fit overflowed its column", term);
  return 0;
}
