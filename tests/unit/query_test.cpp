// Tests for query: list filters alone and combined, search ranking and snippets, regimen checks.
// The interventions are fictional so that no test reads as a statement about real products.
#include <catch2/catch.hpp>
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "pairinfo/query.hpp"
#include "pairinfo/text.hpp"
#include "test_data.hpp"

using pairinfo::Dataset;
using pairinfo::ListFilter;
using pairinfo::QueryError;

namespace {

std::string repeat(const std::string& word, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += word + " ";
  return out;
}

std::string sample_text() {
  return R"({
  "categories": [
    {"id": "aesthetic", "prefix": "AES", "name": "Aesthetic procedure"},
    {"id": "drug", "prefix": "DRG", "name": "Prescription drug"},
    {"id": "hormone", "prefix": "HRM", "name": "Hormone"},
    {"id": "supplement", "prefix": "SUP", "name": "Supplement"}
  ],
  "interventions": [
    {"code": "SUP-007", "name": "Leafwort", "category": "supplement", "aliases": ["leaf extract"]},
    {"code": "AES-001", "name": "Needling", "category": "aesthetic"},
    {"code": "DRG-002", "name": "Thinnerol", "category": "drug", "aliases": ["Thinz"]},
    {"code": "HRM-001", "name": "Hormonex", "category": "hormone"},
    {"code": "SUP-001", "name": "Sea oil", "category": "supplement", "aliases": ["marine oil"]},
    {"code": "DRG-004", "name": "Sugarex", "category": "drug"}
  ],
  "pairs": [
    {"interventions": ["AES-001", "HRM-001"], "significance": "benefit", "evidence": {"tier": "T3"},
     "summary": "Skin remodelling is the shared theme."},
    {"interventions": ["DRG-002", "SUP-001"], "significance": "caution", "evidence": {"tier": "T2"},
     "summary": "Both may add to bleeding tendency."},
    {"interventions": ["SUP-007", "DRG-002"], "significance": "caution", "evidence": {"tier": "T4"},
     "summary": "Bleeding has been discussed."},
    {"interventions": ["DRG-002", "HRM-001"], "significance": "monitor", "evidence": {"tier": "T1"},
     "title": "Thinning and hormones"},
    {"interventions": ["SUP-001", "SUP-007"], "significance": "compatible", "evidence": {"tier": "T3"},
     "mechanism": "Neither is expected to change bleeding on its own."},
    {"interventions": ["DRG-002", "DRG-004"], "significance": "avoid", "evidence": {"tier": "T3"}},
    {"interventions": ["HRM-001", "SUP-001"], "summary": "Named next to thinnerol in a leaflet.",
     "clinical_context": ")" + repeat("lorem", 20) + "zebra " + repeat("ipsum", 40) + R"(",
     "faq": [{"question": "Is there a quokka?", "answer": "No."}]}
  ]
})";
}

Dataset sample() { return test_data::load_text(sample_text()); }

// A search of the sample through its index, as `pairinfo search` runs it.
struct Found {
  Dataset data;
  std::vector<pairinfo::SearchHit> hits;
};
Found find(const std::vector<std::string>& words, std::size_t limit = 0) {
  pairinfo::DataLoader loader({pairinfo::DataSource("test.json", sample_text())});
  auto result = loader.search(pairinfo::search_words(words), limit);
  auto hits = pairinfo::search_hits(result.matches);
  return {std::move(result.data), std::move(hits)};
}


// The record indexes as "CODE+CODE" strings, in the order given.
std::vector<std::string> keys(const Dataset& data, const std::vector<std::size_t>& records) {
  std::vector<std::string> out;
  for (std::size_t index : records) out.push_back(data.pairs()[index].codes[0] + "+" + data.pairs()[index].codes[1]);
  return out;
}

