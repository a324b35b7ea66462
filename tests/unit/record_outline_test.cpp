// Tests for record outlines: packing, the JSON they stand for, and which records the scan
// outlines (only those of a shape the loader reads from an outline).
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pairinfo/layer_scan.hpp"
#include "pairinfo/record_outline.hpp"
#include <nlohmann/json.hpp>

using pairinfo::OutlineParts;


namespace {

std::string json_of(const OutlineParts& parts) {
  std::string packed, json;
  REQUIRE(pairinfo::pack_outline(parts, packed));
  REQUIRE(pairinfo::outline_json(packed, json));
  return json;
}

// The outline the scan keeps for each record of `pairs` (the inside of "pairs": [...]).
std::vector<std::string> scanned_outlines(const std::string& pairs) {
  std::string text = "{\"pairs\": [" + pairs + "]}";
  pairinfo::LayerScan scan;
  std::vector<std::string> outlines;
  REQUIRE(pairinfo::scan_layer(text, scan, [&](pairinfo::PairLocation&& at) { outlines.push_back(at.outline); }));
  return outlines;
}

}  // namespace

TEST_CASE("an outline stands for the members a list shows, as written", "[outline]") {
  CHECK(json_of({"A-1", "B-2", std::string_view("T \\\"q\\\" \\u00e9"), std::string_view("avoid"),
                 std::string_view("T3")}) ==
        R"({"interventions":["A-1","B-2"],"title":"T \"q\" \u00e9","significance":"avoid","evidence":{"tier":"T3"}})");
  CHECK(json_of({"A-1", "B-2", std::nullopt, std::nullopt, std::nullopt}) == R"({"interventions":["A-1","B-2"]})");
  CHECK(json_of({"A-1", "B-2", std::string_view(""), std::nullopt, std::string_view("T1")}) ==
        R"({"interventions":["A-1","B-2"],"title":"","evidence":{"tier":"T1"}})");
}

TEST_CASE("parts too long to pack leave a record without outline", "[outline]") {
  std::string packed = "x";
  std::string long_code(255, 'C'), long_title(65535, 't');
  CHECK_FALSE(pairinfo::pack_outline({long_code, "B", std::nullopt, std::nullopt, std::nullopt}, packed));
  CHECK_FALSE(pairinfo::pack_outline({"A", "B", std::string_view(long_title), std::nullopt, std::nullopt}, packed));
  CHECK(packed == "x");  // nothing appended
  CHECK(pairinfo::pack_outline({"A", "B", std::string_view(long_title).substr(1), std::nullopt, std::nullopt}, packed));
}

TEST_CASE("a damaged outline is refused, not read past its end", "[outline]") {
  std::string packed, json;
  REQUIRE(pairinfo::pack_outline({"AAA-001", "BBB-001", std::string_view("Title"), std::string_view("avoid"),
                                  std::string_view("T2")},
                                 packed));
  for (std::size_t cut = 0; cut < packed.size(); ++cut) CHECK_FALSE(pairinfo::outline_json(packed.substr(0, cut), json));
  CHECK_FALSE(pairinfo::outline_json(packed + "z", json));
  std::string absent_code = packed;
  absent_code[0] = '\xFF';
  CHECK_FALSE(pairinfo::outline_json(absent_code, json));
}

TEST_CASE("the scan outlines a clean record, and its outline reads as the record does", "[outline][scan]") {
  const std::string record =
      R"({"interventions": ["AAA-001", "BBB-001"], "title": "Caf\u00e9 \"and\" tea", "significance": "caution",
          "summary": "S.", "mechanism": "M.", "evidence": {"summary": "E.", "tier": "T3", "limitations": "L."},
          "clinical_context": "C.", "cautions": ["c1", "c2"], "takeaways": [], "references": ["r"],
          "faq": [{"question": "Q?", "answer": "A."}, {"answer": "A2.", "question": "Q2?"}], "reviewed": "2025-01-31"})";
  auto outlines = scanned_outlines(record);
  REQUIRE(outlines.size() == 1);
  REQUIRE_FALSE(outlines[0].empty());
  std::string json;
  REQUIRE(pairinfo::outline_json(outlines[0], json));
  auto from_outline = nlohmann::json::parse(json);
  auto from_record = nlohmann::json::parse(record);
  CHECK(from_outline["title"] == "Caf\xC3\xA9 \"and\" tea");
  CHECK(from_outline["interventions"] == from_record["interventions"]);
  CHECK(from_outline["title"] == from_record["title"]);
  CHECK(from_outline["significance"] == from_record["significance"]);
  CHECK(from_outline["evidence"]["tier"] == from_record["evidence"]["tier"]);
}

TEST_CASE("the scan leaves without outline a record of any other shape", "[outline][scan]") {
  const std::string codes = R"("interventions": ["AAA-001", "BBB-001"])";
  const std::vector<std::string> refused = {
      "{" + codes + R"(, "colour": "red"})",                                  // unknown key
      "{" + codes + R"(, "x-note": "n"})",                                    // extension: the slow path takes it
      "{" + codes + R"(, "title": "a", "title": "b"})",                       // repeated key
      "{" + codes + R"(, "title": 5})",                                       // a number
      "{" + codes + R"(, "reviewed": null})",                                 // a literal
      "{" + codes + R"(, "significance": ["avoid"]})",                        // a list for text
      "{" + codes + R"(, "evidence": "T3"})",                                 // text for an object
      "{" + codes + R"(, "evidence": {"tier": {"id": "T3"}}})",               // an object for text
      "{" + codes + R"(, "evidence": {"grade": "T3"}})",                      // unknown evidence key
      "{" + codes + R"(, "evidence": {"tier": "T3", "tier": "T4"}})",         // repeated evidence key
      "{" + codes + R"(, "cautions": ["a", 3]})",                             // a number in a list
      "{" + codes + R"(, "cautions": [["a"]]})",                              // a list in a list
      "{" + codes + R"(, "faq": ["Q?"]})",                                    // text for an FAQ entry
      "{" + codes + R"(, "faq": [{"question": "Q?"}]})",                      // an answer missing
      "{" + codes + R"(, "faq": [{"question": "Q?", "answer": "A", "answer": "B"}]})",
      "{" + codes + R"(, "faq": [{"question": "Q?", "answer": ["A"]}]})",
      R"({"interventions": ["AAA-001", ["x"], "BBB-001"]})",                    // a list among the codes
  };
  for (const auto& record : refused) {
    INFO(record);
    auto outlines = scanned_outlines(record);
    REQUIRE(outlines.size() == 1);
    CHECK(outlines[0].empty());
  }
  // A key spelt with an escape is read (the reader decodes keys), just not from an outline.
  const std::string escaped_key = "{" + codes + R"(, "\u0074itle": "a"})";
  CHECK(scanned_outlines(escaped_key) == std::vector<std::string>{""});
  // Records the scan cannot key have no outline either: they are always read.
  auto unkeyed = scanned_outlines(R"({"interventions": ["AAA-001"]}, {"interventions": ["A\u0041A-001", "BBB-001"]})");
  CHECK(unkeyed == std::vector<std::string>{"", ""});
}
