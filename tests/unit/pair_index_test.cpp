// Tests for the pair index and its cache file: lookups among codes find exactly the records a
// brute force over the data finds, built in memory or read back from a cache, and a damaged
// or old cache is never believed.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/index_cache.hpp"
#include "pairinfo/load.hpp"
#include "pairinfo/pair_index.hpp"
#include "pairinfo/record_outline.hpp"
#include "pairinfo/text.hpp"
#include "test_data.hpp"

using pairinfo::PairIndex;
using pairinfo::PairScope;
using test_data::TempDir;

namespace {

constexpr int code_count = 60;

std::string code_name(int i) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "SYN-%03d", i);
  return buffer;
}

// A generated data file: every code defined, records of distinct pairs in a shuffled order,
// some codes in lower case and some escaped (the scan cannot read those: unkeyed records).
struct Generated {
  std::string text;
  std::vector<std::pair<std::string, std::string>> records;  // the codes as decoded, upper case
  std::set<std::uint32_t> unkeyed;                            // positions of records with escaped codes
};

Generated generate(std::size_t record_count, bool self_pairs = false) {
  std::vector<std::pair<int, int>> pairs;
  for (int a = 0; a < code_count; ++a)
    for (int b = a + 1; b < code_count; ++b) pairs.emplace_back(a, b);
  std::mt19937 random(20240611);
  for (std::size_t i = pairs.size() - 1; i > 0; --i) std::swap(pairs[i], pairs[random() % (i + 1)]);
  pairs.resize(record_count);
  if (self_pairs)
    for (int a : {3, 17, 42}) pairs.insert(pairs.begin() + a * 7, {a, a});

  Generated out;
  out.text = "{\n  \"format\": \"pairinfo\",\n  \"format_version\": 1,\n  \"interventions\": [\n";
  for (int i = 0; i < code_count; ++i)
    out.text += "    {\"code\": \"" + code_name(i) + "\", \"name\": \"Name " + std::to_string(i) + "\"}" +
                (i + 1 < code_count ? ",\n" : "\n");
  out.text += "  ],\n  \"pairs\": [\n";
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    auto [a, b] = pairs[i];
    if (i % 2 == 1) std::swap(a, b);
    std::string first = code_name(a), second = code_name(b);
    out.records.emplace_back(first, second);
    if (i % 7 == 3) first = pairinfo::ascii_lower(first);
    if (i % 97 == 5) {
      second.replace(3, 1, "\\u002d");  // "SYN\u002d012": the same code, escaped
      out.unkeyed.insert(static_cast<std::uint32_t>(i));
    }
    out.text += "    {\"interventions\": [\"" + first + "\", \"" + second + "\"], \"summary\": \"Record " +
                std::to_string(i) + ".\"}" + (i + 1 < pairs.size() ? ",\n" : "\n");
  }
  out.text += "  ]\n}\n";
  return out;
}

// A data file written to a temporary directory and read as a source, with a cache
// directory beside it.
struct FileWithCache {
  TempDir dir;
  std::string path;
  pairinfo::DataSource source;
  pairinfo::IndexCacheOptions options;
  explicit FileWithCache(const std::string& text)
      : path(dir.write("data.json", text)), source(pairinfo::read_source(path)), options{(dir.path / "cache").string()} {}
};

std::set<std::uint32_t> indexes(const std::vector<pairinfo::RecordRef>& refs) {
  std::set<std::uint32_t> out;
  for (const auto& ref : refs) out.insert(ref.index);
  CHECK(out.size() == refs.size());  // each record once
  return out;
}

// What a lookup among `codes` must find: records whose two codes are both among them, and the
// unkeyed records, which are always decoded.
std::set<std::uint32_t> brute_force(const Generated& data, const std::vector<std::string>& codes) {
  std::set<std::string> wanted;
  for (const auto& code : codes) wanted.insert(pairinfo::normalize_code(code));
  std::set<std::uint32_t> out = data.unkeyed;
  for (std::size_t i = 0; i < data.records.size(); ++i)
    if (wanted.count(data.records[i].first) && wanted.count(data.records[i].second))
      out.insert(static_cast<std::uint32_t>(i));
  return out;
}