std::vector<std::string> hit_keys(const Dataset& data, const std::vector<pairinfo::SearchHit>& hits) {
  std::vector<std::size_t> records;
  for (const auto& hit : hits) records.push_back(hit.pair);
  return keys(data, records);
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("list_pairs without filters lists every record, ordered by codes when asked", "[query][list]") {
  Dataset data = sample();
  ListFilter by_code;
  by_code.order = pairinfo::ListOrder::code;
  CHECK(keys(data, pairinfo::list_pairs(data, by_code)) ==
        strings{"AES-001+HRM-001", "DRG-002+DRG-004", "DRG-002+HRM-001", "DRG-002+SUP-001", "SUP-007+DRG-002",
                "HRM-001+SUP-001", "SUP-001+SUP-007"});
}

TEST_CASE("list_pairs filters alone and combined", "[query][list]") {
  Dataset data = sample();
  ListFilter filter;
  filter.order = pairinfo::ListOrder::code;
  filter.with = test_data::index_of(data, "DRG-002");
  CHECK(keys(data, pairinfo::list_pairs(data, filter)) ==
        strings{"DRG-002+DRG-004", "DRG-002+HRM-001", "DRG-002+SUP-001", "SUP-007+DRG-002"});
  filter.significance = {"caution"};
  CHECK(keys(data, pairinfo::list_pairs(data, filter)) == strings{"DRG-002+SUP-001", "SUP-007+DRG-002"});
  filter.tier = "T2";
  CHECK(keys(data, pairinfo::list_pairs(data, filter)) == strings{"DRG-002+SUP-001"});
  filter.category = "supplement";
  CHECK(keys(data, pairinfo::list_pairs(data, filter)) == strings{"DRG-002+SUP-001"});
  filter.category = "hormone";
  CHECK(pairinfo::list_pairs(data, filter).empty());

  SECTION("significance by name, tier in any case") {
    ListFilter by_name;
    by_name.order = pairinfo::ListOrder::code;
    by_name.significance = {"Use with caution"};
    CHECK(pairinfo::list_pairs(data, by_name).size() == 2);
    ListFilter lower_tier;
    lower_tier.order = pairinfo::ListOrder::code;
    lower_tier.tier = "t3";
    CHECK(keys(data, pairinfo::list_pairs(data, lower_tier)) ==
          strings{"AES-001+HRM-001", "DRG-002+DRG-004", "SUP-001+SUP-007"});
  }
  SECTION("a category by id, prefix or name matches either side of a pair") {
    strings supplements{"DRG-002+SUP-001", "SUP-007+DRG-002", "HRM-001+SUP-001", "SUP-001+SUP-007"};
    for (const char* category : {"supplement", "SUP", "sup", "Supplement"}) {
      ListFilter by_category;
      by_category.order = pairinfo::ListOrder::code;
      by_category.category = category;
      CAPTURE(category);
      CHECK(keys(data, pairinfo::list_pairs(data, by_category)) == supplements);
    }
    ListFilter drug_t3;
    drug_t3.order = pairinfo::ListOrder::code;
    drug_t3.category = "Prescription drug";
    drug_t3.tier = "T3";
    CHECK(keys(data, pairinfo::list_pairs(data, drug_t3)) == strings{"DRG-002+DRG-004"});
  }
}

TEST_CASE("list_pairs puts the most serious first, then the strongest evidence; or sorts by tier or code", "[query][list]") {
  Dataset data = sample();
  ListFilter filter;  // severity is the default
  CHECK(keys(data, pairinfo::list_pairs(data, filter)) ==
        strings{"DRG-002+DRG-004", "DRG-002+SUP-001", "SUP-007+DRG-002", "DRG-002+HRM-001", "SUP-001+SUP-007",
                "AES-001+HRM-001", "HRM-001+SUP-001"});
  filter.order = pairinfo::ListOrder::tier;
  auto by_tier = keys(data, pairinfo::list_pairs(data, filter));
  REQUIRE(by_tier.size() == 7);
  CHECK(by_tier[0] == "DRG-002+HRM-001");  // the only T1
  CHECK(by_tier[1] == "DRG-002+SUP-001");  // T2
  CHECK(by_tier[2] == "DRG-002+DRG-004");  // T3, avoid before the other T3s
  CHECK(pairinfo::parse_list_order("severity") == pairinfo::ListOrder::severity);
  CHECK(pairinfo::parse_list_order("code") == pairinfo::ListOrder::code);
  CHECK_FALSE(pairinfo::parse_list_order("random"));
}

TEST_CASE("list_pairs takes several significance levels, or a floor", "[query][list]") {
  Dataset data = sample();
  ListFilter filter;
  filter.order = pairinfo::ListOrder::code;
  filter.significance = {"caution", "Avoid"};
  CHECK(keys(data, pairinfo::list_pairs(data, filter)) == strings{"DRG-002+DRG-004", "DRG-002+SUP-001", "SUP-007+DRG-002"});
  ListFilter floor;
  floor.order = pairinfo::ListOrder::code;
  floor.min_significance = "monitor";
  CHECK(keys(data, pairinfo::list_pairs(data, floor)) ==
        strings{"DRG-002+DRG-004", "DRG-002+HRM-001", "DRG-002+SUP-001", "SUP-007+DRG-002"});
  floor.min_significance = "bogus";
  CHECK_THROWS_AS(pairinfo::list_pairs(data, floor), QueryError);
}

TEST_CASE("interventions_matching keeps those whose code, name, alias or category holds the words", "[query]") {
  Dataset data = sample();
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < data.interventions().size(); ++i) all.push_back(i);
  auto codes = [&](const std::vector<std::size_t>& indexes) {
    strings out;
    for (std::size_t index : indexes) out.emplace_back(data.interventions()[index].code);
    return out;
  };
  CHECK(codes(pairinfo::interventions_matching(data, all, {"thin"})) == strings{"DRG-002"});
  CHECK(pairinfo::interventions_matching(data, all, {"nothing-like-this"}).empty());
  CHECK(codes(pairinfo::interventions_matching(data, all, {"sea", "oil"})) == strings{"SUP-001"});
  CHECK(pairinfo::interventions_matching(data, all, {"oil", "sea"}).empty());
  CHECK(pairinfo::interventions_matching(data, all, {}).size() == all.size());
}

