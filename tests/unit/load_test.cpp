// Tests for load: decoding data files, every format rule with its pointer and line:column, strict mode, layers.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pairinfo/bundled.hpp"
#include "pairinfo/json_parse.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/record_fields.hpp"
#include "pairinfo/text.hpp"
#include "test_data.hpp"

using pairinfo::DataError;
using pairinfo::DataSource;
using pairinfo::Diagnostic;
using pairinfo::LoadOptions;
using test_data::load_text;
using test_data::problems_in;
using test_data::TempDir;

namespace {

// A data file with three interventions; `pairs` goes inside "pairs": [ ... ] from line 10 on
// (line 11 when `more_interventions`, appended after the third intervention, adds one line).
std::string document(const std::string& pairs, const std::string& more_interventions = "") {
  return "{\n"
         "  \"format\": \"pairinfo\",\n"
         "  \"format_version\": 1,\n"
         "  \"interventions\": [\n"
         "    {\"code\": \"AAA-001\", \"name\": \"Alpha\", \"category\": \"drug\"},\n"
         "    {\"code\": \"BBB-001\", \"name\": \"Beta\"},\n"
         "    {\"code\": \"CCC-001\", \"name\": \"Gamma\", \"aliases\": [\"G\"]}" +
         more_interventions +
         "\n"
         "  ],\n"
         "  \"pairs\": [\n" +
         pairs +
         "\n"
         "  ]\n"
         "}\n";
}

const std::string good_pair = R"(    {"interventions": ["AAA-001", "BBB-001"]})";

struct Place {
  std::size_t line = 1;
  std::size_t column = 1;
};

// Where the only occurrence of `needle` in an ASCII `text` starts, counted by hand.
Place place_of(const std::string& text, const std::string& needle) {
  std::size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(needle, at + 1) == std::string::npos);
  Place place;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++place.line;
      place.column = 1;
    } else {
      ++place.column;
    }
  }
  return place;
}

// The text must produce exactly one problem: this message, at this pointer, at this place.
void expect_problem_at(const std::string& text, const std::string& pointer, Place place, const std::string& message,
                       const LoadOptions& options = {}) {
  CAPTURE(text);
  auto problems = problems_in(text, options);
  REQUIRE(problems.size() == 1);
  const Diagnostic& problem = problems[0];
  CHECK(problem.file == "test.json");
  CHECK(problem.message == message);
  CHECK(problem.pointer == pointer);
  CHECK(problem.line == place.line);
  CHECK(problem.column == place.column);
}

// The same, with the place given as the text the diagnostic must point at.
void expect_problem(const std::string& text, const std::string& pointer, const std::string& needle,
                    const std::string& message, const LoadOptions& options = {}) {
  expect_problem_at(text, pointer, place_of(text, needle), message, options);
}

std::string full_pair(const std::string& codes) {
  return "    {\"interventions\": " + codes + R"(, "title": "Alpha and Beta", "significance": "monitor",
     "summary": "First paragraph.\n\nSecond paragraph.", "mechanism": "How.",
     "evidence": {"tier": "T2", "summary": "What the studies show.", "limitations": "What they miss."},
     "clinical_context": "Context.", "cautions": ["Caution one."], "takeaways": ["Takeaway one."],
     "faq": [{"question": "Question?", "answer": "Answer."}], "reviewed": "2024-02-29",
     "review": {"status": "draft"}, "references": ["Reference one."]})";
}


}  // namespace

TEST_CASE("a minimal record loads", "[load]") {
  auto data = load_text(document(good_pair));
  REQUIRE(data.interventions().size() == 3);
  REQUIRE(data.pairs().size() == 1);
  const auto& record = data.pairs()[0];
  CHECK(record.codes[0] == "AAA-001");
  CHECK(record.codes[1] == "BBB-001");
  CHECK(record.pointer == "/pairs/0");
  CHECK(record.text(pairinfo::Field::title).empty());
  CHECK(record.text(pairinfo::Field::summary).empty());
  CHECK(record.text(pairinfo::Field::tier).empty());
  CHECK(record.list(pairinfo::Field::cautions).empty());
  CHECK(data.interventions()[0].category == "drug");
  CHECK(data.interventions()[2].aliases.size() == 1);
  CHECK(data.interventions()[2].aliases[0] == "G");
  CHECK(data.interventions()[2].position == 2);
  REQUIRE(data.layers().size() == 1);
  CHECK(data.layers()[0].source == "test.json");
  CHECK(data.layers()[0].interventions == 3);
  CHECK(data.layers()[0].pairs == 1);
  // Without "scales" the default ones apply.
  CHECK(data.scales().tiers.entries.size() == 4);
  CHECK(data.scales().tiers.find("T1") != nullptr);
  CHECK(data.scales().significance.find("avoid") != nullptr);
}

TEST_CASE("a full record loads every field", "[load]") {
  auto data = load_text(document(full_pair(R"(["AAA-001", "BBB-001"])")));
  REQUIRE(data.pairs().size() == 1);
  const auto& record = data.pairs()[0];
  CHECK(record.text(pairinfo::Field::title) == "Alpha and Beta");
  CHECK(record.text(pairinfo::Field::significance) == "monitor");
  CHECK(record.text(pairinfo::Field::summary) == "First paragraph.\n\nSecond paragraph.");
  CHECK(record.text(pairinfo::Field::mechanism) == "How.");
  CHECK(record.text(pairinfo::Field::tier) == "T2");
  CHECK(record.text(pairinfo::Field::evidence_summary) == "What the studies show.");
  CHECK(record.text(pairinfo::Field::limitations) == "What they miss.");
  CHECK(record.text(pairinfo::Field::clinical_context) == "Context.");
  CHECK(record.list(pairinfo::Field::cautions) == std::vector<std::string>{"Caution one."});
  CHECK(record.list(pairinfo::Field::takeaways) == std::vector<std::string>{"Takeaway one."});
  REQUIRE(record[pairinfo::Field::faq].size() == 1);
  CHECK(record[pairinfo::Field::faq][0]["question"] == "Question?");
  CHECK(record[pairinfo::Field::faq][0]["answer"] == "Answer.");
  CHECK(record.text(pairinfo::Field::reviewed) == "2024-02-29");
  CHECK(record[pairinfo::Field::references] == nlohmann::json::parse(R"([{"citation": "Reference one."}])"));
}

TEST_CASE("an unknown intervention code", "[load][rules]") {
  std::string text = document(R"(    {"interventions": ["AAA-001", "ZZZ-999"]})");
  expect_problem_at(text, "/pairs/0/interventions/1", {10, 35},
                    "unknown intervention code \"ZZZ-999\": no data layer defines it");
  expect_problem(text, "/pairs/0/interventions/1", "\"ZZZ-999\"",
                 "unknown intervention code \"ZZZ-999\": no data layer defines it");
}

