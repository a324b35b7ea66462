// Tests for text: folding, UTF-8 checks, escaping, display width, wrapping, fitting, edit distance.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "pairinfo/text.hpp"

using pairinfo::display_width;
using pairinfo::edit_distance;
using pairinfo::escape_controls;
using pairinfo::escape_controls_into;
using pairinfo::fit;
using pairinfo::fit_into;
using pairinfo::fold_term;
using pairinfo::is_valid_utf8;
using pairinfo::wrap;
using pairinfo::wrap_into;

namespace {

// Text made of pieces that stand alone (no piece continues a character of the one before),
// mixing printable ASCII, single and double spaces, newlines, tabs, accents, wide characters,
// combining marks, controls and invalid bytes, so fast paths and slow paths both get exercised.
std::vector<std::string> random_pieces(std::mt19937& random, std::size_t count) {
  static const std::vector<std::string> alphabet = {
      "a", "word", "longerword", "x", "!", "~", ".", "supercalifragilistic", " ", " ", " ", "  ", "\n", "\t",
      "\r", "Juv\xC3\xA9" "derm", "\xE6\x97\xA5\xE6\x9C\xAC", "e\xCC\x81", "\x1b", "\x7f", "\xFF",
      "\xE2\x80\xAE", "\xE2\x80\xA6", "\xF0\x9F\x98\x80", "\xC2\x9B",
      // Accented letters, which wrapping takes a column each without measuring (U+00C0 to
      // U+027F), and their neighbours, which it measures: U+00A0, U+0280, a lone lead byte.
      "caf\xC3\xA9", "\xC3\x80", "na\xC3\xAFve", "\xC4\x9Bx", "\xC9\xBF", "\xC2\xA0", "\xCA\x80", "\xC3"};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::vector<std::string> pieces;
  for (std::size_t i = 0; i < count; ++i) pieces.push_back(alphabet[pick(random)]);
  return pieces;
}

std::string joined(const std::vector<std::string>& pieces) {
  std::string out;
  for (const auto& piece : pieces) out += piece;
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// wrap() as first written, word by word, to check the faster one against.
std::vector<std::string> reference_wrap(std::string_view text, std::size_t width, std::string_view indent,
                                        std::string_view first_indent) {
  std::vector<std::string> lines;
  std::string line(first_indent.empty() ? indent : first_indent);
  std::size_t line_width = display_width(line);
  bool line_has_word = false;
  for (std::size_t i = 0; i < text.size();) {
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

}  // namespace

TEST_CASE("fold_term lowers case, trims and collapses spaces", "[text][fold]") {
  CHECK(fold_term("Estradiol") == "estradiol");
  CHECK(fold_term("  FISH    oil \t") == "fish oil");
  CHECK(fold_term("") == "");
  CHECK(fold_term("   ") == "");
}

TEST_CASE("fold_term removes accents from Latin letters", "[text][fold]") {
  CHECK(fold_term("Juvéderm") == "juvederm");
  CHECK(fold_term("JUVÉDERM") == "juvederm");
  CHECK(fold_term("Ångström") == "angstrom");
  CHECK(fold_term("Dvořák") == "dvorak");
  CHECK(fold_term("Łódź") == "lodz");
  CHECK(fold_term("Straße") == "strasse");
  CHECK(fold_term("Æther") == "aether");
  // A decomposed accent (e + COMBINING ACUTE) folds like the precomposed one.
  CHECK(fold_term("Juve\xCC\x81" "derm") == "juvederm");
}

TEST_CASE("fold_term folds case in every script, as in Latin", "[text][fold]") {
  CHECK(fold_term("АСПИРИН") == "аспирин");                          // Cyrillic
  CHECK(fold_term("Аспирин") == fold_term("АСПИРИН"));
  CHECK(fold_term("ЁЖ") == "еж");                                    // the diaeresis goes as é's accent does
  CHECK(fold_term("ΚΑΦΕΪΝΗ") == "καφεινη");                          // Greek
  CHECK(fold_term("καφεΐνη") == fold_term("ΚΑΦΕΪΝΗ"));
  CHECK(fold_term("ΟΔΟΣ") == fold_term("οδός"));                     // final sigma
  CHECK(fold_term("a Ω") == "a ω");
  CHECK(fold_term("\u0130stanbul") == "istanbul");                   // İ, capital I with dot above
  CHECK(fold_term("ԲԱ") == "բա");                                    // Armenian
}

TEST_CASE("fold_term folds look-alikes and compatibility forms to plain letters", "[text][fold]") {
  CHECK(fold_term("\u212Aelp") == "kelp");                           // KELVIN SIGN
  CHECK(fold_term("\u212Aelp") == fold_term("Kelp"));
  CHECK(fold_term("\u212Bngstr\u00F6m") == "angstrom");              // ANGSTROM SIGN
  CHECK(fold_term("o\uFB03ce") == "office");                         // LATIN SMALL LIGATURE FFI
  CHECK(fold_term("\uFB01sh oil") == "fish oil");                    // fi ligature
  CHECK(fold_term("\uFF21\uFF33\uFF30\uFF29\uFF32\uFF29\uFF2E") == "aspirin");  // fullwidth ASPIRIN
  CHECK(fold_term("\uFF33\uFF54\u3000\uFF2A\uFF4F\uFF48\uFF4E\uFF07\uFF53") == "st johns");  // fullwidth space, apostrophe
  CHECK(fold_term("vitamin B\u2081\u2082") == "vitamin b12");        // subscript digits
  CHECK(fold_term("x\u2212y") == "x y");                             // MINUS SIGN, read as a hyphen
  CHECK(fold_term("aspi\u00ADrin") == "aspirin");                    // soft hyphen
  CHECK(fold_term("aspi\u200Brin") == "aspirin");                    // zero-width space
  CHECK(fold_term("\u0153uvre \u0152UVRE") == "oeuvre oeuvre");      // oe ligature: was "ouvre"
  CHECK(fold_term("co\u0140legi") == "collegi");                     // l with middle dot, and
  CHECK(fold_term("col\u00B7legi") == "collegi");                    // the middle dot, a dot
}

TEST_CASE("fold_term_version names the folding and its Unicode version", "[text][fold]") {
  std::string version = pairinfo::fold_term_version();
  CHECK(version.starts_with("fold 2, utf8proc "));
  CHECK(version.find(", Unicode ") != std::string::npos);
}

TEST_CASE("fold_term strips accents, not the vowel signs of Indic scripts", "[text][fold]") {
  CHECK(fold_term("\u0915\u093F") != fold_term("\u0915"));           // Devanagari ki is not ka
  CHECK(fold_term("\u0B95\u0BCA") == "\u0B95\u0BCA");                // Tamil ko: two vowel signs, recomposed
}

TEST_CASE("fold_term drops apostrophes, straight and curly, and dots", "[text][fold]") {
  CHECK(fold_term("St John's Wort") == "st johns wort");
  CHECK(fold_term("St John\xE2\x80\x99s wort") == "st johns wort");   // U+2019
  CHECK(fold_term("\xE2\x80\x98quoted\xE2\x80\x99") == "quoted");     // U+2018 … U+2019
  CHECK(fold_term("John\xCA\xBCs") == "johns");                       // U+02BC modifier apostrophe
  CHECK(fold_term("St. John`s") == "st johns");
  CHECK(fold_term("St. John's Wort") == fold_term("st johns wort"));
}

TEST_CASE("fold_term reads hyphens, dashes, slashes and underscores as spaces", "[text][fold]") {
  CHECK(fold_term("L-thyroxine") == "l thyroxine");
  CHECK(fold_term("st-johns-wort") == "st johns wort");
  CHECK(fold_term("time_restricted/eating") == "time restricted eating");
  CHECK(fold_term("co\xE2\x80\x93payment") == "co payment");    // en dash
  CHECK(fold_term("co\xE2\x80\x94payment") == "co payment");    // em dash
  CHECK(fold_term("non\xE2\x80\x91stop") == "non stop");        // non-breaking hyphen
  CHECK(fold_term("a\xC2\xA0" "b") == "a b");                   // no-break space
  CHECK(fold_term("--AES-001--") == "aes 001");
  CHECK(fold_term("a - b") == "a b");
}

TEST_CASE("fold_term keeps letters it cannot fold, and stray bytes, so they match nothing else", "[text][fold]") {
  CHECK(fold_term("\xE6\x97\xA5\xE6\x9C\xAC") == "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本
  CHECK(fold_term("a \xC3\xBE") == "a \xC3\xBE");                              // þ
  CHECK(fold_term("a\xFF" "b") == "a\xEF\xBF\xBD" "b");  // a stray byte becomes U+FFFD
  CHECK(fold_term("a\xFF" "b") != fold_term("ab"));
  // Stray bytes around a dropped character never join into a real one ("\xC5\xBD" is Ž).
  CHECK(fold_term("\xC5.\xBD") != fold_term("\xC5\xBD"));
  CHECK(is_valid_utf8(fold_term("\xE4.\xB8\xAD")));
}

TEST_CASE("is_valid_utf8 accepts well-formed text", "[text][utf8]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("Juv\xC3\xA9" "derm"));           // 2 bytes
  CHECK(is_valid_utf8("\xE2\x82\xAC"));                 // € 3 bytes
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));             // 😀 4 bytes
  CHECK(is_valid_utf8("\xEF\xBF\xBF"));                 // U+FFFF
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));             // U+10FFFF, the last code point
  CHECK(is_valid_utf8(std::string("a\0b", 3)));         // NUL is a valid code point
}