// The lookup as it was before by_code was used for it: one search by pair key per two codes.
std::set<std::uint32_t> by_pair_keys(const PairIndex& index, const std::vector<std::string>& codes) {
  std::set<std::uint32_t> out;
  for (const auto& ref : index.find(PairScope::among({}))) out.insert(ref.index);
  for (std::size_t i = 0; i < codes.size(); ++i)
    for (std::size_t j = i + 1; j < codes.size(); ++j)
      for (const auto& ref : index.find(PairScope::among({codes[i], codes[j]}))) out.insert(ref.index);
  return out;
}

std::vector<std::vector<std::string>> code_sets() {
  std::vector<std::vector<std::string>> sets = {
      {},
      {"SYN-004"},
      {"SYN-004", "syn-019"},
      {"SYN-004", "SYN-019", "SYN-033"},
      {"SYN-001", "SYN-002", "NOPE-1", "SYN-058", "syn-001"},
      {"NOPE-1", "NOPE-2", "NOPE-3"},
  };
  std::mt19937 random(7);
  for (std::size_t size : {5, 10, 30, 59}) {
    std::vector<std::string> codes;
    for (std::size_t i = 0; i < size; ++i) codes.push_back(code_name(static_cast<int>(random() % code_count)));
    sets.push_back(codes);
  }
  std::vector<std::string> all;
  for (int i = 0; i < code_count; ++i) all.push_back(code_name(i));
  sets.push_back(all);
  return sets;
}

void check_lookups(const PairIndex& index, const Generated& data) {
  for (const auto& codes : code_sets()) {
    INFO("codes: " << codes.size());
    auto found = indexes(index.find(PairScope::among(codes)));
    CHECK(found == brute_force(data, codes));
    CHECK(found == by_pair_keys(index, codes));
  }
}


std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Where the tables start in a cache file: they are followed only by one 8-byte checksum per
// 256-byte block of them, and one per group of 64 of those.
// The cache's tables: by-pair, by-code, the records' places, unkeyed records, where each
// by-code entry's outline ends, the outlines (padded to 8), the code directory, and the
// other code of each by-code entry (padded to 8).
std::size_t tables_size(const PairIndex& index) {
  return index.by_pair().size_bytes() + index.by_code().size_bytes() + index.code_records().size_bytes() +
         index.unkeyed().size_bytes() + index.by_code().size() * 8 + (index.code_outlines_size() + 7) / 8 * 8 +
         index.code_runs().size_bytes() + (index.code_others().size_bytes() + 7) / 8 * 8;
}

std::size_t tables_offset(const std::string& cache, const PairIndex& index) {
  std::size_t tables = tables_size(index);
  std::size_t blocks = (tables + 255) / 256, groups = (blocks + 63) / 64;
  REQUIRE(cache.size() > tables + blocks * 8 + groups * 8);
  return cache.size() - groups * 8 - blocks * 8 - tables;
}

}  // namespace

TEST_CASE("code entries carry the low bits of the record's other code", "[index]") {
  Generated data = generate(400, true);
  auto index = PairIndex::build(data.text);
  REQUIRE(index);
  REQUIRE(index->by_code().size() == 2 * index->by_pair().size());
  std::vector<std::vector<pairinfo::CodeEntry>> per_entry(index->by_pair().size());
  for (const auto& entry : index->by_code()) per_entry.at(entry.entry).push_back(entry);
  for (const auto& two : per_entry) {
    REQUIRE(two.size() == 2);
    CHECK(two[0].other == static_cast<std::uint32_t>(two[1].code));
    CHECK(two[1].other == static_cast<std::uint32_t>(two[0].code));
  }
  // Beside each entry, the place of its record, as the by-pair table has it.
  REQUIRE(index->code_records().size() == index->by_code().size());
  for (std::size_t i = 0; i < index->by_code().size(); ++i) {
    const auto& record = index->by_pair()[index->by_code()[i].entry].record;
    CHECK(index->code_records()[i].offset == record.offset);
    CHECK(index->code_records()[i].index == record.index);
  }
}