TEST_CASE("a pair defined twice in one file, in either order", "[load][rules]") {
  SECTION("same order") {
    expect_problem_at(document(good_pair + ",\n" + good_pair), "/pairs/1/interventions", {11, 23},
                      "the pair AAA-001 + BBB-001 is already defined in this file at /pairs/0");
  }
  SECTION("reversed") {
    std::string text = document(good_pair + ",\n" + R"(    {"interventions": ["BBB-001", "AAA-001"]})");
    expect_problem(text, "/pairs/1/interventions", "[\"BBB-001\"",
                   "the pair BBB-001 + AAA-001 is already defined in this file at /pairs/0");
  }
  SECTION("codes in another case") {
    std::string text = document(good_pair + ",\n" + R"(    {"interventions": ["bbb-001", "aaa-001"]})");
    expect_problem(text, "/pairs/1/interventions", "[\"bbb-001\"",
                   "the pair bbb-001 + aaa-001 is already defined in this file at /pairs/0");
  }
}

TEST_CASE("a pair of an intervention with itself", "[load][rules]") {
  std::string text = document(R"(    {"interventions": ["AAA-001", "aaa-001"]})");
  expect_problem(text, "/pairs/0/interventions/1", "\"aaa-001\"", "a pair of \"AAA-001\" with itself");
}

TEST_CASE("an intervention code defined twice in one file", "[load][rules]") {
  std::string text = document(good_pair, ",\n    {\"code\": \"aaa-001\", \"name\": \"Alpha again\"}");
  expect_problem(text, "/interventions/3/code", "\"aaa-001\"",
                 "code \"aaa-001\" is defined twice in this file (first at /interventions/0)");
}

TEST_CASE("a name or alias that would name two interventions", "[load][rules]") {
  SECTION("an alias that folds to another's name") {
    std::string text = document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"Delta\", \"aliases\": [\"B-eta\"]}");
    // "B-eta" folds to "b eta", not "beta": no clash.
    CHECK(problems_in(text).empty());
    text = document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"Delta\", \"aliases\": [\"BETA\"]}");
    expect_problem(text, "/interventions/3/aliases/0", "\"BETA\"",
                   "\"beta\" would name both BBB-001 (Beta) and DDD-001 (Delta)");
  }
  SECTION("an accented alias") {
    std::string text = document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"Delta\", \"aliases\": [\"x\", \"B\xC3\xA9ta\"]}");
    auto problems = problems_in(text);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].pointer == "/interventions/3/aliases/1");
    CHECK(problems[0].message == "\"beta\" would name both BBB-001 (Beta) and DDD-001 (Delta)");
    CHECK(problems[0].line == 8);
    CHECK(problems[0].column == 59);
  }
  SECTION("two aliases: allowed, and the user is asked which is meant") {
    std::string text = document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"Delta\", \"aliases\": [\"g\"]}");
    CHECK(problems_in(text).empty());
  }
  SECTION("a name that is another's code") {
    std::string text = document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"aaa 001\"}");
    expect_problem(text, "/interventions/3/name", "\"aaa 001\"",
                   "\"aaa 001\" would name both AAA-001 (Alpha) and DDD-001 (aaa 001)");
  }
}

TEST_CASE("an evidence tier or significance the scales do not define", "[load][rules]") {
  std::string tier = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "evidence": {"tier": "T9"}})");
  expect_problem(tier, "/pairs/0/evidence/tier", "\"T9\"", "tier \"T9\" is not defined by the tier scale");
  std::string significance = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "significance": "risky"})");
  expect_problem(significance, "/pairs/0/significance", "\"risky\"",
                 "significance \"risky\" is not defined by the significance scale");
  // Ids, not names, and case matters.
  std::string by_name = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "significance": "Avoid"})");
  expect_problem(by_name, "/pairs/0/significance", "\"Avoid\"",
                 "significance \"Avoid\" is not defined by the significance scale");
}

TEST_CASE("the rule checks skip no record: codes in any case, scale values checked each on its own", "[load][rules]") {
  // The index passes that look for undefined codes and scale values run only when a value
  // put is undefined: a known code in small letters and a defined tier are no reason to.
  std::string text = document(R"(    {"interventions": ["aaa-001", "BBB-001"], "evidence": {"tier": "T2"}, "significance": "Risky"})");
  expect_problem(text, "/pairs/0/significance", "\"Risky\"",
                 "significance \"Risky\" is not defined by the significance scale");
  CHECK(problems_in(document(R"(    {"interventions": ["aaa-001", "bbb-001"], "significance": "monitor"})")).empty());
}

TEST_CASE("scales: non-empty, complete entries, each id once", "[load][rules]") {
  auto with_scales = [](const std::string& scales) {
    return "{\n  \"scales\": " + scales + ",\n  \"interventions\": [{\"code\": \"AAA-001\", \"name\": \"Alpha\"}]\n}";
  };
  expect_problem(with_scales(R"({"tiers": []})"), "/scales/tiers", "[]",
                 "a scale must be a non-empty array of {id, name, description}");
  expect_problem(with_scales(R"({"tiers": [{"id": "T1", "name": "One", "description": "d"},
                                           {"id": "T1", "name": "Again", "description": "d"}]})"),
                 "/scales/tiers/1/id", "\"T1\", \"name\": \"Again\"", "the scale defines \"T1\" twice");
  expect_problem(with_scales(R"({"significance": [{"id": "low", "name": "Low"}]})"), "/scales/significance/0",
                 "{\"id\": \"low\"", "missing required key \"description\"");
  expect_problem(with_scales(R"({"significance": [{"id": "low", "name": "Low", "description": "d", "colour": "red"}]})"),
                 "/scales/significance/0/colour", "\"red\"", "unknown key \"colour\" (extensions must start with \"x-\")");
  expect_problem(with_scales(R"({"levels": []})"), "/scales/levels", "[]",
                 "unknown key \"levels\" (extensions must start with \"x-\")");
  expect_problem(with_scales(R"(["T1"])"), "/scales", "[\"T1\"]", "expected an object, found an array");
  auto data = load_text(with_scales(R"({"significance": [{"id": "low", "name": "Low", "description": "d", "symbol": "-"}]})"));
  REQUIRE(data.scales().significance.entries.size() == 1);
  CHECK(data.scales().significance.entries[0].symbol == "-");
  CHECK(data.scales().tiers.entries.size() == 4);  // the part not given keeps the default
}

