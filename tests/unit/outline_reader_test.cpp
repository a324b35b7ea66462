// Tests for outline_reader: a record's codes, title, significance and tier, read with simdjson.
#include <catch2/catch.hpp>

#include <string>

#include "pairinfo/outline_reader.hpp"

namespace {

// read_outline with the padding simdjson needs after the text.
std::optional<pairinfo::RecordOutline> outline(const std::string& record) {
  std::string padded = record + std::string(pairinfo::outline_padding, ' ');
  return pairinfo::read_outline(std::string_view(padded).substr(0, record.size()));
}

}  // namespace

TEST_CASE("read_outline reads the parts a list shows", "[outline_reader]") {
  auto read = outline(R"({"interventions": ["AAA-001", "BBB-002"], "title": "Caf\u00e9 \"x\"", "significance": "caution",
                          "evidence": {"tier": "T2", "summary": "e"}, "summary": "s", "references": [{"a": [1, 2.5e3, true, null]}]})");
  REQUIRE(read);
  CHECK(read->code_a == "AAA-001");
  CHECK(read->code_b == "BBB-002");
  CHECK(read->title == "Caf\xC3\xA9 \"x\"");
  CHECK(read->significance == "caution");
  CHECK(read->tier == "T2");
  auto bare = outline(R"({"interventions": ["A", "B"]})");
  REQUIRE(bare);
  CHECK(bare->title.empty());
  CHECK(bare->tier.empty());
}

TEST_CASE("read_outline refuses records that are not well-formed or not shaped so", "[outline_reader]") {
  for (std::string bad : {R"({"interventions": ["A"]})", R"({"interventions": ["A", "B", "C"]})",
                          R"({"interventions": ["A", 2]})", R"({"interventions": "A"})", R"({"title": "x"})",
                          R"({"interventions": ["A", "B"], "title": 1})", R"({"interventions": ["A", "B"], "evidence": {"tier": null}})",
                          R"({"interventions": ["A", "B"], "x": [1 2]})", R"({"interventions": ["A", "B"], "x": tru})",
                          R"({"interventions": ["A", "B"], "x": "\q"})", "{\"interventions\": [\"A\", \"B\"], \"x\": \"\xFF\"}",
                          "{\"interventions\": [\"A\", \"B\"], \"x\": \"a\tb\"}", R"({"interventions": ["A", "B"], "x": 01})",
                          R"({"interventions": ["A", "B"]} x)", R"({"interventions": ["A", "B"]}{})", R"([1])", "",
                          R"({"interventions": ["A", "B"], "title": "a", "title": "b"})",
                          R"({"interventions": ["A", "B"], "x": {"k": 1, "k": 2}})", R"({"interventions": ["A", "B"])"}) {
    CAPTURE(bad);
    CHECK_FALSE(outline(bad));
  }
  // Nesting counts as in the file, where a record is two levels deep.
  auto nested = [](std::size_t levels) {
    return "{\"interventions\": [\"A\", \"B\"], \"x\": " + std::string(levels, '[') + std::string(levels, ']') + "}";
  };
  CHECK(outline(nested(61)));
  CHECK_FALSE(outline(nested(62)));
}
