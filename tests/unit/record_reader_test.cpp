// Tests for record_reader: the fast path reads clean records exactly as the full decoder
// does, and gives up on anything the full decoder would report (or that it cannot vouch for).
#include <catch2/catch.hpp>
#include <string>

#include "pairinfo/load.hpp"
#include "pairinfo/record_reader.hpp"
#include "test_data.hpp"

using pairinfo::read_clean_pair_record;

namespace {

// The record as the full decoder reads it from a whole (small, so not lazily read) file.
pairinfo::PairRecord decoded_whole(const std::string& record, bool strict = false) {
  std::string text = R"({"format": "pairinfo", "format_version": 1,
    "interventions": [{"code": "AAA-001", "name": "Alpha"}, {"code": "BBB-001", "name": "Beta"}],
    "pairs": [)" + record + "]}";
  pairinfo::LoadOptions options;
  options.strict = strict;
  pairinfo::Dataset data = test_data::load_text(text, options);
  REQUIRE(data.pairs().size() == 1);
  return data.pairs()[0];
}

const std::string full_record = R"({
  "interventions": ["AAA-001", "bbb-001"],
  "title": "Alpha and Beta \u00e9 \ud83d\ude00 caf\u00c3 tab\there",
  "significance": "caution",
  "summary": "First paragraph, with \"quotes\" and a back\\slash.\n\nSecond: naïve café 漢字.",
  "mechanism": "How it works \/ why.",
  "evidence": {"summary": "Small studies.", "tier": "T3", "limitations": "Few."},
  "clinical_context": "Context.",
  "cautions": ["One.", "Two."],
  "takeaways": ["Take."],
  "faq": [{"answer": "Yes.", "question": "Is it?"}, {"question": "Why?", "answer": "Because."}],
  "reviewed": "2026-01-31",
  "references": []
})";

}  // namespace

TEST_CASE("a clean record reads as the full decoder reads it", "[record_reader]") {
  auto fast = read_clean_pair_record(full_record, true);
  REQUIRE(fast);
  pairinfo::PairRecord slow = decoded_whole(full_record, true);
  fast->layer = slow.layer;
  fast->pointer = slow.pointer;
  CHECK(*fast == slow);
  CHECK(fast->title == "Alpha and Beta \xC3\xA9 \xF0\x9F\x98\x80 caf\xC3\x83 tab\there");
  CHECK(fast->faq.size() == 2);
  CHECK(fast->evidence.tier == "T3");
  // Nothing is dropped from a whole record, so nothing is left unchecked either.
  for (bool strict : {false, true}) {
    auto unchecked = read_clean_pair_record(full_record, strict, pairinfo::RecordParts::whole, false);
    REQUIRE(unchecked);
    CHECK(*unchecked == *read_clean_pair_record(full_record, strict));
  }
}

TEST_CASE("a record with only its codes is clean, but not in strict mode", "[record_reader]") {
  const std::string bare = R"(  {"interventions" : [ "AAA-001" , "BBB-001" ] }  )";
  auto fast = read_clean_pair_record(bare, false);
  REQUIRE(fast);
  CHECK(fast->codes[1] == "BBB-001");
  CHECK(fast->cautions.empty());
  CHECK_FALSE(read_clean_pair_record(bare, true));
}

