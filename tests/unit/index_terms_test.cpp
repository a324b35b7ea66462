// Tests for lookups that resolve in the index (its terms table) and load only the
// interventions they involve: the same answers as through the whole catalogue.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "pairinfo/bundled.hpp"
#include "pairinfo/index_db.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/query.hpp"
#include "pairinfo/render_text.hpp"
#include "test_data.hpp"

using pairinfo::DataLoader;
using pairinfo::Dataset;
using pairinfo::PairScope;
using strings = std::vector<std::string>;

namespace {

// A class (Statin) with a record that applies to one of its members, and records of a member
// with others.
const std::string statins = R"({"interventions": [
    {"code": "DRG-009", "name": "Statin", "members": ["DRG-016", "drg-017"]},
    {"code": "DRG-016", "name": "Simvastatin", "aliases": ["Zocor"]},
    {"code": "DRG-017", "name": "Rosuvastatin"},
    {"code": "DRG-018", "name": "Pravastatin"},
    {"code": "NUT-001", "name": "Grapefruit juice", "aliases": ["Pomelo d'Été"]},
    {"code": "NUT-002", "name": "Green tea"}],
  "pairs": [
    {"interventions": ["DRG-009", "NUT-001"], "significance": "caution", "applies_to": ["DRG-016"], "summary": "C."},
    {"interventions": ["DRG-016", "NUT-002"], "significance": "compatible", "summary": "G."},
    {"interventions": ["drg-016", "DRG-018"], "title": "Two statins", "summary": "T."}]})";

DataLoader loader_of(const std::string& text) { return DataLoader({pairinfo::DataSource("test.json", text)}); }

std::string codes(const Dataset& data) {
  std::string out;
  for (const auto& intervention : data.interventions()) out += intervention.code + " ";
  return out;
}

}  // namespace

TEST_CASE("the index resolves a code, name or alias, folded, to its one intervention", "[load][terms]") {
  DataLoader loader = loader_of(statins);
  CHECK(loader.codes_named({"simvastatin", "ZOCOR", "drg016"}) == strings{"DRG-016", "DRG-016", "DRG-016"});
  CHECK(loader.codes_named({"POMELO D\u2019\u00C9T\u00C9", "Grapefruit-Juice"}) == strings{"NUT-001", "NUT-001"});
  // Anything else is for the whole catalogue to resolve and explain: a miss, a typo, a part.
  CHECK(loader.codes_named({"simvastatin", "zocorr"}).empty());
  CHECK(loader.codes_named({"grapefruit"}).empty());
  CHECK(loader.codes_named({""}).empty());
  CHECK(loader.codes_named({}).empty());
}

TEST_CASE("a pair loaded with only the interventions it involves answers as the whole data set does",
          "[load][terms][classes]") {
  DataLoader loader = loader_of(statins);
  Dataset whole = loader.load(PairScope::all());
  for (const auto& [a, b] : {std::pair{"DRG-016", "NUT-001"}, std::pair{"DRG-017", "NUT-001"},
                             std::pair{"DRG-016", "NUT-002"}, std::pair{"DRG-018", "NUT-002"}}) {
    INFO(a << " + " << b);
    Dataset part = loader.load_involved(PairScope::among({a, b}));
    auto answer = [](const Dataset& data, const char* x, const char* y) {
      auto found = pairinfo::answer_pair(data, data.find_code(x), data.find_code(y));
      std::string out = found.record == Dataset::npos ? "none" : pairinfo::pair_title(data, data.pairs()[found.record]);
      if (found.via_class != Dataset::npos) out += " via " + data.interventions()[found.via_class].code;
      for (const auto& [record, member] : found.not_applying) out += " not " + data.interventions()[member].code;
      if (found.record != Dataset::npos) out += "\n" + pairinfo::text_pair(data, data.pairs()[found.record], {});
      return out;
    };
    CHECK(answer(part, a, b) == answer(whole, a, b));
    CHECK(part.interventions().size() < whole.interventions().size());
  }
  // A member's pair with a class record: the class and its members (named in the record) too.
  CHECK(codes(loader.load_involved(PairScope::among({"DRG-016", "NUT-001"}))) ==
        "DRG-009 DRG-016 DRG-017 NUT-001 ");
}

