// Tests for render_text: width kept (Unicode included), colour only when asked, data controls escaped,
// absent sections left out. The interventions are fictional.
#include <catch2/catch.hpp>
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "pairinfo/query.hpp"
#include "pairinfo/render_text.hpp"
#include "pairinfo/text.hpp"
#include "test_data.hpp"

using pairinfo::Dataset;
using pairinfo::TextStyle;

namespace {

const std::string accented_word = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // éééé: 4 columns, 8 bytes
const std::string wide_word = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";  // 日本語: 6 columns, 9 bytes

std::string words(const std::string& word, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += (i ? " " : "") + word;
  return out;
}

Dataset sample() {
  return test_data::load_text(R"({
  "name": "Sample layer",
  "interventions": [
    {"code": "AES-001", "name": "Needling", "category": "aesthetic", "aliases": ["skin needling"]},
    {"code": "HRM-001", "name": "Hormonex", "category": "hormone"},
    {"code": "DRG-002", "name": "Thinnerol", "category": "drug"}
  ],
  "pairs": [
    {"interventions": ["AES-001", "HRM-001"], "title": "Needling with Hormonex: what the record holds",
     "significance": "benefit", "reviewed": "2025-01-31",
     "summary": "The first paragraph of the summary runs long enough to need wrapping at every width the tests use.\n\n)" +
                              words(accented_word, 14) + "\\n\\n" + words(wide_word, 10) + R"(",
     "mechanism": "A paragraph about how it works, also long enough to be wrapped across several lines of output.",
     "evidence": {"tier": "T3", "summary": "What the studies looked at.", "limitations": "What they could not show."},
     "clinical_context": "When and for whom the combination is considered.",
     "cautions": ["A first caution that is written to be long enough to wrap onto a second line.", "A second."],
     "takeaways": ["One takeaway."],
     "faq": [{"question": "A question that someone might ask?", "answer": "An answer to that question."}],
     "references": ["A reference."]},
    {"interventions": ["AES-001", "DRG-002"]},
    {"interventions": ["HRM-001", "DRG-002"], "significance": "caution", "evidence": {"limitations": "Only this."}}
  ]
})");
}

// Data that tries to smuggle terminal controls into the output.
Dataset hostile() {
  return test_data::load_text(R"({
  "name": "Clinic\u001b[31m layer",
  "interventions": [
    {"code": "AAA-001", "name": "Alpha\u202e", "aliases": ["al\u001b[5mpha"]},
    {"code": "BBB-001", "name": "Beta\u001b]0;pwned\u0007"}
  ],
  "pairs": [
    {"interventions": ["AAA-001", "BBB-001"], "title": "Title \u001b[2J here", "significance": "avoid",
     "summary": "Ring\u0007 bell\r over", "cautions": ["Back\bspace"],
     "faq": [{"question": "Q\u009b?", "answer": "A."}]}
  ]
})");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Removes the SGR sequences the renderer adds for colour (ESC [ digits/semicolons m).
std::string strip_sgr(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      std::size_t j = i + 2;
      while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == ';')) ++j;
      if (j < text.size() && text[j] == 'm') {
        i = j;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

TextStyle style(std::size_t width, bool color = false, bool terminal = false) {
  TextStyle style;
  style.width = width;
  style.color = color;
  style.terminal = terminal;
  return style;
}

const pairinfo::PairRecord& record(const Dataset& data, const char* a, const char* b) {
  return data.pairs()[data.find_pair(a, b)];
}

// Every text renderer's output for the data, for sweeping checks.
std::vector<std::string> everything(const Dataset& data, const TextStyle& style) {
  std::vector<std::size_t> all_pairs, all_interventions;
  for (std::size_t i = 0; i < data.pairs().size(); ++i) all_pairs.push_back(i);
  for (std::size_t i = 0; i < data.interventions().size(); ++i) all_interventions.push_back(i);
  std::vector<std::pair<std::string, std::size_t>> resolved;
  for (std::size_t i = 0; i < data.interventions().size(); ++i) resolved.emplace_back(data.interventions()[i].name, i);
  resolved.emplace_back("again\x1b[1m", 0);
  std::vector<std::string> out;
  for (const auto& pair : data.pairs()) out.push_back(pairinfo::text_pair(data, pair, style));
  out.push_back(pairinfo::text_pair_lines(data, all_pairs, style));
  std::vector<pairinfo::SearchHit> hits;
  for (std::size_t i = 0; i < data.pairs().size(); ++i)
    if (auto summary = data.pairs()[i].text(pairinfo::Field::summary); !summary.empty())
      hits.push_back({i, 100, "summary", std::string(summary), {{0, 1}}});
  out.push_back(pairinfo::text_search(data, hits, style));
  out.push_back(pairinfo::text_interventions(data, all_interventions, style));
  out.push_back(pairinfo::text_scales(data, style));
  out.push_back(pairinfo::text_sources(data, style));
  out.push_back(pairinfo::text_check(data, pairinfo::check_regimen(data, resolved), false, style));
  out.push_back(pairinfo::text_check(data, pairinfo::check_regimen(data, resolved), true, style));
  return out;
}

}  // namespace