TEST_CASE("a reviewed date that is not a real YYYY-MM-DD date", "[load][rules]") {
  for (std::string date : {"2025-02-30", "2023-02-29", "2025-13-01", "2025-1-1", "01/02/2025", "2025-01-01T00:00"}) {
    std::string text = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "reviewed": ")" + date + "\"}");
    expect_problem(text, "/pairs/0/reviewed", "\"" + date + "\"",
                   "\"reviewed\" must be a date as YYYY-MM-DD, found \"" + date + "\"");
  }
  CHECK(problems_in(document(R"(    {"interventions": ["AAA-001", "BBB-001"], "reviewed": "2024-02-29"})")).empty());
}

TEST_CASE("is_valid_date knows the calendar", "[load]") {
  using pairinfo::is_valid_date;
  CHECK(is_valid_date("2025-01-31"));
  CHECK(is_valid_date("2024-02-29"));
  CHECK(is_valid_date("2000-02-29"));
  CHECK(is_valid_date("2025-12-31"));
  CHECK_FALSE(is_valid_date("1900-02-29"));
  CHECK_FALSE(is_valid_date("2023-02-29"));
  CHECK_FALSE(is_valid_date("2025-04-31"));
  CHECK_FALSE(is_valid_date("2025-00-10"));
  CHECK_FALSE(is_valid_date("2025-01-00"));
  CHECK_FALSE(is_valid_date("2025-01-1a"));
  CHECK_FALSE(is_valid_date("2025/01/01"));
  CHECK_FALSE(is_valid_date(""));
  CHECK_FALSE(is_valid_date("2025-01-011"));
}

TEST_CASE("empty text where text is expected", "[load][rules]") {
  expect_problem(document(R"(    {"interventions": ["AAA-001", "BBB-001"], "title": " \n "})"), "/pairs/0/title",
                 "\" \\n \"", "\"title\" must not be empty");
  expect_problem(document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"\"}"), "/interventions/3/name",
                 "\"\"}", "\"name\" must not be empty");
  expect_problem(document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"Delta\", \"aliases\": [\"\"]}"),
                 "/interventions/3/aliases/0", "\"\"]", "each item of \"aliases\" must not be empty");
  expect_problem(document(R"(    {"interventions": ["AAA-001", ""]})"), "/pairs/0/interventions/1", "\"\"]",
                 "a code must not be empty");
}

TEST_CASE("values of the wrong type", "[load][rules]") {
  auto pair_with = [](const std::string& fields) {
    return document(R"(    {"interventions": ["AAA-001", "BBB-001"], )" + fields + "}");
  };
  expect_problem(pair_with(R"("summary": 42)"), "/pairs/0/summary", "42", "\"summary\" must be text, found a number");
  expect_problem(pair_with(R"("cautions": "be careful")"), "/pairs/0/cautions", "\"be careful\"",
                 "\"cautions\" must be an array, found a string");
  expect_problem(pair_with(R"("takeaways": ["ok", null])"), "/pairs/0/takeaways/1", "null",
                 "each item of \"takeaways\" must be text, found null");
  expect_problem(pair_with(R"("evidence": ["T1"])"), "/pairs/0/evidence", "[\"T1\"]",
                 "expected an object, found an array");
  expect_problem(pair_with(R"("title": true)"), "/pairs/0/title", "true", "\"title\" must be text, found a boolean");
  expect_problem(pair_with(R"("faq": [{"question": "Why?"}])"), "/pairs/0/faq/0", "{\"question\"",
                 "missing required key \"answer\"");
  expect_problem(pair_with(R"("faq": ["Why?"])"), "/pairs/0/faq/0", "\"Why?\"", "expected an object, found a string");

  expect_problem(document(R"(    {"interventions": ["AAA-001"]})"), "/pairs/0/interventions", "[\"AAA-001\"]",
                 "\"interventions\" must be an array of exactly two codes");
  expect_problem(document(R"(    {"interventions": ["AAA-001", "BBB-001", "CCC-001"]})"), "/pairs/0/interventions",
                 "[\"AAA-001\", \"BBB", "\"interventions\" must be an array of exactly two codes");
  expect_problem(document(R"(    {"interventions": ["AAA-001", 7]})"), "/pairs/0/interventions/1", "7]",
                 "a code must be text, found a number");
  expect_problem(document(R"(    {"title": "No codes"})"), "/pairs/0", "{\"title\"",
                 "missing required key \"interventions\" (the two codes of the pair)");
  expect_problem(document(R"(    "AAA-001 + BBB-001")"), "/pairs/0", "\"AAA-001 + BBB-001\"",
                 "expected an object, found a string");
  expect_problem(document(good_pair, ",\n    {\"code\": \"DDD-001\"}"), "/interventions/3", "{\"code\": \"DDD",
                 "missing required key \"name\"");
  expect_problem(document(good_pair, ",\n    {\"code\": \"DDD 001\", \"name\": \"Delta\"}"), "/interventions/3/code",
                 "\"DDD 001\"", "a code may hold only letters, digits, '-', '_' and '.'");
  expect_problem(document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"Delta\", \"aliases\": \"D\"}"),
                 "/interventions/3/aliases", "\"D\"", "\"aliases\" must be an array, found a string");

  std::string not_object = "[\n  {\"format\": \"pairinfo\"}\n]\n";
  expect_problem_at(not_object, "", {1, 1}, "the data file must be a JSON object, not an array");
  std::string wrong_format = R"({"format": "other", "format_version": 1, "interventions": []})";
  expect_problem(wrong_format, "/format", "\"other\"", "\"format\" must be the string \"pairinfo\"");
  std::string wrong_version = R"({"format": "pairinfo", "format_version": 2, "interventions": []})";
  expect_problem(wrong_version, "/format_version", "2", "this version of pairinfo reads format_version 1");
  std::string pairs_object = R"({"interventions": [], "pairs": {}})";
  expect_problem(pairs_object, "/pairs", "{}", "\"pairs\" must be an array, found an object");
  std::string empty_file = R"({"format": "pairinfo", "format_version": 1})";
  expect_problem_at(empty_file, "", {1, 1}, "the data file defines neither \"interventions\" nor \"pairs\"");
}