TEST_CASE("the fast path gives up on every problem the full decoder reports", "[record_reader]") {
  const char* bad[] = {
      R"({"interventions": ["AAA-001", "BBB-001"], "titel": "x"})",            // unknown key
      R"({"interventions": ["AAA-001", "BBB-001"], "title": "x", "title": "y"})",  // duplicate
      R"({"interventions": ["AAA-001", "BBB-001"], "title": "  \n"})",          // blank
      R"({"interventions": ["AAA-001", "BBB-001"], "title": 3})",               // not text
      R"({"interventions": ["AAA-001", "BBB-001"], "title": null})",
      R"({"interventions": ["AAA-001"]})",                                      // one code
      R"({"interventions": ["AAA-001", "BBB-001", "CCC-001"]})",                // three
      R"({"interventions": ["AAA-001", ""]})",
      R"({"title": "no codes"})",
      R"({"interventions": ["AAA-001", "BBB-001"], "reviewed": "2026-02-30"})",  // no such day
      R"({"interventions": ["AAA-001", "BBB-001"], "cautions": ["a",]})",       // trailing comma
      R"({"interventions": ["AAA-001", "BBB-001"],})",
      R"({"interventions": ["AAA-001", "BBB-001"] "title": "x"})",              // missing comma
      R"({"interventions": ["AAA-001", "BBB-001"], "cautions": "one"})",        // not a list
      R"({"interventions": ["AAA-001", "BBB-001"], "cautions": [""]})",
      R"({"interventions": ["AAA-001", "BBB-001"], "faq": [{"question": "Q?"}]})",  // no answer
      R"({"interventions": ["AAA-001", "BBB-001"], "faq": [{"question": "Q?", "answer": "A", "extra": 1}]})",
      R"({"interventions": ["AAA-001", "BBB-001"], "evidence": "T3"})",
      R"({"interventions": ["AAA-001", "BBB-001"], "evidence": {"tier": "T3", "tier": "T2"}})",
      R"({"interventions": ["AAA-001", "BBB-001"], "title": "lone \ud800 surrogate"})",
      R"({"interventions": ["AAA-001", "BBB-001"], "title": "bad \q escape"})",
      "{\"interventions\": [\"AAA-001\", \"BBB-001\"], \"title\": \"raw\ttab\"}",     // control character
      "{\"interventions\": [\"AAA-001\", \"BBB-001\"], \"title\": \"bad \xC3\x28 UTF-8\"}",
      R"({"interventions": ["AAA-001", "BBB-001"], "title": "unterminated)",
      R"({"interventions": ["AAA-001", "BBB-001"]} trailing)",
      R"(["AAA-001", "BBB-001"])",
      "",
  };
  for (const char* text : bad) {
    INFO(text);
    CHECK_FALSE(read_clean_pair_record(text, false));
  }
}

TEST_CASE("the fast path leaves to the full decoder what it cannot vouch for", "[record_reader]") {
  // Valid, but read the slow way: extension keys hold any JSON.
  const std::string extended = R"({"interventions": ["AAA-001", "BBB-001"], "x-note": {"any": [1, true]}})";
  CHECK_FALSE(read_clean_pair_record(extended, false));
  CHECK(decoded_whole(extended).codes[0] == "AAA-001");
}

TEST_CASE("a record read in part keeps those parts", "[record_reader]") {
  using pairinfo::RecordParts;
  for (bool check_dropped : {true, false}) {
    auto outline = read_clean_pair_record(full_record, false, RecordParts::outline, check_dropped);
    REQUIRE(outline);
    CHECK(outline->parts == RecordParts::outline);
    CHECK(outline->codes[1] == "bbb-001");
    CHECK(outline->title == "Alpha and Beta \xC3\xA9 \xF0\x9F\x98\x80 caf\xC3\x83 tab\there");
    CHECK(outline->significance == "caution");
    CHECK(outline->evidence.tier == "T3");
    CHECK(outline->summary.empty());
    CHECK(outline->cautions.empty());
    CHECK(outline->mechanism.empty());

    auto summary = read_clean_pair_record(full_record, false, RecordParts::summary, check_dropped);
    REQUIRE(summary);
    CHECK(summary->parts == RecordParts::summary);
    CHECK(summary->cautions.size() == 2);
    CHECK(summary->summary.substr(0, 16) == "First paragraph,");
    CHECK(summary->mechanism.empty());
    CHECK(summary->evidence.summary.empty());
    CHECK(summary->takeaways.empty());
    CHECK(summary->faq.empty());
    CHECK(summary->reviewed.empty());
  }
}