TEST_CASE("a lookup among codes finds what a brute force finds", "[index]") {
  Generated data = generate(1500);
  auto built = PairIndex::build(data.text);
  REQUIRE(built);
  REQUIRE(built->unkeyed().size() == data.unkeyed.size());

  SECTION("built in memory") { check_lookups(*built, data); }

  SECTION("read back from a cache file") {
    FileWithCache file(data.text);
    const auto& [dir, path, source, options] = file;
    pairinfo::write_index_cache(source, *built, options, true, 7);
    auto cached = pairinfo::validated_index(source, options, 7);
    REQUIRE(cached);
    REQUIRE(cached->is_stored());  // its tables are read from the file as lookups need them
    CHECK(cached->pair_count() == built->pair_count());
    check_lookups(*cached, data);
  }
}

TEST_CASE("a cached index with a big code directory finds one code's records by probing it", "[index][cache]") {
  // 1,500 codes: a directory of 24 kB, which a lookup of one code searches a probe at a time
  // rather than reading it whole (a lookup among several codes reads it whole).
  std::string text = "{\"format\": \"pairinfo\", \"format_version\": 1, \"interventions\": [";
  constexpr int codes = 1500;
  auto code = [](int i) { return fmt::format("BIG-{:04}", i); };
  for (int i = 0; i < codes; ++i) text += fmt::format("{}{{\"code\": \"{}\", \"name\": \"N{}\"}}", i ? "," : "", code(i), i);
  text += "], \"pairs\": [";
  for (int i = 0; i + 1 < codes; ++i)
    text += fmt::format("{}{{\"interventions\": [\"{}\", \"{}\"]}}", i ? "," : "", code(i), code(i + 1));
  text += "]}";
  auto built = PairIndex::build(text);
  REQUIRE(built);
  REQUIRE(built->code_runs().size_bytes() > 16384);
  FileWithCache file(text);
  const auto& [dir, path, source, options] = file;
  pairinfo::write_index_cache(source, *built, options, true, 7);
  auto cached = pairinfo::validated_index(source, options, 7);
  REQUIRE(cached);
  for (int i : {0, 1, 2, 700, 1234, codes - 2, codes - 1}) {
    INFO("code " << code(i));
    auto found = indexes(cached->find(PairScope::touching({code(i)})));
    CHECK(found == indexes(built->find(PairScope::touching({code(i)}))));
    CHECK(found.size() == (i == 0 || i == codes - 1 ? 1u : 2u));
  }
  CHECK(cached->find(PairScope::touching({"BIG-9999"})).empty());
  CHECK(cached->find(PairScope::touching({"AAA-0000"})).empty());
  CHECK(indexes(cached->find(PairScope::among({code(5), code(6), code(7)}))) == std::set<std::uint32_t>{5, 6});
}

TEST_CASE("a lookup among three codes or more finds a pair of a code with itself", "[index]") {
  // Such a record is a problem the loader reports; the lookup must not hide it.
  Generated data = generate(300, true);
  auto index = PairIndex::build(data.text);
  REQUIRE(index);
  for (std::vector<std::string> codes : {std::vector<std::string>{"SYN-003", "SYN-017", "SYN-042"},
                                         std::vector<std::string>{"SYN-003", "SYN-001", "SYN-002", "SYN-005"}}) {
    auto found = indexes(index->find(PairScope::among(codes)));
    CHECK(found == brute_force(data, codes));
  }
}