TEST_CASE("text_pair keeps every line within the width, counting columns", "[render_text][width]") {
  Dataset data = sample();
  const auto& full = record(data, "AES-001", "HRM-001");
  for (std::size_t width : {40u, 57u, 80u, 120u}) {
    for (bool color : {false, true}) {
      CAPTURE(width, color);
      std::string text = pairinfo::text_pair(data, full, style(width, color, true));
      for (const auto& line : lines_of(strip_sgr(text))) {
        CAPTURE(line);
        CHECK(pairinfo::display_width(line) <= width);
      }
    }
  }
}

TEST_CASE("text_pair fills lines of accented and wide text by columns, not bytes", "[render_text][width]") {
  Dataset data = sample();
  auto lines = lines_of(pairinfo::text_pair(data, record(data, "AES-001", "HRM-001"), style(40)));
  // Prose is indented by two: seven 4-column words fill 36 columns, five 6-column words 36.
  auto has_line = [&](const std::string& wanted) {
    return std::find(lines.begin(), lines.end(), wanted) != lines.end();
  };
  CHECK(has_line("  " + words(accented_word, 7)));
  CHECK(has_line("  " + words(wide_word, 5)));
}

TEST_CASE("text_pair shows every section present, in order", "[render_text][sections]") {
  Dataset data = sample();
  std::string text = pairinfo::text_pair(data, record(data, "HRM-001", "AES-001"), style(80));
  CHECK(text.rfind("AES-001 + HRM-001 \xC2\xB7 Needling + Hormonex\n", 0) == 0);
  std::vector<std::string> in_order{"Needling with Hormonex: what the record holds",
                                    "  Evidence tier  T3 (Limited): ",
                                    "  Significance   Beneficial combination: ",
                                    "  Reviewed       2025-01-31",
                                    "\nSummary\n",
                                    "\nHow it works\n",
                                    "\nWhat the evidence says\n",
                                    "  Limitations\n",
                                    "\nClinical context\n",
                                    "\nCautions: risk factors to weigh\n",
                                    "  \xE2\x80\xA2 A first caution",
                                    "\nKey takeaways\n",
                                    "\nFrequently asked questions\n",
                                    "  Q: A question that someone might ask?\n",
                                    "  A: An answer to that question.\n",
                                    "\nReferences\n",
                                    "\nInformational only: "};
  std::size_t from = 0;
  for (const auto& part : in_order) {
    CAPTURE(part);
    std::size_t at = text.find(part, from);
    CHECK(at != std::string::npos);
    if (at != std::string::npos) from = at + part.size();
  }
  // Paragraphs stay apart: a blank line between the summary's paragraphs.
  CHECK(text.find("use.\n\n  " + accented_word) != std::string::npos);
}