TEST_CASE("unknown keys are errors; keys starting with x- are extensions", "[load][rules]") {
  expect_problem(document(R"(    {"interventions": ["AAA-001", "BBB-001"], "colour": "red"})"), "/pairs/0/colour",
                 "\"red\"", "unknown key \"colour\" (extensions must start with \"x-\")");
  expect_problem(document(R"(    {"interventions": ["AAA-001", "BBB-001"], "evidence": {"grade": "B"}})"),
                 "/pairs/0/evidence/grade", "\"B\"", "unknown key \"grade\" (extensions must start with \"x-\")");
  expect_problem(document(R"(    {"interventions": ["AAA-001", "BBB-001"], "a/b~c": 1})"), "/pairs/0/a~1b~0c", "1}",
                 "unknown key \"a/b~c\" (extensions must start with \"x-\")");
  expect_problem(document(good_pair, ",\n    {\"code\": \"DDD-001\", \"name\": \"Delta\", \"Summary\": \"s\"}"),
                 "/interventions/3/Summary", "\"s\"", "unknown key \"Summary\" (extensions must start with \"x-\")");
  expect_problem(R"({"interventions": [], "pair": []})", "/pair", "[]}",
                 "unknown key \"pair\" (extensions must start with \"x-\")");

  std::string extended = R"({
  "format": "pairinfo", "format_version": 1, "x-maintainer": {"team": "clinic"},
  "scales": {"x-note": 1,
             "tiers": [{"id": "T1", "name": "Strong", "description": "d", "x-colour": "green"}]},
  "categories": [{"id": "drug", "name": "Drug", "x-order": 2}],
  "interventions": [{"code": "AAA-001", "name": "Alpha", "x-rxnorm": "123"},
                    {"code": "BBB-001", "name": "Beta"}],
  "pairs": [{"interventions": ["AAA-001", "BBB-001"], "x-id": 7,
             "evidence": {"tier": "T1", "x-grade": "B"},
             "faq": [{"question": "Q?", "answer": "A.", "x-source": "desk"}]}]
})";
  CHECK(problems_in(extended).empty());
  CHECK(load_text(extended).pairs().size() == 1);
  // "X-" is not an extension prefix.
  expect_problem(document(R"(    {"interventions": ["AAA-001", "BBB-001"], "X-id": 1})"), "/pairs/0/X-id", "1}",
                 "unknown key \"X-id\" (extensions must start with \"x-\")");
}

TEST_CASE("a syntax error is reported at its line and column", "[load][rules]") {
  std::string text = document(good_pair + ",");
  // The trailing comma is followed by "\n  ]": the error is at the ']' on line 11.
  expect_problem_at(text, "", {11, 3}, "expected a JSON value, found ']'");
  std::string bad_utf8 = "{\n  \"interventions\": [{\"code\": \"A\", \"name\": \"Caf\xC3\xA9 \xFF\"}]\n}";
  expect_problem_at(bad_utf8, "", {2, 49}, "invalid UTF-8 byte 0xff");
  std::string duplicate_key = "{\"interventions\": [],\n \"interventions\": []}";
  expect_problem_at(duplicate_key, "", {2, 2}, "duplicate key \"interventions\" in one object");
}

TEST_CASE("every problem is reported, in file order", "[load][rules]") {
  std::string text = document(R"(    {"interventions": ["AAA-001", "ZZZ-999"], "significance": "risky"},
    {"interventions": ["BBB-001", "BBB-001"], "reviewed": "yesterday"},
    {"interventions": ["AAA-001", "CCC-001"], "colour": "red"})");
  auto problems = problems_in(text);
  REQUIRE(problems.size() == 5);
  CHECK(problems[0].pointer == "/pairs/0/interventions/1");
  CHECK(problems[1].pointer == "/pairs/0/significance");
  CHECK(problems[2].pointer == "/pairs/1/interventions/1");
  CHECK(problems[3].pointer == "/pairs/1/reviewed");
  CHECK(problems[4].pointer == "/pairs/2/colour");
  for (std::size_t i = 1; i < problems.size(); ++i) {
    CHECK(problems[i - 1].line <= problems[i].line);
    if (problems[i - 1].line == problems[i].line) CHECK(problems[i - 1].column < problems[i].column);
  }

  SECTION("load_dataset refuses the file, carrying the same problems") {
    try {
      load_text(text);
      FAIL("a file with problems loaded");
    } catch (const DataError& error) {
      REQUIRE(error.diagnostics().size() == problems.size());
      for (std::size_t i = 0; i < problems.size(); ++i) {
        CHECK(error.diagnostics()[i].pointer == problems[i].pointer);
        CHECK(error.diagnostics()[i].line == problems[i].line);
      }
      CHECK(std::string(error.what()) == pairinfo::format_diagnostic(problems[0]));
    }
  }
}

TEST_CASE("checking a big file record by record finds what checking it whole finds", "[load][rules][stream]") {
  std::string text = document(R"(    {"interventions": ["AAA-001", "ZZZ-999"], "significance": "risky"},
    {"interventions": ["BBB-001", "BBB-001"], "reviewed": "yesterday"},
    {"interventions": ["AAA-001", "CCC-001"], "colour": "red"},
    {"interventions": ["BBB-001", "AAA-001"], "evidence": {"tier": "T9"}},
    {"interventions": ["CCC-001", "aaa-001"]},
    {"interventions": ["AAA-001", "BBB-001"]},
    {"interventions": ["AAA-001", "BBB-001"]})");
  auto whole = pairinfo::check_sources({DataSource("big.json", text)});
  LoadOptions streaming;
  streaming.lazy_threshold = 1;  // "big" from the first byte
  std::vector<std::uint64_t> reported;
  streaming.progress = [&](std::string_view file, std::uint64_t done, std::uint64_t total) {
    CHECK(file == "big.json");
    CHECK(total == text.size());
    reported.push_back(done);
  };
  auto streamed = pairinfo::check_sources({DataSource("big.json", text)}, streaming);
  REQUIRE(whole.size() == 9);
  REQUIRE(streamed.size() == whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) CHECK(pairinfo::format_diagnostic(streamed[i]) == pairinfo::format_diagnostic(whole[i]));
  CHECK(whole[7].message.find("already defined in this file at /pairs/3") != std::string::npos);
  REQUIRE(!reported.empty());
  CHECK(std::is_sorted(reported.begin(), reported.end()));
  CHECK(reported.back() == text.size());  // one pass, reported to its end

  SECTION("a clean file passes either way") {
    std::string clean = document(R"(    {"interventions": ["AAA-001", "BBB-001"]})");
    streaming.progress = nullptr;
    CHECK(pairinfo::check_sources({DataSource("clean.json", clean)}, streaming).empty());
  }
}