TEST_CASE("a damaged or old index cache is not believed", "[index][cache]") {
  Generated data = generate(1500);
  auto built = PairIndex::build(data.text);
  REQUIRE(built);
  FileWithCache file(data.text);
  const auto& [dir, path, source, options] = file;
  std::string cache = pairinfo::write_index_cache(source, *built, options, true, 7);
  std::string bytes = read_file(cache);
  std::vector<std::string> codes = {"SYN-004", "SYN-019", "SYN-033", "SYN-050"};

  // An entry in the middle of SYN-019's run: a lookup among the codes reads it.
  std::uint64_t hash = pairinfo::code_hash("SYN-019");
  std::vector<std::size_t> run;
  for (std::size_t i = 0; i < built->by_code().size(); ++i)
    if (built->by_code()[i].code == hash) run.push_back(i);
  REQUIRE(run.size() > 2);
  std::size_t tables_bytes = tables_size(*built);

  SECTION("one flipped byte of what a lookup reads of a code's run") {
    // In the middle of SYN-019's run: its other code (which a lookup among codes reads) and
    // its record's place (which a lookup of the code reads). Only their blocks are damaged.
    std::size_t tables = tables_offset(bytes, *built);
    std::size_t middle = run[run.size() / 2];
    std::size_t other_at = tables + tables_bytes - (built->code_others().size_bytes() + 7) / 8 * 8 + middle * 4;
    std::size_t record_at = tables + built->by_pair().size_bytes() + built->by_code().size_bytes() +
                            middle * sizeof(pairinfo::RecordRef) + offsetof(pairinfo::RecordRef, offset);
    bytes[other_at] = static_cast<char>(bytes[other_at] ^ 0x01);
    bytes[record_at] = static_cast<char>(bytes[record_at] ^ 0x01);
    write_file(cache, bytes);

    auto cached = pairinfo::validated_index(source, options, 7);
    REQUIRE(cached);  // the tables are checked as they are read, not on open
    CHECK_THROWS_AS(cached->find(PairScope::among(codes)), pairinfo::CorruptIndex);
    CHECK_THROWS_AS(cached->find(PairScope::touching({"SYN-019"})), pairinfo::CorruptIndex);
    CHECK_NOTHROW(cached->find(PairScope::among({"SYN-004", "SYN-033"})));  // reads other blocks

    // The loader rebuilds it and answers as if nothing happened.
    pairinfo::LoadOptions big;
    big.lazy_threshold = 1;
    big.cache_directory = options.directory;
    pairinfo::DataLoader loader({pairinfo::read_source(path)}, big);
    auto loaded = loader.load(PairScope::among(codes));
    std::set<std::string> keys, expected;
    for (const auto& record : loaded.pairs()) keys.insert(pairinfo::pair_key(record.codes[0], record.codes[1]));
    std::set<std::string> wanted(codes.begin(), codes.end());
    for (const auto& [a, b] : data.records)
      if (wanted.count(a) && wanted.count(b)) expected.insert(pairinfo::pair_key(a, b));
    CHECK(keys == expected);
    REQUIRE(loader.warnings().size() == 1);
    CHECK(loader.warnings()[0].find("the index cache was damaged") != std::string::npos);
    CHECK(read_file(cache) != bytes);  // rewritten
  }

  SECTION("one flipped byte of the code directory entry a lookup reads") {
    auto runs = built->code_runs();
    std::size_t entry = 0;
    while (entry < runs.size() && runs[entry].code != hash) ++entry;
    REQUIRE(entry + 1 < runs.size());
    std::size_t others_bytes = (built->code_others().size_bytes() + 7) / 8 * 8;  // after the directory
    std::size_t at = tables_offset(bytes, *built) + tables_bytes - others_bytes - runs.size_bytes() +
                     entry * sizeof(pairinfo::CodeRun) + offsetof(pairinfo::CodeRun, first);
    bytes[at] = static_cast<char>(bytes[at] ^ 0x02);
    write_file(cache, bytes);
    auto cached = pairinfo::validated_index(source, options, 7);
    REQUIRE(cached);
    CHECK_THROWS_AS(cached->find(PairScope::touching({"SYN-019"})), pairinfo::CorruptIndex);
    CHECK_THROWS_AS(cached->find(PairScope::among(codes)), pairinfo::CorruptIndex);
  }

  SECTION("one flipped byte of the checksum of a block a lookup reads") {
    // The block of SYN-019's other codes, which a lookup among codes reads.
    std::size_t others_at = tables_bytes - (built->code_others().size_bytes() + 7) / 8 * 8 + run[run.size() / 2] * 4;
    std::size_t at = tables_offset(bytes, *built) + tables_bytes + others_at / 256 * 8 + 3;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
    write_file(cache, bytes);
    auto cached = pairinfo::validated_index(source, options, 7);
    REQUIRE(cached);  // checksums too are checked as they are used
    CHECK_THROWS_AS(cached->find(PairScope::among(codes)), pairinfo::CorruptIndex);
  }

  SECTION("a cache cut short while it is in use") {
    // Its tables are read as lookups need them, from the file kept open: what is missing
    // then is damage, never a crash (a mapped file cut short would kill the process).
    auto cached = pairinfo::validated_index(source, options, 7);
    REQUIRE(cached);
    REQUIRE(::truncate(cache.c_str(), static_cast<off_t>(tables_offset(bytes, *built) + 64)) == 0);
    CHECK_THROWS_AS(cached->find(PairScope::among(codes)), pairinfo::CorruptIndex);
    CHECK_THROWS_AS(cached->find(PairScope::touching({"SYN-019"})), pairinfo::CorruptIndex);
    CHECK_THROWS_AS(cached->find(PairScope::all()), pairinfo::CorruptIndex);
    CHECK_FALSE(pairinfo::validated_index(source, options, 7));  // and is not opened again
  }

  SECTION("a cache of an older format") {
    // Layout of the header: magic (8 bytes), version (4), ..., its own hash at 152 of every
    // byte before it. Checked first, so that the test fails rather than lies if it changes.
    auto header_hash = [](const std::string& file) {
      return pairinfo::hash_bytes(std::string_view(file).substr(0, 152), 0x68656164);
    };
    std::uint32_t version = 0;
    std::uint64_t stored = 0;
    std::memcpy(&version, bytes.data() + 8, 4);
    std::memcpy(&stored, bytes.data() + 152, 8);
    REQUIRE(version == 12);
    REQUIRE(stored == header_hash(bytes));
    // 4 KiB blocks; 256-byte blocks without groups; code entries without their records;
    // blocks checked by hash_bytes; records' places inside the code entries; no outlines;
    // no code directory; another checksum; the other codes only inside by-code
    std::uint32_t old = GENERATE(3u, 4u, 5u, 6u, 7u, 8u, 9u, 10u, 11u);
    std::memcpy(bytes.data() + 8, &old, 4);
    stored = header_hash(bytes);
    std::memcpy(bytes.data() + 152, &stored, 8);
    write_file(cache, bytes);

    CHECK_FALSE(pairinfo::validated_index(source, options, 7));
    std::vector<std::string> warnings;
    auto index = pairinfo::index_for(source, options, warnings);  // rebuilt and rewritten
    REQUIRE(index);
    CHECK(warnings.empty());
    check_lookups(*index, data);
    std::string rewritten = read_file(cache);
    std::memcpy(&version, rewritten.data() + 8, 4);
    CHECK(version == 12);
  }
}

