// Tests for resolve: what a user typed to an intervention, ambiguity, and suggestions for a miss.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "pairinfo/resolve.hpp"
#include "pairinfo/scales.hpp"
#include "test_data.hpp"

using pairinfo::Dataset;
using pairinfo::Resolution;
using pairinfo::resolve_term;

namespace {

Dataset catalogue() {
  return test_data::load_text(R"({
  "interventions": [
    {"code": "AES-005", "name": "Dermal filler", "aliases": ["Juvéderm", "hyaluronic acid filler"]},
    {"code": "DRG-002", "name": "Warfarin", "aliases": ["Coumadin"]},
    {"code": "DRG-004", "name": "Metformin"},
    {"code": "HRM-001", "name": "Estradiol", "aliases": ["E2", "oestradiol"]},
    {"code": "HRM-004", "name": "Levothyroxine", "aliases": ["L-thyroxine"]},
    {"code": "HRM-005", "name": "Combined hormonal contraceptive", "aliases": ["the pill"]},
    {"code": "SUP-004", "name": "St John’s wort", "aliases": ["Saint John's wort", "SJW"]},
    {"code": "SUP-007", "name": "Ginkgo biloba", "aliases": ["ginkgo", "gingko"]}
  ]
})");
}

// The code of the single match, or why there is none.
std::string resolved_code(const Dataset& data, std::string_view term) {
  Resolution resolution = resolve_term(data, term);
  if (resolution.kind == Resolution::Kind::ambiguous) return "<ambiguous>";
  if (resolution.kind == Resolution::Kind::not_found) return "<not found>";
  REQUIRE(resolution.matches.size() == 1);
  return std::string(data.interventions()[resolution.matches[0]].code);
}

std::vector<std::string> codes_of(const Dataset& data, const std::vector<std::size_t>& indexes) {
  std::vector<std::string> codes;
  for (std::size_t index : indexes) codes.emplace_back(data.interventions()[index].code);
  return codes;
}

}  // namespace

TEST_CASE("codes resolve in any case, with or without the hyphen", "[resolve]") {
  Dataset data = catalogue();
  CHECK(resolved_code(data, "HRM-001") == "HRM-001");
  CHECK(resolved_code(data, "hrm-001") == "HRM-001");
  CHECK(resolved_code(data, "hrm001") == "HRM-001");
  CHECK(resolved_code(data, "HRM 001") == "HRM-001");
  CHECK(resolved_code(data, "HRM-01") == "<not found>");
}

TEST_CASE("names and aliases resolve, ignoring case and spacing", "[resolve]") {
  Dataset data = catalogue();
  CHECK(resolved_code(data, "Estradiol") == "HRM-001");
  CHECK(resolved_code(data, "ESTRADIOL") == "HRM-001");
  CHECK(resolved_code(data, "e2") == "HRM-001");
  CHECK(resolved_code(data, "Oestradiol") == "HRM-001");
  CHECK(resolved_code(data, "coumadin") == "DRG-002");
  CHECK(resolved_code(data, "  the   pill ") == "HRM-005");
  CHECK(resolved_code(data, "combined hormonal contraceptive") == "HRM-005");
  CHECK(resolved_code(data, "L-Thyroxine") == "HRM-004");
  CHECK(resolved_code(data, "l thyroxine") == "HRM-004");
  CHECK(resolved_code(data, "Hyaluronic-Acid-Filler") == "AES-005");
  Resolution resolution = resolve_term(data, "  E2 ");
  CHECK(resolution.term == "  E2 ");  // what the user typed, for messages
}

TEST_CASE("accents and apostrophes do not matter", "[resolve]") {
  Dataset data = catalogue();
  CHECK(resolved_code(data, "Juvéderm") == "AES-005");
  CHECK(resolved_code(data, "juvederm") == "AES-005");
  CHECK(resolved_code(data, "JUVÉDERM") == "AES-005");
  CHECK(resolved_code(data, "st johns wort") == "SUP-004");
  CHECK(resolved_code(data, "St John's Wort") == "SUP-004");
  CHECK(resolved_code(data, "St. John’s wort") == "SUP-004");
  CHECK(resolved_code(data, "st-johns-wort") == "SUP-004");
  CHECK(resolved_code(data, "saint johns wort") == "SUP-004");
  CHECK(resolved_code(data, "sjw") == "SUP-004");
}

TEST_CASE("a term that names several interventions is ambiguous", "[resolve]") {
  // The loader refuses such data, so the dataset is built directly.
  std::vector<pairinfo::Intervention> interventions(3);
  interventions[0] = {"DRG-002", "Warfarin", "drug", {"blood thinner"}, "", {}, 0, 0};
  interventions[1] = {"DRG-003", "Apixaban", "drug", {"Blood-thinner"}, "", {}, 0, 0};
  interventions[2] = {"DRG-004", "Metformin", "drug", {}, "", {}, 0, 0};
  Dataset data(pairinfo::default_scales(), {}, interventions, {}, {});
  Resolution resolution = resolve_term(data, "blood thinner");
  CHECK(resolution.kind == Resolution::Kind::ambiguous);
  CHECK(codes_of(data, resolution.matches) == std::vector<std::string>{"DRG-002", "DRG-003"});
  CHECK(pairinfo::describe_interventions(data, resolution.matches) == "DRG-002 (Warfarin) or DRG-003 (Apixaban)");
  CHECK(resolve_term(data, "metformin").kind == Resolution::Kind::found);
}