TEST_CASE("one intervention's records loaded with only the interventions they involve list as before",
          "[load][terms]") {
  DataLoader loader = loader_of(statins);
  Dataset whole = loader.load(PairScope::all());
  auto listed = [](const Dataset& data) {
    pairinfo::ListFilter filter;
    filter.with = data.find_code("DRG-016");
    return pairinfo::text_pair_lines(data, pairinfo::list_pairs(data, filter), {});
  };
  auto scope = PairScope::touching({"drg-016"}).keeping(pairinfo::RecordParts::outline);
  Dataset part = loader.load_involved(scope);
  CHECK(listed(part) == listed(loader.load(scope)));
  CHECK(codes(part) == "DRG-016 DRG-018 NUT-002 ");  // the other of each record, in catalogue order
}

TEST_CASE("the index gives each intervention asked for once, in catalogue order, with a class's members",
          "[load][terms][classes]") {
  Dataset whole = loader_of(statins).load(PairScope::all());
  auto db = pairinfo::IndexDb::create(":memory:");
  db.begin();
  db.put_catalogue(*whole.catalogue());
  // Codes in any case and repeated (a listing's rows name their intervention once each);
  // one that no intervention has is left out.
  auto part = db.catalogue_of({"nut-001", "DRG-009", "NUT-001", "drg-009", "XYZ-999"});
  std::string out;
  for (const auto& intervention : part->interventions()) {
    out += intervention.code;
    for (const auto& alias : intervention.aliases) out += " a:" + alias;
    for (const auto& member : intervention.members) out += " m:" + member;
    out += "\n";
  }
  CHECK(out == "DRG-009 m:DRG-016 m:drg-017\nDRG-016 a:Zocor\nDRG-017\nNUT-001 a:Pomelo d'Été\n");
}

TEST_CASE("the index's meta values read once are still those last put", "[load]") {
  auto db = pairinfo::IndexDb::create(":memory:");
  db.begin();
  db.put_meta("schema", "one");
  CHECK(db.meta("schema") == "one");
  db.put_meta("schema", "two");
  db.put_meta("set", "s");
  CHECK(db.meta("schema") == "two");
  CHECK(db.meta("set") == "s");
  CHECK_FALSE(db.meta("key"));
}

TEST_CASE("the records among a few codes, among many, and touching them are those of the whole index that qualify",
          "[load][terms]") {
  // Two to four codes are probed a pair at a time, more through one join: both answer alike.
  auto db = pairinfo::IndexDb::open_image(pairinfo::bundled_index());
  std::vector<pairinfo::IndexedPair> all = db.pairs({});
  REQUIRE(all.size() > 10);
  auto ids = [](const std::vector<pairinfo::IndexedPair>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& row : rows) out.push_back(row.id);
    return out;
  };
  auto upper = [](std::string code) {
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return code;
  };
  // The codes of the first records, in lower case (codes match in any case), one repeated.
  strings codes;
  for (const auto& row : all)
    for (const auto& code : row.codes) {
      std::string lower = code;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (std::find(codes.begin(), codes.end(), lower) == codes.end()) codes.push_back(lower);
    }
  REQUIRE(codes.size() >= 8);
  for (std::size_t n = 2; n <= 8; ++n) {
    strings chosen(codes.begin(), codes.begin() + static_cast<std::ptrdiff_t>(n));
    chosen.push_back(chosen.front());
    std::vector<pairinfo::IndexedPair> expected;
    for (const auto& row : all) {
      auto among = [&](const std::string& code) {
        return std::any_of(chosen.begin(), chosen.end(), [&](const std::string& c) { return upper(c) == upper(code); });
      };
      if (among(row.codes[0]) && among(row.codes[1])) expected.push_back(row);
    }
    INFO(n << " codes");
    CHECK_FALSE(expected.empty());
    CHECK(ids(db.pairs({pairinfo::IndexQuery::Kind::among, chosen, {}})) == ids(expected));
    // The records touching any of them: each once (one names two of them), in id order.
    std::vector<pairinfo::IndexedPair> touching;
    for (const auto& row : all) {
      auto among = [&](const std::string& code) {
        return std::any_of(chosen.begin(), chosen.end(), [&](const std::string& c) { return upper(c) == upper(code); });
      };
      if (among(row.codes[0]) || among(row.codes[1])) touching.push_back(row);
    }
    CHECK(ids(db.pairs({pairinfo::IndexQuery::Kind::touching, chosen, {}})) == ids(touching));
  }
}