TEST_CASE("pair_hash is the hash of pair_key, whatever the case, order and length of the codes", "[pair_index]") {
  const std::string long_code(70, 'q');
  const std::pair<std::string, std::string> pairs[] = {
      {"AES-001", "HRM-001"}, {"hrm-001", "aes-001"}, {"SYN-00519", "syn-00016"}, {"A", "A"},
      {"", "B"},              {long_code, "X"},        {"X", long_code},          {std::string(64, 'Z'), "z"}};
  for (const auto& [a, b] : pairs) {
    INFO(a << " + " << b);
    CHECK(pairinfo::pair_hash(a, b) == pairinfo::hash_bytes(pairinfo::pair_key(a, b), 0x70616972));
    CHECK(pairinfo::pair_hash(a, b) == pairinfo::pair_hash(b, a));
  }
}

TEST_CASE("crc32c is CRC-32C, with the CPU's instruction or without", "[pair_index]") {
  // The check value of CRC-32C: "123456789", with the usual inversion before and after.
  CHECK((pairinfo::crc32c("123456789", 0xFFFFFFFFu) ^ 0xFFFFFFFFu) == 0xE3069283u);
  CHECK((pairinfo::crc32c("123456789", 0xFFFFFFFFu, false) ^ 0xFFFFFFFFu) == 0xE3069283u);
  std::string bytes(300, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 + 7);
  for (std::size_t length : {0u, 8u, 31u, 32u, 33u, 64u, 100u, 300u}) {
    std::string_view view(bytes.data(), length);
    CHECK(pairinfo::crc32c(view, 5) == pairinfo::crc32c(view, 5, false));
    // Byte at a time (the table alone) gives the same as word at a time.
    std::uint32_t by_bytes = 5;
    for (char c : view) by_bytes = pairinfo::crc32c(std::string_view(&c, 1), by_bytes, false);
    CHECK(pairinfo::crc32c(view, 5) == by_bytes);
  }
}