TEST_CASE("search finds words spelt with escapes, ranks names above the rest, and marks the words", "[load][search]") {
  std::string text = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "summary": "A zym\u0075rgic note."},
    {"interventions": ["AAA-001", "CCC-001"], "summary": "First.\n\nSecond, nothing to find."},
    {"interventions": ["BBB-001", "CCC-001"], "title": "Zymurgic pair", "summary": "Plainly zymurgic."})");
  for (std::uint64_t threshold : {std::uint64_t{1}, pairinfo::stream_threshold}) {
    INFO("lazy threshold " << threshold);
    LoadOptions options;
    options.lazy_threshold = threshold;
    pairinfo::DataLoader loader({DataSource("big.json", text)}, options);
    auto result = loader.search({"zymurgic"}, 10);
    CHECK(result.index_built);
    REQUIRE(result.matches.size() == 2);
    const auto& best = result.data.pairs()[result.matches[0].pair];
    CHECK(best.codes == std::array<std::string, 2>{"BBB-001", "CCC-001"});  // in its title too
    const auto& next = result.data.pairs()[result.matches[1].pair];
    CHECK(next.codes == std::array<std::string, 2>{"AAA-001", "BBB-001"});
    CHECK(result.matches[1].field == "summary");
    CHECK(result.matches[1].snippet.find("\x01zymurgic\x02") != std::string::npos);
    CHECK(loader.search({"zymurg"}, 10).matches.size() == 2);  // the start of a word
    CHECK(loader.search({"zymurgic", "plainly"}, 10).matches.size() == 1);  // every word
    CHECK(loader.search({"nothing", "zymurgic"}, 10).matches.empty());
  }
}

TEST_CASE("records kept in part hold what their commands show, and are completed and checked when wanted whole",
          "[load]") {
  using pairinfo::RecordParts;
  std::string text = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "title": "T", "significance": "caution",
     "summary": "S.", "mechanism": "M.", "evidence": {"tier": "T3", "summary": "ES.", "limitations": "L."},
     "cautions": ["C."], "takeaways": ["K."], "faq": [{"question": "Q?", "answer": "A."}], "reviewed": "2026-01-02"},
    {"interventions": ["AAA-001", "CCC-001"], "summary": "Fine.", "takeaways": ["  "]})");
  LoadOptions big;
  big.lazy_threshold = 1;  // read record by record, as files of 64 MiB and more are
  pairinfo::DataLoader loader({DataSource("big.json", text)}, big);
  auto scope = pairinfo::PairScope::among({"AAA-001", "BBB-001"});

  auto outlined = loader.load(scope.keeping(RecordParts::outline));
  REQUIRE(outlined.pairs().size() == 1);
  const auto& outline = outlined.pairs()[0];
  CHECK(outline.parts == RecordParts::outline);
  CHECK(outline.text(pairinfo::Field::title) == "T");
  CHECK(outline.text(pairinfo::Field::significance) == "caution");
  CHECK(outline.text(pairinfo::Field::tier) == "T3");
  CHECK(outline.text(pairinfo::Field::summary).empty());
  CHECK(outline[pairinfo::Field::cautions].is_null());
  CHECK_THROWS_AS(pairinfo::require_parts(outline, RecordParts::summary), std::logic_error);

  auto summarised = loader.load(scope.keeping(RecordParts::summary));
  REQUIRE(summarised.pairs().size() == 1);
  const auto& summary = summarised.pairs()[0];
  CHECK(summary.parts == RecordParts::summary);
  CHECK(summary.text(pairinfo::Field::summary) == "S.");
  CHECK(summary.list(pairinfo::Field::cautions) == std::vector<std::string>{"C."});
  CHECK(summary.text(pairinfo::Field::mechanism).empty());
  CHECK(summary[pairinfo::Field::faq].is_null());
  CHECK_THROWS_AS(pairinfo::require_parts(summary, RecordParts::whole), std::logic_error);
  CHECK(outline.text(pairinfo::Field::summary).empty());  // what was loaded before stays as it was

  auto whole = loader.load(scope);
  REQUIRE(whole.pairs().size() == 1);
  CHECK(whole.pairs()[0].parts == RecordParts::whole);
  CHECK(whole.pairs()[0].text(pairinfo::Field::mechanism) == "M.");
  CHECK(whole.pairs()[0][pairinfo::Field::faq].size() == 1);
  CHECK(whole.pairs()[0].text(pairinfo::Field::reviewed) == "2026-01-02");
  CHECK(loader.load(scope.keeping(RecordParts::outline)).pairs()[0].parts == RecordParts::outline);

  // Text a list does not show is checked when the record is wanted whole: lists go on
  // working over a record with a blank takeaway; the record itself is refused.
  auto other = pairinfo::PairScope::touching({"CCC-001"});
  CHECK(loader.load(other.keeping(RecordParts::summary)).pairs().size() == 1);
  std::vector<std::string> reported;
  try {
    (void)loader.load(other);
  } catch (const DataError& error) {
    for (const auto& d : error.diagnostics()) reported.push_back(d.pointer + ": " + d.message);
  }
  CHECK(reported == std::vector<std::string>{"/pairs/1/takeaways/0: each item of \"takeaways\" must not be empty"});
}

TEST_CASE("a list of one intervention takes its records' outlines from the index, as the records read",
          "[load][outline]") {
  using pairinfo::PairScope;
  using pairinfo::RecordParts;
  std::string text = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "title": "Caf\u00e9", "significance": "caution",
     "summary": "S.", "evidence": {"summary": "ES.", "tier": "T3"}, "faq": [{"question": "Q?", "answer": "A."}]},
    {"interventions": ["AAA-001", "CCC-001"], "summary": "Fine.", "x-note": "read from the record"},
    {"interventions": ["BBB-001", "CCC-001"], "title": "   ", "significance": "avoid"})");
  TempDir dir;
  std::string path = dir.write("big.json", text);
  LoadOptions big;
  big.lazy_threshold = 1;  // read record by record, as files of 64 MiB and more are
  big.cache_directory = (dir.path / "cache").string();
  auto fields = [](const pairinfo::Dataset& data) {
    std::vector<std::string> out;
    for (const auto& record : data.pairs())
      out.push_back(record.codes[0] + "+" + record.codes[1] + " " + std::string(record.text(pairinfo::Field::title)) + "|" +
                    std::string(record.text(pairinfo::Field::significance)) + "|" + std::string(record.text(pairinfo::Field::tier)) +
                    "|" + record.pointer);
    return out;
  };
  const std::vector<std::string> expected = {"AAA-001+BBB-001 Caf\xC3\xA9|caution|T3|/pairs/0",
                                             "AAA-001+CCC-001 ||" "|/pairs/1"};
  // Built by the first loader (and written to the cache), then read from the cache.
  for (int round = 0; round < 2; ++round) {
    INFO("round " << round);
    pairinfo::DataLoader loader({pairinfo::read_source(path)}, big);
    auto listed = loader.load(PairScope::touching({"AAA-001"}).keeping(RecordParts::outline));
    CHECK(fields(listed) == expected);
    REQUIRE(listed.pairs().size() == 2);
    CHECK(listed.pairs()[0].parts == RecordParts::outline);
    CHECK(listed.pairs()[1].parts == RecordParts::outline);  // read from the record, for its "x-" key
    // A blank title is refused with the message reading the record gives.
    auto problems = [&](RecordParts parts) {
      std::vector<std::string> reported;
      try {
        pairinfo::DataLoader fresh({pairinfo::read_source(path)}, big);
        (void)fresh.load(PairScope::touching({"CCC-001"}).keeping(parts));
      } catch (const DataError& error) {
        for (const auto& d : error.diagnostics())
          reported.push_back(d.pointer + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message);
      }
      return reported;
    };
    CHECK(problems(RecordParts::outline) == problems(RecordParts::summary));
    CHECK(problems(RecordParts::outline).size() == 1);
  }
  CHECK(std::filesystem::exists(dir.path / "cache"));
}

