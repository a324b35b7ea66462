// Tests for render_json: the documented shapes (README "JSON output"), and output that is always valid UTF-8.
#include <catch2/catch.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "pairinfo/render_json.hpp"
#include "pairinfo/scales.hpp"
#include "pairinfo/text.hpp"
#include "test_data.hpp"

using json = nlohmann::json;
using pairinfo::Dataset;

namespace {

Dataset sample() {
  return test_data::load_text(R"({
  "interventions": [
    {"code": "AES-001", "name": "Needling", "category": "aesthetic", "aliases": ["skin needling"], "summary": "About needling."},
    {"code": "HRM-001", "name": "Hormonex", "category": "hormone"},
    {"code": "DRG-002", "name": "Thinnerol"}
  ],
  "pairs": [
    {"interventions": ["AES-001", "HRM-001"], "title": "A title", "significance": "benefit",
     "summary": "Summary.", "mechanism": "Mechanism.",
     "evidence": {"tier": "T3", "summary": "Evidence.", "limitations": "Limits."},
     "clinical_context": "Context.", "cautions": ["Caution."], "takeaways": ["Takeaway."],
     "faq": [{"question": "Q?", "answer": "A."}], "reviewed": "2025-01-31", "references": ["Ref."]},
    {"interventions": ["HRM-001", "DRG-002"], "summary": "Control \u001b[2J in text."}
  ]
})");
}

}  // namespace

TEST_CASE("json_pair_answer: schema_version, the record with its data field names, and the scale entries", "[render_json]") {
  Dataset data = sample();
  json answer = pairinfo::json_pair_answer(data, data.pairs()[0]);
  CHECK(answer["schema_version"] == 1);
  CHECK(pairinfo::json_schema_version == 1);

  const json& pair = answer["pair"];
  REQUIRE(pair["interventions"].is_array());
  CHECK(pair["interventions"] == json::parse(R"([{"code": "AES-001", "name": "Needling", "category": "aesthetic"},
                                                 {"code": "HRM-001", "name": "Hormonex", "category": "hormone"}])"));
  CHECK(pair["title"] == "A title");
  CHECK(pair["significance"] == "benefit");
  CHECK(pair["summary"] == "Summary.");
  CHECK(pair["mechanism"] == "Mechanism.");
  CHECK(pair["evidence"] == json::parse(R"({"tier": "T3", "summary": "Evidence.", "limitations": "Limits."})"));
  CHECK(pair["clinical_context"] == "Context.");
  CHECK(pair["cautions"] == json::array({"Caution."}));
  CHECK(pair["takeaways"] == json::array({"Takeaway."}));
  CHECK(pair["faq"] == json::parse(R"([{"question": "Q?", "answer": "A."}])"));
  CHECK(pair["reviewed"] == "2025-01-31");
  CHECK(pair["references"] == json::parse(R"([{"citation": "Ref."}])"));  // text references are read as citations
  CHECK(pair["source"] == "test.json");

  CHECK(answer["tier"]["id"] == "T3");
  CHECK(answer["tier"]["name"] == "Limited");
  CHECK(answer["tier"].contains("description"));
  CHECK_FALSE(answer["tier"].contains("symbol"));  // tiers have none
  CHECK(answer["significance"]["id"] == "benefit");
  CHECK(answer["significance"]["symbol"] == "+");
}

TEST_CASE("absent fields are left out, and absent scales are null", "[render_json]") {
  Dataset data = sample();
  json answer = pairinfo::json_pair_answer(data, data.pairs()[1]);
  const json& pair = answer["pair"];
  std::vector<std::string> keys;
  for (const auto& item : pair.items()) keys.push_back(item.key());
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"interventions", "source", "summary"});
  // An intervention without a category has no "category" key.
  CHECK(pair["interventions"][1] == json::parse(R"({"code": "DRG-002", "name": "Thinnerol"})"));
  CHECK(answer["tier"].is_null());
  CHECK(answer["significance"].is_null());
}

TEST_CASE("json_pair_brief and json_search_hit: the list shape", "[render_json]") {
  Dataset data = sample();
  json brief = pairinfo::json_pair_brief(data, data.pairs()[1]);
  CHECK(brief == json::parse(R"({"interventions": [{"code": "HRM-001", "name": "Hormonex", "category": "hormone"},
                                                   {"code": "DRG-002", "name": "Thinnerol"}],
                                 "title": "Hormonex + Thinnerol", "tier": null, "significance": null})"));
  CHECK(pairinfo::json_pair_brief(data, data.pairs()[0])["tier"] == "T3");

  pairinfo::SearchHit hit;
  hit.pair = 0;
  hit.score = 12;
  hit.field = "summary";
  hit.snippet = "Summary.";
  json searched = pairinfo::json_search_hit(data, hit);
  CHECK(searched["score"] == 12);
  CHECK(searched["field"] == "summary");
  CHECK(searched["snippet"] == "Summary.");
  CHECK(searched["title"] == "A title");
}