TEST_CASE("checksum_bytes sees any one flipped bit, wherever it is", "[pair_index]") {
  std::string bytes(1000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  for (std::size_t length : {0u, 7u, 31u, 32u, 33u, 256u, 1000u}) {
    std::string_view view(bytes.data(), length);
    const std::uint64_t good = pairinfo::checksum_bytes(view, 5);
    CHECK(pairinfo::checksum_bytes(view, 6) != good);
    for (std::size_t at = 0; at < length; at += 3) {
      std::string damaged(view);
      damaged[at] = static_cast<char>(damaged[at] ^ (1 << (at % 8)));
      INFO("length " << length << ", byte " << at);
      CHECK(pairinfo::checksum_bytes(damaged, 5) != good);
    }
  }
}

TEST_CASE("records found by their codes come with their outlines, from a built index and from its cache",
          "[index][outline]") {
  Generated data = generate(600);
  auto built = PairIndex::build(data.text);
  REQUIRE(built);
  FileWithCache file(data.text);
  const auto& [dir, path, source, options] = file;
  (void)pairinfo::write_index_cache(source, *built, options, false, 0);
  std::vector<std::string> warnings;
  auto cached = pairinfo::index_for(source, options, warnings);
  REQUIRE(cached);
  REQUIRE(cached->code_outlines_size() == built->code_outlines_size());

  for (const PairIndex* index : {&*built, &*cached}) {
    pairinfo::FoundOutlines found;
    auto refs = index->find(PairScope::touching({"SYN-004", "SYN-019"}), &found);
    const auto& outlines = found.views;
    REQUIRE(outlines.size() == refs.size());
    REQUIRE(indexes(refs) == indexes(index->find(PairScope::touching({"SYN-004", "SYN-019"}))));
    for (std::size_t i = 0; i < refs.size(); ++i) {
      INFO("record " << refs[i].index);
      if (data.unkeyed.count(refs[i].index)) {
        CHECK(outlines[i].empty());  // its codes were escaped: read from the file
        continue;
      }
      std::string json;
      REQUIRE(pairinfo::outline_json(outlines[i], json));
      const auto& [a, b] = data.records[refs[i].index];
      CHECK(pairinfo::ascii_lower(json) == pairinfo::ascii_lower(R"({"interventions":[")" + a + R"(",")" + b + R"("]})"));
    }
    // Other scopes have none to give.
    pairinfo::FoundOutlines none;
    auto among = index->find(PairScope::among({"SYN-004", "SYN-019", "SYN-033"}), &none);
    CHECK(none.views == std::vector<std::string_view>(among.size()));
  }
}