TEST_CASE("every record of a big file is read one at a time (not by parsing the file whole)", "[load]") {
  std::string text = document(R"(    {"interventions": ["AAA-001", "BBB-001"], "summary": "S.", "mechanism": "M."},
    {"interventions": ["AAA-001", "CCC-001"], "summary": "T."})");
  LoadOptions big;
  big.lazy_threshold = 1;  // as files of 64 MiB and more are
  pairinfo::DataLoader loader({DataSource("big.json", text)}, big);
  auto data = loader.load(pairinfo::PairScope::all().keeping(pairinfo::RecordParts::outline));
  REQUIRE(data.pairs().size() == 2);
  // Kept in part: a whole parse would have kept everything.
  for (const auto& record : data.pairs()) CHECK(record.parts == pairinfo::RecordParts::outline);
  auto whole = loader.load(pairinfo::PairScope::all());
  REQUIRE(whole.pairs().size() == 2);
  for (const auto& record : whole.pairs()) CHECK(record.parts == pairinfo::RecordParts::whole);
}

TEST_CASE("format_diagnostic: FILE:LINE:COLUMN, message, pointer, controls escaped", "[load]") {
  Diagnostic placed{"clinic.json", 10, 35, "/pairs/0/interventions/1", "unknown intervention code \"X\""};
  CHECK(pairinfo::format_diagnostic(placed) ==
        "clinic.json:10:35: error: unknown intervention code \"X\" (at /pairs/0/interventions/1)");
  CHECK(pairinfo::format_diagnostic_brief(placed) ==
        "clinic.json:10:35: unknown intervention code \"X\" (at /pairs/0/interventions/1)");
  Diagnostic unplaced{"missing.json", 0, 0, "", "No such file or directory"};
  CHECK(pairinfo::format_diagnostic(unplaced) == "missing.json: error: No such file or directory");
  Diagnostic hostile{"a\x1b[2J.json", 1, 2, "/k\x07", "bad \xE2\x80\xAE text"};
  CHECK(pairinfo::format_diagnostic(hostile) == "a\\x1b[2J.json:1:2: error: bad \\u202e text (at /k\\x07)");
}

TEST_CASE("strict mode requires the full article", "[load][strict]") {
  LoadOptions strict;
  strict.strict = true;
  std::string minimal = document(good_pair);
  CHECK(problems_in(minimal).empty());
  auto problems = problems_in(minimal, strict);
  std::vector<std::string> messages;
  for (const auto& problem : problems) {
    CHECK(problem.pointer == "/pairs/0");
    CHECK(problem.line == 10);
    CHECK(problem.column == 5);
    messages.push_back(problem.message);
  }
  CHECK(messages == std::vector<std::string>{
                        "--strict: the record has no \"evidence\".\"tier\"",
                        "--strict: the record has no \"significance\"",
                        "--strict: the record has no \"review\"",
                        "--strict: the record has no \"summary\"",
                        "--strict: the record has no \"mechanism\"",
                        "--strict: the record has no \"evidence\".\"summary\"",
                        "--strict: the record has no \"evidence\".\"limitations\"",
                        "--strict: the record has no \"clinical_context\"",
                        "--strict: the record has no \"cautions\"",
                        "--strict: the record has no \"takeaways\"",
                        "--strict: the record has no \"faq\"",
                        "--strict: the record has no \"references\"",
                    });
  CHECK(problems_in(document(full_pair(R"(["AAA-001", "BBB-001"])")), strict).empty());
  // Only the missing part is reported.
  std::string no_faq = document(full_pair(R"(["AAA-001", "BBB-001"])"));
  no_faq.replace(no_faq.find("\"faq\""), std::string(R"("faq": [{"question": "Question?", "answer": "Answer."}], )").size(), "");
  auto one = problems_in(no_faq, strict);
  REQUIRE(one.size() == 1);
  CHECK(one[0].message == "--strict: the record has no \"faq\"");
}

TEST_CASE("the bundled data passes strict validation", "[load][strict][bundled]") {
  LoadOptions strict;
  strict.strict = true;
  auto problems = pairinfo::check_sources({pairinfo::bundled_source()}, strict);
  std::string listed;
  for (const auto& problem : problems) listed += pairinfo::format_diagnostic(problem) + "\n";
  INFO(listed);
  CHECK(problems.empty());
  auto data = pairinfo::load_dataset({pairinfo::bundled_source()});
  CHECK_FALSE(data.pairs().empty());
  CHECK(data.layers().at(0).source == pairinfo::bundled_source_name);
  CHECK(data.find_pair("HRM-001", "AES-001") != pairinfo::Dataset::npos);
}