TEST_CASE("is_valid_utf8 rejects malformed text", "[text][utf8]") {
  CHECK_FALSE(is_valid_utf8("\x80"));                   // lone continuation byte
  CHECK_FALSE(is_valid_utf8("\xC3"));                   // truncated
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));               // truncated
  CHECK_FALSE(is_valid_utf8("\xC3(" ));                 // bad continuation
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\xFE"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));               // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));               // overlong
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));           // overlong 3-byte
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));       // overlong 4-byte
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));           // U+D800, a surrogate
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));           // U+DFFF
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));       // U+110000, past the end
  CHECK_FALSE(is_valid_utf8("ok\xF5\x80\x80\x80"));
}

TEST_CASE("escape_controls makes terminal escape sequences visible", "[text][escape]") {
  SECTION("CSI") { CHECK(escape_controls("\x1b[2J\x1b[31mred") == "\\x1b[2J\\x1b[31mred"); }
  SECTION("OSC with BEL terminator") {
    CHECK(escape_controls("\x1b]0;owned\x07") == "\\x1b]0;owned\\x07");
  }
  SECTION("BEL, backspace, carriage return, tab, DEL") {
    CHECK(escape_controls("ding\a") == "ding\\x07");
    CHECK(escape_controls("safe\b\b\b\bevil") == "safe\\x08\\x08\\x08\\x08evil");
    CHECK(escape_controls("ok\rno") == "ok\\x0dno");
    CHECK(escape_controls("a\tb") == "a\\x09b");
    CHECK(escape_controls("a\x7f" "b") == "a\\x7fb");
    CHECK(escape_controls(std::string("a\0b", 3)) == "a\\x00b");
  }
  SECTION("newlines escaped unless kept") {
    CHECK(escape_controls("a\nb") == "a\\x0ab");
    CHECK(escape_controls("a\nb", true) == "a\nb");
    CHECK(escape_controls("a\r\nb", true) == "a\\x0d\nb");
  }
  SECTION("C1 controls, including the one-byte CSI U+009B") {
    CHECK(escape_controls("\xC2\x9B" "31m") == "\\u009b31m");
    CHECK(escape_controls("\xC2\x85") == "\\u0085");
    CHECK(escape_controls("\xC2\x80\xC2\x9F") == "\\u0080\\u009f");
  }
  SECTION("bidirectional overrides and isolates") {
    CHECK(escape_controls("abc\xE2\x80\xAE" "fdp.exe") == "abc\\u202efdp.exe");  // RLO
    CHECK(escape_controls("\xE2\x80\xAA") == "\\u202a");                        // LRE
    CHECK(escape_controls("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u2066x\\u2069");   // LRI … PDI
    CHECK(escape_controls("\xE2\x80\x8F") == "\\u200f");                        // RLM
    CHECK(escape_controls("\xD8\x9C") == "\\u061c");                            // ALM
  }
  SECTION("invalid UTF-8 bytes") {
    CHECK(escape_controls("a\xFF" "b") == "a\\xffb");
    CHECK(escape_controls("\x9B" "31m") == "\\x9b31m");    // a raw C1 byte is not UTF-8
    CHECK(escape_controls("\xC3(") == "\\xc3(");
    CHECK(escape_controls("\xED\xA0\x80") == "\\xed\\xa0\\x80");
  }
  SECTION("printable text, accents and emoji pass unchanged") {
    std::string text = "Juv\xC3\xA9" "derm \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 \xE2\x80\xA6 ~!";
    CHECK(escape_controls(text) == text);
  }
  SECTION("the result is always valid UTF-8 and free of controls") {
    std::string nasty = "\x1b\x07\xC2\x9B\xE2\x80\xAE\xFF\xC0\xAF\xED\xA0\x80";
    std::string out = escape_controls(nasty);
    CHECK(is_valid_utf8(out));
    for (char c : out) CHECK(static_cast<unsigned char>(c) >= 0x20);
  }
}

TEST_CASE("display_width counts terminal columns", "[text][width]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("Juv\xC3\xA9" "derm") == 8);                  // é is one column
  CHECK(display_width("Juve\xCC\x81" "derm") == 8);                  // combining acute adds none
  CHECK(display_width("\xE6\x97\xA5\xE6\x9C\xAC") == 4);            // 日本: wide
  CHECK(display_width("\xED\x95\x9C\xEA\xB5\xAD") == 4);            // 한국: wide
  CHECK(display_width("\xEF\xBC\xA1") == 2);                        // fullwidth A
  CHECK(display_width("\xF0\x9F\x98\x80") == 2);                    // 😀
  CHECK(display_width("a\xE2\x80\x8B" "b") == 2);                   // zero width space
  CHECK(display_width("\xE2\x80\xA6") == 1);                        // …
  CHECK(display_width("a\xFF") == 5);                               // shown as \xff
}

TEST_CASE("display_width takes widths from utf8proc: emoji two, marks none", "[text][width]") {
  CHECK(display_width("\xF0\x9F\x9A\x80") == 2);                    // 🚀 U+1F680
  CHECK(display_width("\xF0\x9F\xAB\xA0") == 2);                    // 🫠 U+1FAE0
  CHECK(display_width("\xE2\x9C\x85") == 2);                        // ✅ U+2705
  CHECK(display_width("\xE2\x8C\x9A") == 2);                        // ⌚ U+231A
  CHECK(display_width("\xEF\xBC\xA1\xEF\xBD\x82") == 4);            // fullwidth Ａｂ
  CHECK(display_width("\xE3\x80\x80") == 2);                        // ideographic space
  CHECK(display_width("a\xCC\x81\xCC\xA3") == 1);                   // a, acute, dot below
  CHECK(display_width("\xE0\xB8\x81\xE0\xB8\xB1") == 1);            // Thai ko kai, mai han-akat
  CHECK(display_width("\xE2\x98\xBA\xEF\xB8\x8F") == 1);            // ☺ and VS16: the selector adds none
  CHECK(display_width("1\xE2\x83\xA3") == 1);                       // 1 and COMBINING ENCLOSING KEYCAP
  CHECK(display_width("\xE2\x81\xA0") == 0);                        // word joiner
  CHECK(display_width("\xC2\x85") == 1);                             // a C1 control: a column, as before
}

// wrap() counts a two-byte character from U+00C0 to U+027F as one column without measuring it.
TEST_CASE("the accented letters wrap counts without measuring are one column each", "[text][width][wrap]") {
  for (char32_t cp = 0xC0; cp < 0x280; ++cp) {
    std::string letter{static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(display_width(letter) == 1);
    CHECK(escape_controls(letter) == letter);
  }
}

TEST_CASE("paragraphs split at blank lines and trim", "[text][wrap]") {
  auto parts = pairinfo::paragraphs("  first line\nstill first\n\n\n\n second  \n\n");
  REQUIRE(parts.size() == 2);
  CHECK(parts[0] == "first line\nstill first");
  CHECK(parts[1] == "second");
  CHECK(pairinfo::paragraphs("").empty());
  CHECK(pairinfo::paragraphs(" \n\n \n").empty());
}

TEST_CASE("wrap breaks greedily at spaces by display width", "[text][wrap]") {
  using lines = std::vector<std::string>;
  CHECK(wrap("the quick brown fox jumps", 10) == lines{"the quick", "brown fox", "jumps"});
  CHECK(wrap("exactly ten", 11) == lines{"exactly ten"});
  CHECK(wrap("exactly ten", 10) == lines{"exactly", "ten"});
  CHECK(wrap("a\nb\tc  d", 80) == lines{"a b c d"});
  CHECK(wrap("", 10) == lines{""});

  SECTION("indents, with a different first indent") {
    CHECK(wrap("aa bb cc", 5, "  ") == lines{"  aa", "  bb", "  cc"});
    CHECK(wrap("one two three four", 12, "    ", "  \xE2\x80\xA2 ") ==
          lines{"  \xE2\x80\xA2 one two", "    three", "    four"});
  }
  SECTION("a word longer than the line is kept whole") {
    CHECK(wrap("supercalifragilistic is long", 8) == lines{"supercalifragilistic", "is long"});
  }
  SECTION("wide and accented characters are measured in columns, not bytes") {
    std::string nihon = "\xE6\x97\xA5\xE6\x9C\xAC";  // 4 columns, 6 bytes
    CHECK(wrap(nihon + " " + nihon + " " + nihon, 9) == lines{nihon + " " + nihon, nihon});
    std::string accents = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // éééé: 4 columns, 8 bytes
    std::string text;
    for (int i = 0; i < 4; ++i) text += accents + " ";
    CHECK(wrap(text, 19) == lines{accents + " " + accents + " " + accents + " " + accents});
    CHECK(wrap(text, 18) == lines{accents + " " + accents + " " + accents, accents});
  }
  SECTION("a combining mark just past the width takes no column") {
    std::string e_acute = "e\xCC\x81";  // e and U+0301: 1 column
    CHECK(wrap("x " + e_acute + " y", 3) == lines{"x " + e_acute, "y"});
    CHECK(wrap("ab" + e_acute, 3) == lines{"ab" + e_acute});
  }
  SECTION("no line is wider than the width when every word fits") {
    std::string text = "Microneedling creates controlled micro-injuries that trigger collagen remodelling; "
                       "estradiol supports skin thickness and hydration in people with low oestrogen.";
    for (std::size_t width : {20u, 33u, 47u, 80u})
      for (const auto& line : wrap(text, width, "   ", " * ")) CHECK(display_width(line) <= width);
  }
}

TEST_CASE("fit pads or cuts to the width", "[text][fit]") {
  CHECK(fit("abc", 5) == "abc  ");
  CHECK(fit("abc", 3) == "abc");
  CHECK(fit("abcdef", 4) == "abc\xE2\x80\xA6");
  CHECK(fit("abcdef", 1) == "\xE2\x80\xA6");
  CHECK(fit("abc", 0) == "");
  CHECK(fit("Juv\xC3\xA9" "derm", 10) == "Juv\xC3\xA9" "derm  ");
  CHECK(fit("Juv\xC3\xA9" "derm", 5) == "Juv\xC3\xA9\xE2\x80\xA6");   // never cuts inside a character
  CHECK(fit("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5) == "\xE6\x97\xA5\xE6\x9C\xAC\xE2\x80\xA6");  // 日本…
}

// fit() is used to line up table columns; a cut before a wide character must still fill the width.
TEST_CASE("fit returns exactly the width even when a wide character is cut", "[text][fit]") {
  std::string cut = fit("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4);  // 日本語 into 4 columns
  CHECK(display_width(cut) == 4);
  CHECK(display_width(fit("a\xE6\x97\xA5\xE6\x9C\xAC", 4)) == 4);     // a日本 into 4 columns
}

TEST_CASE("edit_distance counts edits, an adjacent swap as one", "[text][distance]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("warfarin", "warfarin") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("warfarin", "warfrin") == 1);    // deletion
  CHECK(edit_distance("metformin", "metformni") == 1); // adjacent swap
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("ca", "abc") == 3);              // optimal string alignment, not full Damerau
  CHECK(edit_distance("estradiol", "estradoil") == edit_distance("estradoil", "estradiol"));
}

TEST_CASE("ascii_lower leaves non-ASCII bytes alone", "[text]") {
  CHECK(pairinfo::ascii_lower("\xC3\x89Tude ABC") == "\xC3\x89tude abc");
  CHECK(pairinfo::ascii_lower("\xC3\x89Tude").size() == std::string("\xC3\x89Tude").size());
}

TEST_CASE("escape_controls and display_width treat long text as the sum of its pieces", "[text][escape][width]") {
  // Long runs are handled eight bytes at a time; pieces are short, so each alone is not.
  std::mt19937 random(20261124);
  for (int round = 0; round < 300; ++round) {
    auto pieces = random_pieces(random, round % 40);
    std::string escaped, escaped_kept;
    std::size_t width = 0;
    for (const auto& piece : pieces) {
      escaped += escape_controls(piece);
      escaped_kept += escape_controls(piece, true);
      width += display_width(piece);
    }
    std::string text = joined(pieces);
    CHECK(escape_controls(text) == escaped);
    CHECK(escape_controls(text, true) == escaped_kept);
    CHECK(pairinfo::needs_escaping(text) == (escaped != text));
    CHECK(pairinfo::needs_escaping(text, true) == (escaped_kept != text));
    CHECK(display_width(text) == width);
  }
  // Every position of a non-ASCII byte in and around an eight-byte block.
  for (std::size_t at = 0; at < 20; ++at) {
    std::string text(20, 'a');
    text[at] = '\x01';
    CHECK(display_width(text) == 19 + display_width("\x01"));
    CHECK(escape_controls(text) == text.substr(0, at) + "\\x01" + text.substr(at + 1));
  }
}

TEST_CASE("escape_controls_into appends what escape_controls returns", "[text][escape]") {
  std::string out = "kept ";
  escape_controls_into(out, "a\x1b" "b\nc");
  CHECK(out == "kept a\\x1bb\\x0ac");
  escape_controls_into(out, "\nd", true);
  CHECK(out == "kept a\\x1bb\\x0ac\nd");
}

TEST_CASE("wrap matches word-by-word wrapping on any text", "[text][wrap]") {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text = joined(random_pieces(random, round % 60));
    std::size_t width = std::uniform_int_distribution<std::size_t>(0, 40)(random);
    for (auto [indent, first] : {std::pair<std::string_view, std::string_view>{"", ""}, {"    ", "  \xE2\x80\xA2 "},
                                 {"   ", ""}, {"", "Label: "}}) {
      INFO("text \"" << text << "\" width " << width << " indent \"" << indent << "\"");
      CHECK(wrap(text, width, indent, first) == reference_wrap(text, width, indent, first));
    }
  }
}

TEST_CASE("wrap_into appends the lines of wrap, each ending in a newline", "[text][wrap]") {
  std::string out = "before\n";
  wrap_into(out, "the quick brown fox jumps", 11, "  ", "- ");
  CHECK(out == "before\n- the quick\n  brown fox\n  jumps\n");
  out.clear();
  wrap_into(out, "", 10, "  ", "* ");
  CHECK(out == "* \n");  // one line, as wrap() gives
  out.clear();
  wrap_into(out, "  spaced   out\n\nwords  ", 80);
  CHECK(out == "spaced out words\n");
  out.clear();
  wrap_into(out, "exactly ten and more", 11, "", "");
  CHECK(out == "exactly ten\nand more\n");
}

TEST_CASE("fit and fit_into agree, whether the text is ASCII or not", "[text][fit]") {
  CHECK(fit("abcdef", 6) == "abcdef");
  CHECK(fit("abcdef", 5) == "abcd\xE2\x80\xA6");
  CHECK(fit("abc" "\xCC\x81", 3) == "abc" "\xCC\x81");       // a combining mark after a full line adds nothing
  CHECK(fit("abc" "\xC3\xA9", 3) == "ab\xE2\x80\xA6");       // abé into 3
  CHECK(fit("ab" "\xE6\x97\xA5", 3) == "ab\xE2\x80\xA6");    // a wide character does not fit in one column
  std::string out = "x";
  fit_into(out, "abcdef", 4);
  CHECK(out == "xabc\xE2\x80\xA6");
  out = "x";
  fit_into(out, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4);
  CHECK(out == "x" + fit("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 4));  // cutting never reaches into what was there
  std::mt19937 random(11);
  for (int round = 0; round < 500; ++round) {
    std::string text = escape_controls(joined(random_pieces(random, round % 12)));
    std::size_t width = round % 30;
    std::string cut = fit(text, width);
    CHECK(display_width(cut) == width);
    std::string appended = "prefix";
    fit_into(appended, text, width);
    CHECK(appended == "prefix" + cut);
  }
}

TEST_CASE("is_printable_ascii: space to tilde only", "[text]") {
  CHECK(pairinfo::is_printable_ascii(""));
  CHECK(pairinfo::is_printable_ascii("Plain text, 100% ASCII ~ all of it!"));
  CHECK_FALSE(pairinfo::is_printable_ascii("two\nlines"));
  CHECK_FALSE(pairinfo::is_printable_ascii("tab\there"));
  CHECK_FALSE(pairinfo::is_printable_ascii("del\x7f"));
  CHECK_FALSE(pairinfo::is_printable_ascii("Juv\xC3\xA9" "derm"));
  for (std::size_t at = 0; at < 20; ++at) {  // in and after an eight-byte block
    std::string text(20, 'a');
    text[at] = '\x1b';
    CHECK_FALSE(pairinfo::is_printable_ascii(text));
    CHECK(pairinfo::is_printable_ascii(text.substr(0, at)));
  }
}