TEST_CASE("text_pair leaves out sections the record lacks", "[render_text][sections]") {
  Dataset data = sample();
  std::string bare = pairinfo::text_pair(data, record(data, "AES-001", "DRG-002"), style(100));
  for (const char* absent : {"Evidence tier", "Significance", "Reviewed", "Summary", "How it works",
                             "What the evidence says", "Limitations", "Clinical context", "Cautions",
                             "Key takeaways", "Frequently asked questions", "References", "Source"}) {
    CAPTURE(absent);
    CHECK(bare.find(absent) == std::string::npos);
  }
  CHECK(bare == "AES-001 + DRG-002 \xC2\xB7 Needling + Thinnerol\n\n\n" + std::string(pairinfo::disclaimer) + "\n");

  std::string limitations_only = pairinfo::text_pair(data, record(data, "HRM-001", "DRG-002"), style(80));
  CHECK(limitations_only.find("\nWhat the evidence says\n  Limitations\n  Only this.\n") != std::string::npos);
  CHECK(limitations_only.find("Summary") == std::string::npos);
}

TEST_CASE("verbose text names the source of the record", "[render_text]") {
  Dataset data = sample();
  TextStyle verbose = style(80);
  verbose.verbose = true;
  CHECK(pairinfo::text_pair(data, record(data, "AES-001", "DRG-002"), verbose).find("  Source         test.json /pairs/1\n") !=
        std::string::npos);
}

TEST_CASE("no escape sequences at all without colour", "[render_text][color]") {
  for (const Dataset& data : {sample(), hostile()}) {
    for (const auto& text : everything(data, style(60))) {
      CAPTURE(text);
      CHECK(text.find('\x1b') == std::string::npos);
    }
  }
}

TEST_CASE("with colour, the only escape sequences are the renderer's own SGR codes", "[render_text][color]") {
  Dataset data = sample();
  std::string coloured = pairinfo::text_pair(data, record(data, "AES-001", "HRM-001"), style(80, true));
  CHECK(coloured.find("\x1b[1mAES-001 + HRM-001\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[32mBeneficial combination\x1b[0m") != std::string::npos);
  // Colour changes nothing but the escape sequences.
  CHECK(strip_sgr(coloured) == pairinfo::text_pair(data, record(data, "AES-001", "HRM-001"), style(80)));
  for (const auto& text : everything(hostile(), style(60, true))) {
    CAPTURE(text);
    CHECK(strip_sgr(text).find('\x1b') == std::string::npos);
  }
}

TEST_CASE("control characters from the data are shown escaped", "[render_text][escape]") {
  Dataset data = hostile();
  std::string text = pairinfo::text_pair(data, data.pairs()[0], style(80));
  CHECK(text.find("Alpha\\u202e") != std::string::npos);
  CHECK(text.find("Beta\\x1b]0;pwned\\x07") != std::string::npos);
  CHECK(text.find("Title \\x1b[2J here") != std::string::npos);
  CHECK(text.find("Ring\\x07 bell\\x0d over") != std::string::npos);
  CHECK(text.find("Back\\x08space") != std::string::npos);
  CHECK(text.find("Q\\u009b?") != std::string::npos);

  for (const auto& out : everything(data, style(80, true))) {
    CAPTURE(out);
    for (char raw : {'\x07', '\x08', '\r'}) CHECK(out.find(raw) == std::string::npos);
    CHECK(out.find("\xE2\x80\xAE") == std::string::npos);  // U+202E itself
    CHECK(out.find("\xC2\x9B") == std::string::npos);      // U+009B itself
    CHECK(pairinfo::is_valid_utf8(out));
  }
  CHECK(pairinfo::text_sources(data, style(80)).find("(Clinic\\x1b[31m layer)") != std::string::npos);
  std::vector<std::size_t> both{0, 1};
  CHECK(pairinfo::text_interventions(data, both, style(200)).find("al\\x1b[5mpha") != std::string::npos);
}

TEST_CASE("text_scales lists both scales in order with their symbols", "[render_text]") {
  Dataset data = sample();
  std::string text = pairinfo::text_scales(data, style(80));
  CHECK(text.rfind("Evidence tiers (strongest first)\n  T1          Strong\n", 0) == 0);
  std::size_t t4 = text.find("  T4          Very limited\n");
  std::size_t significance = text.find("\nClinical significance (least to most serious)\n");
  std::size_t avoid = text.find("  avoid       Avoid [X]\n");
  CHECK(t4 != std::string::npos);
  CHECK(significance != std::string::npos);
  CHECK(avoid != std::string::npos);
  CHECK(t4 < significance);
  CHECK(significance < avoid);
  for (const auto& line : lines_of(text)) CHECK(pairinfo::display_width(line) <= 80);
}