TEST_CASE("list_pairs rejects filter values the data does not know", "[query][list]") {
  Dataset data = sample();
  ListFilter category;
  category.order = pairinfo::ListOrder::code;
  category.category = "vegetable";
  CHECK_THROWS_WITH(pairinfo::list_pairs(data, category),
                    "unknown category \"vegetable\" (known: aesthetic, drug, hormone, supplement)");
  ListFilter tier;
  tier.order = pairinfo::ListOrder::code;
  tier.tier = "T9";
  CHECK_THROWS_WITH(pairinfo::list_pairs(data, tier), "unknown tier \"T9\" (known: T1, T2, T3, T4)");
  ListFilter significance;
  significance.order = pairinfo::ListOrder::code;
  significance.significance = {"deadly"};
  CHECK_THROWS_AS(pairinfo::list_pairs(data, significance), QueryError);
  CHECK_THROWS_WITH(pairinfo::list_pairs(data, significance),
                    "unknown significance \"deadly\" (known: benefit, compatible, monitor, caution, avoid)");
}

TEST_CASE("list_interventions orders by code and filters by category", "[query][list]") {
  Dataset data = sample();
  auto codes = [&](const std::vector<std::size_t>& indexes) {
    strings out;
    for (std::size_t index : indexes) out.emplace_back(data.interventions()[index].code);
    return out;
  };
  CHECK(codes(pairinfo::list_interventions(data, "")) ==
        strings{"AES-001", "DRG-002", "DRG-004", "HRM-001", "SUP-001", "SUP-007"});
  CHECK(codes(pairinfo::list_interventions(data, "supplement")) == strings{"SUP-001", "SUP-007"});
  CHECK(codes(pairinfo::list_interventions(data, "DRG")) == strings{"DRG-002", "DRG-004"});
  CHECK_THROWS_AS(pairinfo::list_interventions(data, "vegetable"), QueryError);
}

TEST_CASE("pair_title is the record's own title or the two names", "[query]") {
  Dataset data = sample();
  CHECK(pairinfo::pair_title(data, data.pairs()[data.find_pair("AES-001", "HRM-001")]) == "Needling + Hormonex");
  CHECK(pairinfo::pair_title(data, data.pairs()[data.find_pair("SUP-007", "DRG-002")]) == "Leafwort + Thinnerol");
  CHECK(pairinfo::pair_title(data, data.pairs()[data.find_pair("HRM-001", "DRG-002")]) == "Thinning and hormones");
}

