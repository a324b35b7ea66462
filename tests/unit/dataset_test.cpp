// Tests for dataset: lookups by code and pair (order- and case-free), records per intervention, folded terms.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/scales.hpp"
#include "pairinfo/text.hpp"
#include "test_data.hpp"

using pairinfo::Dataset;

namespace {

Dataset sample() {
  return test_data::load_text(R"({
  "categories": [{"id": "drug", "prefix": "DRG", "name": "Prescription drug"},
                 {"id": "supplement", "prefix": "SUP", "name": "Supplement"}],
  "interventions": [
    {"code": "DRG-002", "name": "Warfarin", "category": "drug", "aliases": ["Coumadin"]},
    {"code": "SUP-001", "name": "Fish oil", "category": "supplement", "aliases": ["omega-3", "EPA"]},
    {"code": "SUP-004", "name": "St John’s wort", "category": "supplement"},
    {"code": "SUP-007", "name": "Ginkgo biloba", "category": "supplement"}
  ],
  "pairs": [
    {"interventions": ["SUP-001", "DRG-002"], "summary": "One."},
    {"interventions": ["DRG-002", "SUP-007"], "summary": "Two."}
  ]
})");
}

}  // namespace

TEST_CASE("find_code ignores case", "[dataset]") {
  Dataset data = sample();
  CHECK(data.find_code("DRG-002") == 0);
  CHECK(data.find_code("drg-002") == 0);
  CHECK(data.find_code("Sup-007") == 3);
  CHECK(data.find_code("DRG-999") == Dataset::npos);
  CHECK(data.find_code("") == Dataset::npos);
  CHECK(data.find_code("DRG002") == Dataset::npos);  // codes are exact apart from case
}

TEST_CASE("find_pair takes the two codes in either order and any case", "[dataset]") {
  Dataset data = sample();
  std::size_t index = data.find_pair("DRG-002", "SUP-001");
  REQUIRE(index != Dataset::npos);
  CHECK(data.pairs()[index].text(pairinfo::Field::summary) == "One.");
  CHECK(data.find_pair("SUP-001", "DRG-002") == index);
  CHECK(data.find_pair("sup-001", "drg-002") == index);
  CHECK(data.find_pair("SUP-001", "SUP-007") == Dataset::npos);
  CHECK(data.find_pair("SUP-001", "SUP-001") == Dataset::npos);
}

TEST_CASE("pair_key is the same for either order, and normalize_code upper-cases", "[dataset]") {
  CHECK(pairinfo::pair_key("AES-001", "HRM-001") == pairinfo::pair_key("hrm-001", "aes-001"));
  CHECK(pairinfo::pair_key("A", "BC") != pairinfo::pair_key("AB", "C"));
  CHECK(pairinfo::normalize_code("aes-001_x.y") == "AES-001_X.Y");
}

TEST_CASE("pairs_with lists the records that include an intervention", "[dataset]") {
  Dataset data = sample();
  auto warfarin = data.pairs_with(data.find_code("DRG-002"));
  CHECK(std::vector<std::size_t>(warfarin.begin(), warfarin.end()) == std::vector<std::size_t>{0, 1});
  auto ginkgo = data.pairs_with(data.find_code("SUP-007"));
  CHECK(std::vector<std::size_t>(ginkgo.begin(), ginkgo.end()) == std::vector<std::size_t>{1});
  CHECK(data.pairs_with(data.find_code("SUP-004")).empty());
  CHECK(data.pairs_with(Dataset::npos).empty());
  CHECK(data.pairs_with(99).empty());
}

TEST_CASE("matching finds interventions by folded code, name or alias", "[dataset]") {
  Dataset data = sample();
  auto only = [&](std::string_view typed) {
    auto found = data.matching(pairinfo::fold_term(typed));
    return found.size() == 1 ? found[0] : Dataset::npos;
  };
  CHECK(only("Warfarin") == 0);
  CHECK(only("COUMADIN") == 0);
  CHECK(only("drg-002") == 0);
  CHECK(only("DRG 002") == 0);
  CHECK(only("drg002") == 0);  // the code without its separator
  CHECK(only("Omega 3") == 1);
  CHECK(only("st johns wort") == 2);
  CHECK(only("St. John's Wort") == 2);
  CHECK(data.matching(pairinfo::fold_term("warfarine")).empty());
  CHECK(data.matching("").empty());
  // Every entry in terms() is already folded.
  for (const auto& [term, indexes] : data.terms()) {
    CHECK(pairinfo::fold_term(term) == term);
    CHECK_FALSE(indexes.empty());
  }
}

TEST_CASE("intervention(code) returns the entry or throws", "[dataset]") {
  Dataset data = sample();
  CHECK(data.intervention("sup-001").name == "Fish oil");
  CHECK_THROWS_AS(data.intervention("XYZ-001"), std::out_of_range);
}

TEST_CASE("find_category by id, prefix or name", "[dataset]") {
  Dataset data = sample();
  const auto* by_id = data.find_category("drug");
  REQUIRE(by_id != nullptr);
  CHECK(by_id->id == "drug");
  CHECK(data.find_category("DRG") == by_id);
  CHECK(data.find_category("prescription drug") == by_id);
  CHECK(data.find_category("Prescription-Drug") == by_id);
  CHECK(data.find_category("sup")->id == "supplement");
  CHECK(data.find_category("hormone") == nullptr);
}

TEST_CASE("a dataset built directly indexes what it is given", "[dataset]") {
  std::vector<pairinfo::Intervention> interventions(2);
  interventions[0].code = "A-1";
  interventions[0].name = "First";
  interventions[1].code = "B-1";
  interventions[1].name = "Second";
  interventions[1].aliases = {"Primary"};
  std::vector<pairinfo::PairRecord> pairs(1);
  pairs[0].codes = {"b-1", "a-1"};
  Dataset data(pairinfo::default_scales(), {}, interventions, pairs, {{"memory", "", 2, 1}});
  CHECK(data.find_pair("A-1", "B-1") == 0);
  CHECK(data.pairs_with(0).size() == 1);
  CHECK(data.pairs_with(1).size() == 1);
  CHECK(data.matching("primary").size() == 1);
  CHECK(data.layers().at(0).source == "memory");

  Dataset empty;
  CHECK(empty.interventions().empty());
  CHECK(empty.find_code("A-1") == Dataset::npos);
  CHECK(empty.find_pair("A-1", "B-1") == Dataset::npos);
}