// A scale id shorter than 11 bytes whose escaped form is wider than 11 columns makes the
// padding computation wrap around: std::string(huge, ' ') throws std::length_error.
TEST_CASE("text_scales survives a scale id whose escaped form is wide", "[render_text][escape]") {
  Dataset data = test_data::load_text(
      R"({"scales": {"tiers": [{"id": "\u202e\u202e", "name": "Odd", "description": "d"}]},
          "interventions": [{"code": "A-1", "name": "One"}]})");
  std::string text;
  REQUIRE_NOTHROW(text = pairinfo::text_scales(data, style(80)));
  CHECK(text.find("\\u202e\\u202e") != std::string::npos);
}

TEST_CASE("text_pair_lines: one whole line per record when piped, cut to the width on a terminal", "[render_text]") {
  Dataset data = sample();
  std::vector<std::size_t> records{data.find_pair("AES-001", "HRM-001"), data.find_pair("AES-001", "DRG-002")};
  auto piped = lines_of(pairinfo::text_pair_lines(data, records, style(40)));
  REQUIRE(piped.size() == 2);
  CHECK(piped[0].rfind("AES-001 + HRM-001 ", 0) == 0);
  CHECK(piped[0].find("Beneficial combination") != std::string::npos);
  CHECK(piped[0].find("Needling with Hormonex: what the record holds") != std::string::npos);
  CHECK(piped[1].find(" - ") != std::string::npos);  // no tier

  auto on_terminal = lines_of(pairinfo::text_pair_lines(data, records, style(100, false, true)));
  REQUIRE(on_terminal.size() == 2);
  CHECK(pairinfo::display_width(on_terminal[0]) == 100);
  CHECK(on_terminal[0].substr(on_terminal[0].size() - 3) == "\xE2\x80\xA6");
  CHECK(on_terminal[1].find("Needling + Thinnerol") != std::string::npos);
  CHECK(pairinfo::display_width(on_terminal[1]) <= 100);
}

// TextStyle::terminal promises lines cut to the width; the fixed columns alone take 71.
TEST_CASE("text_pair_lines on a narrow terminal still fits the width", "[render_text]") {
  Dataset data = sample();
  std::vector<std::size_t> records{data.find_pair("AES-001", "HRM-001")};
  for (const auto& line : lines_of(pairinfo::text_pair_lines(data, records, style(60, false, true))))
    CHECK(pairinfo::display_width(line) <= 60);
}

TEST_CASE("text_check lists records most serious first and the pairs without one", "[render_text][check]") {
  Dataset data = sample();
  std::vector<std::pair<std::string, std::size_t>> resolved{
      {"needling", data.find_code("AES-001")}, {"hormonex", data.find_code("HRM-001")},
      {"thinnerol", data.find_code("DRG-002")}, {"skin needling", data.find_code("AES-001")}};
  auto check = pairinfo::check_regimen(data, resolved);
  std::string text = pairinfo::text_check(data, check, false, style(80));
  CHECK(text.rfind("Regimen check: 3 interventions, 3 pairs with a record, 0 without\n", 0) == 0);
  CHECK(text.find("Note: \"skin needling\" is AES-001 (Needling), already listed; counted once.") != std::string::npos);
  std::size_t caution = text.find("Hormonex + Thinnerol");
  std::size_t benefit = text.find("Needling + Hormonex");
  REQUIRE(caution != std::string::npos);
  REQUIRE(benefit != std::string::npos);
  CHECK(caution < benefit);
  CHECK(text.find("Pairs without a record") == std::string::npos);
  for (const auto& line : lines_of(text)) CHECK(pairinfo::display_width(line) <= 80);

  Dataset fewer = test_data::load_text(R"({"interventions": [{"code": "A-1", "name": "One"}, {"code": "B-1", "name": "Two"}]})");
  auto none = pairinfo::check_regimen(fewer, {{"one", 0}, {"two", 1}});
  std::string missing = pairinfo::text_check(fewer, none, false, style(80));
  CHECK(missing.find("Pairs without a record\n  One + Two  (A-1 + B-1)\n") != std::string::npos);
  CHECK(missing.find("No record is not evidence that a combination is safe") != std::string::npos);
}