TEST_CASE("search ranks a match in names or title over the summary over the rest", "[query][search]") {
  // "thinnerol" is a name in four records and only summary text in one.
  auto by_name = find({"thinnerol"});
  auto names = hit_keys(by_name.data, by_name.hits);
  REQUIRE(names.size() == 5);
  CHECK(names.back() == "HRM-001+SUP-001");
  CHECK(by_name.hits.front().score > by_name.hits.back().score);

  // "bleeding" is in two summaries and one mechanism.
  auto by_text = find({"bleeding"});
  auto texts = hit_keys(by_text.data, by_text.hits);
  REQUIRE(texts.size() == 3);
  CHECK(texts.back() == "SUP-001+SUP-007");
  CHECK(by_text.hits[1].score > by_text.hits[2].score);
  CHECK(by_text.hits[0].field == "summary");
  CHECK(by_text.hits[2].field == "text");

  // A title match weighs like a name.
  auto by_title = find({"hormones"});
  CHECK(hit_keys(by_title.data, by_title.hits) == strings{"DRG-002+HRM-001"});
}

TEST_CASE("search needs every word, ignores case, and splits a quoted phrase", "[query][search]") {
  auto keys_of = [](const std::vector<std::string>& words, std::size_t limit = 0) {
    auto found = find(words, limit);
    auto keys = hit_keys(found.data, found.hits);
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  CHECK(keys_of({"bleeding", "sea"}) == strings{"DRG-002+SUP-001", "SUP-001+SUP-007"});
  CHECK(keys_of({"BLEEDING", "Leafwort"}) == strings{"SUP-001+SUP-007", "SUP-007+DRG-002"});
  CHECK(keys_of({"sea oil"}) == keys_of({"sea", "oil"}));
  CHECK(keys_of({"marine oil", "bleeding"}) == strings{"DRG-002+SUP-001", "SUP-001+SUP-007"});
  CHECK(keys_of({"quokka"}) == strings{"HRM-001+SUP-001"});
  CHECK(keys_of({"bleeding", "quokka"}).empty());
  CHECK(keys_of({"nothing-like-this"}).empty());
  CHECK(keys_of({}).empty());
  CHECK(keys_of({"  "}).empty());
  CHECK(keys_of({"bleeding"}, 1).size() == 1);
  CHECK(keys_of({"bleed"}) == keys_of({"bleeding"}));  // a word finds the words it starts
}

TEST_CASE("search snippets show the match and highlight it", "[query][search]") {
  SECTION("every highlight covers a word that starts with a searched word") {
    for (const auto& words : {strings{"bleeding"}, strings{"BLEED", "tendency"}, strings{"zebra"}, strings{"skin"}}) {
      for (const auto& hit : find(words).hits) {
        CAPTURE(hit.snippet);
        REQUIRE_FALSE(hit.highlights.empty());
        for (const auto& [from, to] : hit.highlights) {
          REQUIRE(from < to);
          REQUIRE(to <= hit.snippet.size());
          std::string marked = pairinfo::ascii_lower(hit.snippet.substr(from, to - from));
          bool is_word = false;
          for (const auto& word : words) is_word = is_word || marked.rfind(pairinfo::ascii_lower(word), 0) == 0;
          CHECK(is_word);
        }
      }
    }
  }
  SECTION("a short field is shown whole") {
    auto hits = find({"tendency"}).hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].snippet == "Both may add to bleeding tendency.");
    CHECK(hits[0].highlights == std::vector<std::pair<std::size_t, std::size_t>>{{25, 33}});
  }
  SECTION("a word searched twice is one highlight") {
    auto hits = find({"bleed", "bleeding"}).hits;
    auto it = std::find_if(hits.begin(), hits.end(),
                           [](const auto& hit) { return hit.snippet == "Both may add to bleeding tendency."; });
    REQUIRE(it != hits.end());
    CHECK(it->highlights == std::vector<std::pair<std::size_t, std::size_t>>{{16, 24}});
  }
  SECTION("a long field is cut around the match, with ellipses") {
    auto hits = find({"zebra"}).hits;
    REQUIRE(hits.size() == 1);
    const auto& hit = hits[0];
    CHECK(hit.field == "text");
    CHECK(hit.snippet.size() < 240);
    REQUIRE(hit.highlights.size() == 1);
    CHECK(hit.snippet.substr(hit.highlights[0].first, 5) == "zebra");
    CHECK(hit.snippet.find("\xE2\x80\xA6") != std::string::npos);
  }
}