TEST_CASE("parts not kept are checked in full, or only for shape", "[record_reader]") {
  using pairinfo::RecordParts;
  // Wrong text in parts not kept: validate (check_dropped) sees it, a list does not.
  const char* bad_text[] = {
      R"({"interventions": ["A", "B"], "reviewed": "someday"})",
      R"({"interventions": ["A", "B"], "mechanism": " "})",
      R"({"interventions": ["A", "B"], "takeaways": ["bad \q escape"]})",
      R"({"interventions": ["A", "B"], "cautions": ["bad \q escape"]})",
      "{\"interventions\": [\"A\", \"B\"], \"faq\": [{\"question\": \"Q\xC3\", \"answer\": \"A\"}]}",
  };
  for (const char* text : bad_text) {
    INFO(text);
    CHECK_FALSE(read_clean_pair_record(text, false, RecordParts::outline, true));
    CHECK(read_clean_pair_record(text, false, RecordParts::outline, false));
    CHECK_FALSE(read_clean_pair_record(text, true, RecordParts::outline, false));  // strict checks all
  }
  // A wrong shape, or wrong text in a part kept, sends the record the slow way either way.
  const char* bad_shape[] = {
      R"({"interventions": ["A", "B"], "faq": [{"question": "Q?"}]})",
      R"({"interventions": ["A", "B"], "takeaways": "one"})",
      R"({"interventions": ["A", "B"], "mechanism": 3})",
      R"({"interventions": ["A", "B"], "mechanism": "unterminated \"})",
      R"({"interventions": ["A", "B"], "title": " "})",
      R"({"interventions": ["A", "B"], "significance": "bad \q escape"})",
      R"({"interventions": ["A", "B"], "extra": "x"})",
  };
  for (const char* text : bad_shape) {
    INFO(text);
    CHECK_FALSE(read_clean_pair_record(text, false, RecordParts::outline, false));
  }
  CHECK_FALSE(read_clean_pair_record(R"({"interventions": ["A", "B"], "cautions": ["bad \q escape"]})", false,
                                     RecordParts::summary, false));
  // Strict mode wants the whole article.
  CHECK_FALSE(read_clean_pair_record(R"({"interventions": ["A", "B"], "summary": "S."})", true, RecordParts::outline, false));
}

TEST_CASE("keys are matched as written or, when escaped, as decoded", "[record_reader]") {
  auto escaped = read_clean_pair_record(R"({"interventions": ["A", "B"], "titl\u0065": "T"})", false);
  REQUIRE(escaped);
  CHECK(escaped->title == "T");
  CHECK_FALSE(read_clean_pair_record("{\"interventions\": [\"A\", \"B\"], \"tit\tle\": \"T\"}", false));
  CHECK_FALSE(read_clean_pair_record(R"({"interventions": ["A", "B"], "title\u0000": "T"})", false));
  CHECK_FALSE(read_clean_pair_record(R"({"interventions": ["A", "B"], "title": "T", "titl\u0065": "U"})", false));
}

TEST_CASE("text skipped unchecked ends at the first quote not escaped", "[record_reader]") {
  using pairinfo::RecordParts;
  const std::string text =
      R"({"interventions": ["A", "B"], "mechanism": "a \"quoted\" word, a \\ and \\\" more \\", "title": "T",
          "takeaways": ["\\\\", "\""], "faq": [{"question": "\\", "answer": "x\"y"}]})";
  auto outline = read_clean_pair_record(text, false, RecordParts::outline, false);
  REQUIRE(outline);
  CHECK(outline->title == "T");
  auto whole = read_clean_pair_record(text, false);
  REQUIRE(whole);
  CHECK(whole->mechanism == R"(a "quoted" word, a \ and \" more \)");
  // A quote after an even number of backslashes ends the string; nothing valid follows here.
  CHECK_FALSE(read_clean_pair_record(R"({"interventions": ["A", "B"], "mechanism": "x\\"y"})", false,
                                     RecordParts::outline, false));
}