// Codes are for copying: a cut code ("SYN-00519 + SYN-0…") is useless, so the code column grows
// to the widest pair listed and the later columns give way.
TEST_CASE("text_pair_lines never cuts codes; the code column fits the widest pair", "[render_text]") {
  Dataset data = test_data::load_text(R"({
  "interventions": [
    {"code": "SYN-00000519", "name": "Betemo"},
    {"code": "SYN-00001182", "name": "Kumoro"},
    {"code": "A-1", "name": "Alpha"}
  ],
  "pairs": [
    {"interventions": ["SYN-00000519", "SYN-00001182"], "significance": "avoid", "evidence": {"tier": "T2"}},
    {"interventions": ["SYN-00000519", "A-1"], "title": "Short codes line up with long ones"}
  ]
})");
  std::vector<std::size_t> records{data.find_pair("SYN-00000519", "SYN-00001182"), data.find_pair("SYN-00000519", "A-1")};
  const std::string long_pair = "SYN-00000519 + SYN-00001182";  // 27 columns, past the usual 18
  auto piped = lines_of(pairinfo::text_pair_lines(data, records, style(80)));
  REQUIRE(piped.size() == 2);
  CHECK(piped[0].rfind(long_pair + "  Betemo + Kumoro ", 0) == 0);
  CHECK(piped[1].rfind("SYN-00000519 + A-1" + std::string(long_pair.size() - 18 + 2, ' ') + "Betemo + Alpha ", 0) == 0);
  CHECK(piped[0].find("Betemo + Kumoro") == piped[1].find("Betemo + Alpha"));  // columns still line up
  CHECK(piped[0].find("\xE2\x80\xA6") == std::string::npos);

  // On a narrow terminal the names and what follows are cut, never the codes.
  for (std::size_t width : {100u, 60u, 40u}) {
    for (const auto& line : lines_of(pairinfo::text_pair_lines(data, records, style(width, true, true)))) {
      CHECK(line.rfind("SYN-00000519 + ", 0) == 0);
      CHECK(pairinfo::display_width(strip_sgr(line)) <= width);
    }
    CHECK(lines_of(pairinfo::text_pair_lines(data, records, style(width, false, true)))[0].rfind(long_pair + "  ", 0) == 0);
  }

  // Short codes keep the 18-column layout: one record alone, as before.
  Dataset short_codes = sample();
  auto line = lines_of(pairinfo::text_pair_lines(short_codes, {short_codes.find_pair("AES-001", "HRM-001")}, style(80)));
  REQUIRE(line.size() == 1);
  CHECK(line[0].rfind("AES-001 + HRM-001   Needling + Hormonex", 0) == 0);
}

TEST_CASE("text_pair_brief: verdict, summary start, cautions and disclaimer in about 20 lines", "[render_text]") {
  Dataset data = sample();
  const auto& record = data.pairs()[data.find_pair("AES-001", "HRM-001")];
  std::string text = pairinfo::text_pair_brief(data, record, style(80));
  auto lines = lines_of(text);
  CHECK(lines.size() <= 22);
  CHECK(text.find("Verdict   Beneficial combination") != std::string::npos);
  CHECK(text.find("Evidence  T3") != std::string::npos);
  CHECK(text.find("• A first caution") != std::string::npos);
  CHECK(text.find("• A second.") != std::string::npos);
  CHECK(text.find(pairinfo::disclaimer) == std::string::npos);  // wrapped, so look for its start
  CHECK(text.find("Informational only") != std::string::npos);
  CHECK(text.find("How it works") == std::string::npos);  // the rest of the record is left out
  for (const auto& line : lines) CHECK(pairinfo::display_width(line) <= 80);
}
