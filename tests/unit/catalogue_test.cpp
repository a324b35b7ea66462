// Tests for catalogue: lookups by code and term, and images that reopen the same or are refused.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pairinfo/catalogue.hpp"
#include "pairinfo/scales.hpp"

namespace {

using pairinfo::Catalogue;
using pairinfo::CorruptImage;

std::shared_ptr<const Catalogue> sample() {
  std::vector<pairinfo::Intervention> interventions(3);
  interventions[0] = {"HRM-001", "Estradiol", "hormone", {"E2", "oestradiol"}, "A hormone.", {}, 0, 0};
  interventions[1] = {"DRG-002", "Warfarin", "drug", {"blood thinner"}, "", {}, 0, 1};
  interventions[2] = {"drg-003", "Apixaban", "drug", {"Blood-thinner"}, "", {}, 1, 0};
  pairinfo::LayerInfo first{"a.json", "A", 2, 0}, second{"b.json", "", 1, 0};
  return Catalogue::build(pairinfo::default_scales(), {{"drug", "DRG", "Drugs", ""}}, interventions, {first, second});
}

std::vector<std::uint32_t> list(std::span<const std::uint32_t> span) { return {span.begin(), span.end()}; }

}  // namespace

TEST_CASE("a catalogue finds interventions by code and by folded term", "[catalogue]") {
  auto catalogue = sample();
  CHECK(catalogue->find_code("hrm-001") == 0);
  CHECK(catalogue->find_code("DRG-003") == 2);  // defined in lower case, found in any case
  CHECK(catalogue->find_code("DRG-004") == Catalogue::npos);
  CHECK(catalogue->find_code("") == Catalogue::npos);
  CHECK(list(catalogue->terms().find("e2")) == std::vector<std::uint32_t>{0});
  CHECK(list(catalogue->terms().find("hrm001")) == std::vector<std::uint32_t>{0});  // compact code
  CHECK(list(catalogue->terms().find("blood thinner")) == std::vector<std::uint32_t>{1, 2});
  CHECK(catalogue->terms().find("blood").empty());
  std::string previous;
  for (const auto& [term, interventions] : catalogue->terms()) {
    CHECK(previous < std::string(term));  // sorted and unique
    CHECK(!interventions.empty());
    previous = std::string(term);
  }
  auto estradiol = catalogue->interventions()[0];
  CHECK(estradiol.name == "Estradiol");
  CHECK(estradiol.summary == "A hormone.");
  CHECK(std::vector<std::string_view>(estradiol.aliases.begin(), estradiol.aliases.end()) ==
        std::vector<std::string_view>{"E2", "oestradiol"});
  CHECK(catalogue->interventions()[2].layer == 1);
}

TEST_CASE("a catalogue image reopens as the same catalogue", "[catalogue]") {
  auto catalogue = sample();
  auto bytes = std::make_shared<std::string>(catalogue->image(42));
  CHECK(Catalogue::image_context(*bytes) == 42);
  auto reopened = Catalogue::open(*bytes, bytes);
  REQUIRE(reopened->interventions().size() == 3);
  CHECK(reopened->interventions()[1].code == "DRG-002");
  CHECK(reopened->find_code("drg-002") == 1);
  CHECK(reopened->terms().size() == catalogue->terms().size());
  CHECK(reopened->layers().size() == 2);
  CHECK(reopened->layers()[0].name == "A");
  CHECK(reopened->categories().at(0).prefix == "DRG");
  CHECK(reopened->scales().tiers.entries.size() == catalogue->scales().tiers.entries.size());
}

TEST_CASE("a damaged, truncated or foreign image is refused", "[catalogue]") {
  std::string bytes = sample()->image(7);
  SECTION("a flipped byte anywhere after the header") {
    for (std::size_t at : {std::size_t{40}, bytes.size() / 2, bytes.size() - 1}) {
      std::string damaged = bytes;
      damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
      CHECK_THROWS_AS(Catalogue::open(damaged, nullptr), CorruptImage);
    }
  }
  SECTION("cut short") {
    CHECK_THROWS_AS(Catalogue::open(std::string_view(bytes).substr(0, bytes.size() - 8), nullptr), CorruptImage);
    CHECK_THROWS_AS(Catalogue::open(std::string_view(bytes).substr(0, 10), nullptr), CorruptImage);
  }
  SECTION("not an image at all") {
    std::string foreign(bytes.size(), 'x');
    CHECK_THROWS_AS(Catalogue::open(foreign, nullptr), CorruptImage);
    CHECK_THROWS_AS(Catalogue::image_context(foreign), CorruptImage);
  }
}