TEST_CASE("json_intervention, json_scales, json_sources, json_diagnostic", "[render_json]") {
  Dataset data = sample();
  CHECK(pairinfo::json_intervention(data, data.find_code("AES-001")) ==
        json::parse(R"({"code": "AES-001", "name": "Needling", "category": "aesthetic",
                        "aliases": ["skin needling"], "pairs": 1, "summary": "About needling."})"));
  CHECK(pairinfo::json_intervention(data, data.find_code("HRM-001"))["pairs"] == 2);

  json scales = pairinfo::json_scales(data);
  REQUIRE(scales["tiers"].size() == 4);
  CHECK(scales["tiers"][0]["id"] == "T1");
  REQUIRE(scales["significance"].size() == 5);
  CHECK(scales["significance"][0]["id"] == "benefit");
  CHECK(scales["significance"][4]["id"] == "avoid");

  CHECK(pairinfo::json_sources(data) == json::parse(R"({"schema_version": 1,
      "layers": [{"source": "test.json", "name": "", "interventions": 3, "pairs": 2}],
      "interventions": 3})"));

  pairinfo::Diagnostic diagnostic{"x.json", 3, 7, "/pairs/0", "bad"};
  CHECK(pairinfo::json_diagnostic(diagnostic) ==
        json::parse(R"({"file": "x.json", "line": 3, "column": 7, "pointer": "/pairs/0", "message": "bad"})"));
}

TEST_CASE("json_check: interventions, duplicates, found most serious first, missing pairs", "[render_json]") {
  Dataset data = test_data::load_text(R"({
  "interventions": [{"code": "A-1", "name": "One"}, {"code": "B-1", "name": "Two"},
                    {"code": "C-1", "name": "Three"}],
  "pairs": [{"interventions": ["A-1", "B-1"], "significance": "monitor"},
            {"interventions": ["B-1", "C-1"], "significance": "avoid"}]
})");
  auto check = pairinfo::check_regimen(data, {{"one", 0}, {"two", 1}, {"three", 2}, {"uno", 0}});
  json out = pairinfo::json_check(data, check);
  CHECK(out["schema_version"] == 1);
  CHECK(out["interventions"] == json::parse(R"([{"code": "A-1", "name": "One"}, {"code": "B-1", "name": "Two"},
                                                {"code": "C-1", "name": "Three"}])"));
  CHECK(out["duplicates"] == json::parse(R"([{"term": "uno", "code": "A-1"}])"));
  REQUIRE(out["found"].size() == 2);
  CHECK(out["found"][0]["significance"] == "avoid");
  CHECK(out["found"][1]["significance"] == "monitor");
  CHECK(out["found"][0]["source"] == "test.json");
  CHECK(out["missing"] == json::parse(R"([[{"code": "A-1", "name": "One"}, {"code": "C-1", "name": "Three"}]])"));
}

TEST_CASE("dump_json always writes valid UTF-8 and escapes controls", "[render_json][utf8]") {
  SECTION("invalid bytes are replaced, not passed through and not fatal") {
    json value = {{"text", "caf\xC3\xA9 \xFF\xFE end"}, {"key\x80", "\xED\xA0\x80"}};
    for (bool pretty : {false, true}) {
      std::string out;
      REQUIRE_NOTHROW(out = pairinfo::dump_json(value, pretty));
      CHECK(pairinfo::is_valid_utf8(out));
      CHECK(out.find("caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD end") != std::string::npos);  // U+FFFD each
      json back = json::parse(out);
      CHECK(back.size() == 2);
    }
  }
  SECTION("a record carrying invalid UTF-8") {
    // Loading rejects invalid UTF-8, so the record is made directly.
    std::vector<pairinfo::Intervention> interventions(2);
    interventions[0].code = "A-1";
    interventions[0].name = "Bad \xC0\xAF name";
    interventions[1].code = "B-1";
    interventions[1].name = "Two";
    std::vector<pairinfo::PairRecord> pairs(1);
    pairs[0].codes = {"A-1", "B-1"};
    pairs[0][pairinfo::Field::summary] = "Cut \xE2\x82";
    Dataset data(pairinfo::default_scales(), {}, interventions, pairs, {{"memory", "", 2, 1}});
    std::string out = pairinfo::dump_json(pairinfo::json_pair_answer(data, data.pairs()[0]), true);
    CHECK(pairinfo::is_valid_utf8(out));
    json back = json::parse(out);
    CHECK(back["pair"]["interventions"][0]["name"].get<std::string>().rfind("Bad ", 0) == 0);
    CHECK(back["pair"]["summary"].get<std::string>().rfind("Cut ", 0) == 0);
  }
  SECTION("control characters are JSON escapes, never raw") {
    Dataset data = sample();
    std::string out = pairinfo::dump_json(pairinfo::json_pair_answer(data, data.pairs()[1]), false);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find("\\u001b[2J") != std::string::npos);
    CHECK(json::parse(out)["pair"]["summary"] == "Control \x1b[2J in text.");
  }
  SECTION("compact is one line, pretty is indented by two") {
    json value = {{"a", json::array({1, 2})}};
    CHECK(pairinfo::dump_json(value, false) == R"({"a":[1,2]})");
    CHECK(pairinfo::dump_json(value, true) == "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
  }
}

TEST_CASE("dump_json writes C1 controls and bidirectional overrides and isolates as \\u escapes", "[render_json]") {
  json value = {{"name", "a\xC2\x9B" "b\xE2\x80\xAE" "c\xE2\x81\xA6" "d\xE2\x81\xA9" "e\xC2\x85" "f"},
                {"kept", "caf\xC3\xA9 \xE2\x80\x94 \xE2\x80\xA9"}};
  std::string text = pairinfo::dump_json(value, false);
  CHECK(text == "{\"kept\":\"caf\xC3\xA9 \xE2\x80\x94 \xE2\x80\xA9\",\"name\":\"a\\u009bb\\u202ec\\u2066d\\u2069e\\u0085f\"}");
  // Still JSON, and it reads back as the same text.
  CHECK(json::parse(text) == value);
}