TEST_CASE("severity_rank and tier_rank place a record on the scales", "[query][check]") {
  Dataset data = sample();
  auto record = [&](const char* a, const char* b) -> const pairinfo::PairRecord& {
    return data.pairs()[data.find_pair(a, b)];
  };
  CHECK(pairinfo::severity_rank(data, record("DRG-002", "DRG-004")) == 4);
  CHECK(pairinfo::severity_rank(data, record("AES-001", "HRM-001")) == 0);
  CHECK(pairinfo::severity_rank(data, record("HRM-001", "SUP-001")) == -1);
  CHECK(pairinfo::tier_rank(data, record("DRG-002", "HRM-001")) == 0);
  CHECK(pairinfo::tier_rank(data, record("SUP-007", "DRG-002")) == 3);
  CHECK(pairinfo::tier_rank(data, record("HRM-001", "SUP-001")) == 4);
}

TEST_CASE("check_regimen: most serious first, then strongest evidence; duplicates; missing pairs", "[query][check]") {
  Dataset data = sample();
  auto at = [&](const char* code) { return test_data::index_of(data, code); };
  std::vector<std::pair<std::string, std::size_t>> resolved{
      {"thinnerol", at("DRG-002")}, {"sea oil", at("SUP-001")}, {"leafwort", at("SUP-007")},
      {"hormonex", at("HRM-001")},  {"Thinz", at("DRG-002")},   {"sugarex", at("DRG-004")},
      {"marine oil", at("SUP-001")}};
  auto check = pairinfo::check_regimen(data, resolved);

  CHECK(check.interventions ==
        std::vector<std::size_t>{at("DRG-002"), at("SUP-001"), at("SUP-007"), at("HRM-001"), at("DRG-004")});
  REQUIRE(check.duplicates.size() == 2);
  CHECK(check.duplicates[0] == std::pair<std::string, std::size_t>{"Thinz", at("DRG-002")});
  CHECK(check.duplicates[1] == std::pair<std::string, std::size_t>{"marine oil", at("SUP-001")});

  // avoid; caution T2 before caution T4; monitor; compatible; unrated last.
  CHECK(keys(data, check.found) == strings{"DRG-002+DRG-004", "DRG-002+SUP-001", "SUP-007+DRG-002",
                                           "DRG-002+HRM-001", "SUP-001+SUP-007", "HRM-001+SUP-001"});
  using pair = std::pair<std::size_t, std::size_t>;
  CHECK(check.missing == std::vector<pair>{{at("SUP-001"), at("DRG-004")},
                                           {at("SUP-007"), at("HRM-001")},
                                           {at("SUP-007"), at("DRG-004")},
                                           {at("HRM-001"), at("DRG-004")}});
  // Every pair among five distinct interventions is either found or missing.
  CHECK(check.found.size() + check.missing.size() == 10);
}

TEST_CASE("check_regimen finds for every pair the record find_pair finds", "[query][check]") {
  Dataset data = sample();
  std::mt19937 random(11);
  std::vector<std::size_t> everyone(data.interventions().size());
  for (std::size_t i = 0; i < everyone.size(); ++i) everyone[i] = i;
  for (int round = 0; round < 50; ++round) {
    std::shuffle(everyone.begin(), everyone.end(), random);
    std::size_t n = std::uniform_int_distribution<std::size_t>(2, everyone.size())(random);
    std::vector<std::pair<std::string, std::size_t>> resolved;
    for (std::size_t k = 0; k < n; ++k) resolved.emplace_back("term", everyone[k]);
    auto check = pairinfo::check_regimen(data, resolved);
    std::vector<std::size_t> found;
    std::vector<std::pair<std::size_t, std::size_t>> missing;
    const auto& all = data.interventions();
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        std::size_t record = data.find_pair(all[everyone[i]].code, all[everyone[j]].code);
        if (record == Dataset::npos) missing.emplace_back(everyone[i], everyone[j]);
        else found.push_back(record);
      }
    CHECK(check.missing == missing);  // in the order given
    std::sort(found.begin(), found.end());
    std::vector<std::size_t> sorted = check.found;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == found);  // ranked, not in the order given
  }
}