TEST_CASE("a miss suggests the nearest interventions", "[resolve][suggest]") {
  Dataset data = catalogue();
  SECTION("typos") {
    for (const char* typo : {"warfrin", "wafarin", "warfarni", "WARFARN"}) {
      Resolution resolution = resolve_term(data, typo);
      CAPTURE(typo);
      CHECK(resolution.kind == Resolution::Kind::not_found);
      REQUIRE_FALSE(resolution.matches.empty());
      CHECK(data.interventions()[resolution.matches[0]].code == "DRG-002");
    }
    CHECK(codes_of(data, resolve_term(data, "estradoil").matches).front() == "HRM-001");
    CHECK(codes_of(data, resolve_term(data, "metformine").matches).front() == "DRG-004");
    CHECK(codes_of(data, resolve_term(data, "juvedrem").matches).front() == "AES-005");
    CHECK(codes_of(data, resolve_term(data, "st jons wort").matches).front() == "SUP-004");
  }
  SECTION("a misspelt code") {
    CHECK(codes_of(data, resolve_term(data, "HRM-010").matches).front() == "HRM-001");
  }
  SECTION("nothing close: no suggestion rather than a wild guess") {
    CHECK(resolve_term(data, "xylophone").matches.empty());
    CHECK(resolve_term(data, "").matches.empty());
    CHECK(resolve_term(data, std::string(1000, 'a')).matches.empty());
  }
  SECTION("nearest first, ties by code, at most the limit") {
    // "hrm-00" is one edit from each HRM code.
    auto suggestions = pairinfo::suggest(data, "hrm-00");
    CHECK(codes_of(data, suggestions) == std::vector<std::string>{"HRM-001", "HRM-004", "HRM-005"});
    CHECK(pairinfo::suggest(data, "hrm-00", 2).size() == 2);
    auto ranked = pairinfo::suggest(data, "gingo");
    REQUIRE_FALSE(ranked.empty());
    CHECK(data.interventions()[ranked[0]].code == "SUP-007");
  }
}

TEST_CASE("describe_interventions lists code and name", "[resolve]") {
  Dataset data = catalogue();
  auto index = [&](const char* code) { return test_data::index_of(data, code); };
  CHECK(pairinfo::describe_interventions(data, {}) == "");
  CHECK(pairinfo::describe_interventions(data, {index("HRM-001")}) == "HRM-001 (Estradiol)");
  CHECK(pairinfo::describe_interventions(data, {index("HRM-001"), index("DRG-002"), index("DRG-004")}) ==
        "HRM-001 (Estradiol), DRG-002 (Warfarin) or DRG-004 (Metformin)");
}

TEST_CASE("readings: words typed without quotes split into names that each resolve", "[resolve]") {
  Dataset data = catalogue();
  auto shown = [&](const std::vector<pairinfo::Reading>& readings) {
    std::vector<std::string> out;
    for (const auto& reading : readings) {
      std::string line;
      for (std::size_t i = 0; i < reading.names.size(); ++i)
        line += (i ? " + " : "") + reading.names[i] + "=" + std::string(data.interventions()[reading.interventions[i]].code);
      out.push_back(line);
    }
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(shown(pairinfo::readings(data, {"warfarin", "the", "pill"}, 2)) == V{"warfarin=DRG-002 + the pill=HRM-005"});
  CHECK(shown(pairinfo::readings(data, {"the", "pill", "warfarin"}, 2)) == V{"the pill=HRM-005 + warfarin=DRG-002"});
  CHECK(shown(pairinfo::readings(data, {"St", "John's", "wort"}, 2)) == V{"St John's wort=SUP-004"});
  // At most two names for a lookup; a word that is no name leaves no reading.
  CHECK(pairinfo::readings(data, {"warfarin", "metformin", "estradiol"}, 2).empty());
  CHECK(pairinfo::readings(data, {"warfarin", "nosuch"}, 2).empty());
  // An empty word is never part of a name.
  CHECK(pairinfo::readings(data, {"", "warfarin"}, 2).empty());
}

TEST_CASE("readings: every way the words can be read is returned, fewest names first", "[resolve]") {
  Dataset data = test_data::load_text(R"({"interventions": [
    {"code": "A-1", "name": "Alpha"}, {"code": "B-1", "name": "Beta gamma"},
    {"code": "C-1", "name": "Alpha beta"}, {"code": "D-1", "name": "Gamma"},
    {"code": "E-1", "name": "Alpha beta gamma"}]})");
  auto found = pairinfo::readings(data, {"alpha", "beta", "gamma"}, 2);
  REQUIRE(found.size() == 3);
  CHECK(found[0].names == std::vector<std::string>{"alpha beta gamma"});
  CHECK(found[1].names.size() == 2);
  CHECK(pairinfo::readings(data, {"alpha", "beta", "gamma"}, 1).size() == 1);
}

TEST_CASE("describe_miss says why a term did not resolve", "[resolve]") {
  Dataset data = catalogue();
  std::size_t warfarin = data.find_code("DRG-002");
  CHECK(pairinfo::describe_miss(data, false, {}) == "no intervention matches; see 'pairinfo interventions'");
  CHECK(pairinfo::describe_miss(data, false, {warfarin}) == "no intervention matches; did you mean DRG-002 (Warfarin)?");
  CHECK(pairinfo::describe_miss(data, true, {warfarin}).rfind("names several interventions: DRG-002 (Warfarin)", 0) == 0);
}