TEST_CASE("layers: later files replace pairs and interventions, and use earlier codes", "[load][layers]") {
  std::string base = document(good_pair + ",\n" + R"(    {"interventions": ["AAA-001", "CCC-001"], "summary": "Kept."})");
  base.replace(base.find("\"interventions\": [\"AAA-001\", \"BBB-001\"]}"),
               std::string("\"interventions\": [\"AAA-001\", \"BBB-001\"]}").size(),
               "\"interventions\": [\"AAA-001\", \"BBB-001\"], \"summary\": \"Old.\"}");
  std::string clinic = R"({
  "name": "Clinic additions",
  "interventions": [{"code": "bbb-001", "name": "Beta prime"}],
  "pairs": [
    {"interventions": ["BBB-001", "AAA-001"], "summary": "New."},
    {"interventions": ["BBB-001", "CCC-001"]}
  ]
})";
  auto data = pairinfo::load_dataset({DataSource("base.json", base), DataSource("clinic.json", clinic)});

  REQUIRE(data.layers().size() == 2);
  CHECK(data.layers()[1].source == "clinic.json");
  CHECK(data.layers()[1].name == "Clinic additions");
  CHECK(data.layers()[1].interventions == 1);
  CHECK(data.layers()[1].pairs == 2);

  REQUIRE(data.interventions().size() == 3);
  const auto& beta = data.intervention("BBB-001");
  CHECK(beta.name == "Beta prime");
  CHECK(beta.layer == 1);
  // The replaced intervention is gone whole: its old name no longer finds anything.
  CHECK(data.matching(pairinfo::fold_term("Beta")).empty());
  CHECK(data.matching(pairinfo::fold_term("Beta prime")).size() == 1);

  REQUIRE(data.pairs().size() == 3);
  std::size_t replaced = data.find_pair("AAA-001", "BBB-001");
  REQUIRE(replaced != pairinfo::Dataset::npos);
  CHECK(data.pairs()[replaced].text(pairinfo::Field::summary) == "New.");
  CHECK(data.pairs()[replaced].layer == 1);
  std::size_t kept = data.find_pair("AAA-001", "CCC-001");
  REQUIRE(kept != pairinfo::Dataset::npos);
  CHECK(data.pairs()[kept].text(pairinfo::Field::summary) == "Kept.");
  CHECK(data.pairs()[kept].layer == 0);
  std::size_t added = data.find_pair("CCC-001", "BBB-001");
  REQUIRE(added != pairinfo::Dataset::npos);
  CHECK(data.pairs()[added].layer == 1);
}

TEST_CASE("layers: a replaced pair is replaced whole, not merged field by field", "[load][layers]") {
  std::string base = document(full_pair(R"(["AAA-001", "BBB-001"])"));
  std::string clinic = R"({"pairs": [{"interventions": ["BBB-001", "AAA-001"], "summary": "Only this."}]})";
  auto data = pairinfo::load_dataset({DataSource("base.json", base), DataSource("clinic.json", clinic)});
  REQUIRE(data.pairs().size() == 1);
  const auto& record = data.pairs()[0];
  CHECK(record.text(pairinfo::Field::summary) == "Only this.");
  CHECK(record.text(pairinfo::Field::title).empty());
  CHECK(record.list(pairinfo::Field::cautions).empty());
  CHECK(record.text(pairinfo::Field::tier).empty());
}

TEST_CASE("layers: scales, when given, replace the earlier scales whole", "[load][layers]") {
  std::string base = R"({
  "scales": {
    "tiers": [{"id": "A", "name": "Tier A", "description": "First."}, {"id": "B", "name": "Tier B", "description": "Second."}],
    "significance": [{"id": "low", "name": "Low", "description": "Low."}, {"id": "high", "name": "High", "description": "High."}]
  },
  "interventions": [{"code": "AAA-001", "name": "Alpha"}, {"code": "BBB-001", "name": "Beta"}],
  "pairs": [{"interventions": ["AAA-001", "BBB-001"], "significance": "high"}]
})";
  auto base_only = pairinfo::load_dataset({DataSource("base.json", base)});
  REQUIRE(base_only.scales().tiers.entries.size() == 2);
  CHECK(base_only.scales().tiers.entries[0].id == "A");
  CHECK(base_only.scales().significance.rank("high") == 1u);

  std::string no_scales = R"({"interventions": [{"code": "CCC-001", "name": "Gamma"}]})";
  auto kept = pairinfo::load_dataset({DataSource("base.json", base), DataSource("more.json", no_scales)});
  CHECK(kept.scales().tiers.entries.size() == 2);
  CHECK(kept.scales().significance.find("high") != nullptr);

  std::string new_scales = R"({
  "scales": {"tiers": [{"id": "X", "name": "Only", "description": "The one tier."}],
             "significance": [{"id": "high", "name": "High", "description": "High."}]},
  "interventions": [{"code": "CCC-001", "name": "Gamma"}]
})";
  auto replaced = pairinfo::load_dataset({DataSource("base.json", base), DataSource("new.json", new_scales)});
  REQUIRE(replaced.scales().tiers.entries.size() == 1);
  CHECK(replaced.scales().tiers.entries[0].id == "X");
  REQUIRE(replaced.scales().significance.entries.size() == 1);
  CHECK(replaced.scales().significance.find("low") == nullptr);

  // Records of every layer are checked against the scales in effect at the end.
  std::string drops_high = R"({
  "scales": {"significance": [{"id": "low", "name": "Low", "description": "Low."}]},
  "interventions": [{"code": "CCC-001", "name": "Gamma"}]
})";
  auto problems = pairinfo::check_sources({DataSource("base.json", base), DataSource("drops.json", drops_high)});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "base.json");
  CHECK(problems[0].pointer == "/pairs/0/significance");
  CHECK(problems[0].line == 7);
  CHECK(problems[0].message == "significance \"high\" is not defined by the significance scale");
}

TEST_CASE("layers: problems name the layer they are in; one bad layer refuses the load", "[load][layers]") {
  std::string base = document(good_pair);
  std::string clinic = "{\n  \"pairs\": [\n    {\"interventions\": [\"AAA-001\", \"ZZZ-001\"]}\n  ]\n}";
  auto problems = pairinfo::check_sources({DataSource("base.json", base), DataSource("clinic.json", clinic)});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "clinic.json");
  CHECK(problems[0].pointer == "/pairs/0/interventions/1");
  CHECK(problems[0].line == 3);
  CHECK(problems[0].column == 35);
  CHECK_THROWS_AS(pairinfo::load_dataset({DataSource("base.json", base), DataSource("clinic.json", clinic)}),
                  DataError);

  SECTION("a pair twice in one later file is still an error") {
    std::string twice = R"({"pairs": [{"interventions": ["AAA-001", "BBB-001"]}, {"interventions": ["BBB-001", "AAA-001"]}]})";
    auto dup = pairinfo::check_sources({DataSource("base.json", base), DataSource("twice.json", twice)});
    REQUIRE(dup.size() == 1);
    CHECK(dup[0].file == "twice.json");
    CHECK(dup[0].pointer == "/pairs/1/interventions");
  }
  SECTION("a syntax error in one layer") {
    auto broken = pairinfo::check_sources({DataSource("base.json", base), DataSource("broken.json", "{\n  ,\n}")});
    REQUIRE(broken.size() == 1);
    CHECK(broken[0].file == "broken.json");
    CHECK(broken[0].line == 2);
    CHECK(broken[0].column == 3);
  }
  SECTION("a later layer's alias that clashes with an earlier name is reported in the later layer") {
    std::string clash = "{\n  \"interventions\": [{\"code\": \"DDD-001\", \"name\": \"Delta\", \"aliases\": [\"alpha\"]}]\n}";
    auto ambiguous = pairinfo::check_sources({DataSource("base.json", base), DataSource("clash.json", clash)});
    REQUIRE(ambiguous.size() == 1);
    CHECK(ambiguous[0].file == "clash.json");
    CHECK(ambiguous[0].pointer == "/interventions/0/aliases/0");
    CHECK(ambiguous[0].line == 2);
    CHECK(ambiguous[0].column == 70);
    CHECK(ambiguous[0].message == "\"alpha\" would name both AAA-001 (Alpha) and DDD-001 (Delta)");
  }
}