TEST_CASE("check_regimen with one intervention, or one given twice", "[query][check]") {
  Dataset data = sample();
  std::size_t thinnerol = test_data::index_of(data, "DRG-002");
  auto check = pairinfo::check_regimen(data, {{"thinnerol", thinnerol}, {"DRG-002", thinnerol}});
  CHECK(check.interventions == std::vector<std::size_t>{thinnerol});
  CHECK(check.duplicates.size() == 1);
  CHECK(check.found.empty());
  CHECK(check.missing.empty());
}

TEST_CASE("list_pairs orders as pair keys do, whatever the case and length of the codes", "[query][list]") {
  // Codes that are prefixes of one another, in both cases, written either way round.
  const strings codes = {"A", "A-1", "a-10", "AB", "b", "B-2", "Z9", "a-1a"};
  std::string interventions, pairs;
  for (std::size_t i = 0; i < codes.size(); ++i)
    interventions += std::string(i ? ",\n" : "") + "{\"code\": \"" + codes[i] + "\", \"name\": \"Name " +
                     std::to_string(i) + "\"}";
  std::vector<std::string> expected_keys;
  for (std::size_t i = 0; i < codes.size(); ++i)
    for (std::size_t j = i + 1; j < codes.size(); ++j) {
      bool flip = (i * 7 + j) % 3 == 0;
      const std::string& a = flip ? codes[j] : codes[i];
      const std::string& b = flip ? codes[i] : codes[j];
      pairs += std::string(pairs.empty() ? "" : ",\n") + "{\"interventions\": [\"" + a + "\", \"" + b + "\"]}";
      expected_keys.push_back(pairinfo::pair_key(a, b));
    }
  Dataset data = test_data::load_text("{\"format\": \"pairinfo\", \"format_version\": 1, \"interventions\": [" +
                                      interventions + "], \"pairs\": [" + pairs + "]}");
  std::sort(expected_keys.begin(), expected_keys.end());
  strings listed;
  for (std::size_t index : pairinfo::list_pairs(data, {}))
    listed.push_back(pairinfo::pair_key(data.pairs()[index].codes[0], data.pairs()[index].codes[1]));
  CHECK(listed == expected_keys);
}

TEST_CASE("answer_pair: a member takes its class's record only where the record applies to it", "[query][classes]") {
  auto data = test_data::load_text(R"({"interventions": [
      {"code": "DRG-009", "name": "Statin", "members": ["DRG-016", "DRG-017"]},
      {"code": "DRG-016", "name": "Simvastatin"}, {"code": "DRG-017", "name": "Rosuvastatin"},
      {"code": "DRG-018", "name": "Pravastatin"}, {"code": "NUT-001", "name": "Grapefruit juice"}],
    "pairs": [
      {"interventions": ["DRG-009", "NUT-001"], "significance": "caution", "applies_to": ["DRG-016"]},
      {"interventions": ["DRG-018", "NUT-001"], "significance": "compatible"}]})");
  auto at = [&](const char* code) { return test_data::index_of(data, code); };
  auto class_record = data.find_pair("DRG-009", "NUT-001");

  auto simvastatin = pairinfo::answer_pair(data, at("DRG-016"), at("NUT-001"));
  CHECK(simvastatin.record == class_record);
  CHECK(simvastatin.via_class == at("DRG-009"));
  CHECK(simvastatin.member == at("DRG-016"));

  auto rosuvastatin = pairinfo::answer_pair(data, at("NUT-001"), at("DRG-017"));
  CHECK(rosuvastatin.record == pairinfo::Dataset::npos);  // never the caution it is left out of
  CHECK(rosuvastatin.not_applying == std::vector<std::pair<std::size_t, std::size_t>>{{class_record, at("DRG-017")}});

  auto own = pairinfo::answer_pair(data, at("DRG-018"), at("NUT-001"));
  CHECK(own.record == data.find_pair("DRG-018", "NUT-001"));
  CHECK(own.via_class == pairinfo::Dataset::npos);
}