TEST_CASE("read_source: missing files and directories are refused by name", "[load][files]") {
  TempDir dir;
  std::string missing = (dir.path / "nope.json").string();
  try {
    pairinfo::read_source(missing);
    FAIL("a missing file was read");
  } catch (const DataError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].file == missing);
    CHECK(error.diagnostics()[0].line == 0);
    CHECK(error.diagnostics()[0].message == "No such file or directory");
  }
  try {
    pairinfo::read_source(dir.path.string());
    FAIL("a directory was read");
  } catch (const DataError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].file == dir.path.string());
    CHECK(error.diagnostics()[0].message == "is a directory, not a data file");
  }

  SECTION("a FIFO is refused rather than read (reading could block forever)") {
    std::string fifo = (dir.path / "pipe.json").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    try {
      pairinfo::read_source(fifo);
      FAIL("a FIFO was read");
    } catch (const DataError& error) {
      REQUIRE(error.diagnostics().size() == 1);
      CHECK(error.diagnostics()[0].message == "is not a regular file");
    }
  }
  SECTION("a regular file reads, and diagnostics name its path") {
    std::string path = (dir.path / "clinic.json").string();
    std::ofstream(path, std::ios::binary) << document(R"(    {"interventions": ["AAA-001", "ZZZ-999"]})");
    auto problems = pairinfo::check_sources({pairinfo::read_source(path)});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == path);
    CHECK(problems[0].line == 10);
    CHECK(problems[0].column == 35);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << document(good_pair);
    auto data = pairinfo::load_dataset({pairinfo::read_source(path)});
    CHECK(data.layers().at(0).source == path);
    CHECK(data.pairs().size() == 1);
  }
}

TEST_CASE("ReadAhead hands over a file's pieces as slice does, in order or not", "[load][files]") {
  TempDir dir;
  std::string path = (dir.path / "bytes.json").string();
  std::string text;
  for (int i = 0; i < 5000; ++i) text += static_cast<char>('a' + i % 26) + std::to_string(i);
  std::ofstream(path, std::ios::binary) << text;
  // A threshold of 1: read piece by piece from the file, never whole.
  pairinfo::DataSource source = pairinfo::read_source(path, 1);
  REQUIRE_FALSE(source.in_memory());
  pairinfo::ReadAhead ahead(source);
  std::string buffer;
  SECTION("front to back, the last piece short") {
    std::string got;
    for (std::uint64_t offset = 0; offset < text.size(); offset += 1000)
      got += ahead.slice(offset, std::min<std::uint64_t>(1000, text.size() - offset), buffer);
    CHECK(got == text);
  }
  SECTION("out of order and with other lengths, each read there and then") {
    CHECK(ahead.slice(0, 100, buffer) == text.substr(0, 100));
    CHECK(ahead.slice(500, 10, buffer) == text.substr(500, 10));
    CHECK(ahead.slice(510, 20, buffer) == text.substr(510, 20));
    CHECK(ahead.slice(530, 20, buffer) == text.substr(530, 20));
    CHECK(ahead.slice(3, 7, buffer) == text.substr(3, 7));
  }
  SECTION("a file cut short while it is read is an error, not a hang") {
    // Cut before the first piece, so that the piece read ahead is surely past the end.
    REQUIRE(::truncate(path.c_str(), 1500) == 0);
    CHECK(ahead.slice(0, 1000, buffer) == text.substr(0, 1000));
    CHECK_THROWS_AS(ahead.slice(1000, 1000, buffer), DataError);
  }
}

TEST_CASE("parse_record reads only the members a summary shows, and the rest as parse_json would fail", "[load]") {
  using pairinfo::RecordParts;
  const std::string record = R"({"interventions": ["A-1", "B-2"], "summary": "Plain \"quoted\" text", "mechanism": "Long text",
    "cautions": ["one", "two"], "evidence": {"tier": "T2", "summary": "Long too", "studies": [1, 2]},
    "faq": [{"q": "?", "a": "!"}], "x-extra": {"a": 1}})";
  nlohmann::json read = pairinfo::parse_record(record, RecordParts::summary);
  CHECK(read["summary"] == "Plain \"quoted\" text");
  CHECK(read["cautions"] == nlohmann::json{"one", "two"});
  CHECK(read["evidence"]["tier"] == "T2");
  // Not shown: an empty value of the same type, so that its shape is still checked.
  CHECK(read["mechanism"] == "");
  CHECK(read["evidence"]["summary"] == "");
  CHECK(read["faq"] == nlohmann::json::parse("[0]"));
  CHECK(read["x-extra"] == nlohmann::json::object());
  CHECK(pairinfo::parse_record(record, RecordParts::whole) == pairinfo::parse_json(record));
  // Texts beyond ASCII, taken as they stand or parsed, read as parse_json reads them.
  const std::string accented = "{\"summary\": \"Caf\xC3\xA9 \xE2\x80\x99s \xF0\x9F\x92\x8A\", "
                               "\"cautions\": [\"\xC3\xA9\", \"\\u00e9\"], \"x-\xC3\xA9\": 1}";
  nlohmann::json both = pairinfo::parse_record(accented, RecordParts::summary);
  CHECK(both["summary"] == pairinfo::parse_json(accented)["summary"]);
  CHECK(both["cautions"] == nlohmann::json{"\xC3\xA9", "\xC3\xA9"});
  CHECK(both.contains("x-\xC3\xA9"));
  // A record the splitter refuses is read whole: the error is parse_json's, at the same byte.
  const std::string broken = R"({"summary": "a", "mechanism": "b", "summary": "c"})";
  std::string expected, got;
  try { pairinfo::parse_json(broken); } catch (const pairinfo::JsonSyntaxError& e) { expected = std::to_string(e.offset()) + e.what(); }
  try { pairinfo::parse_record(broken, RecordParts::summary); } catch (const pairinfo::JsonSyntaxError& e) { got = std::to_string(e.offset()) + e.what(); }
  CHECK(!expected.empty());
  CHECK(got == expected);
}
