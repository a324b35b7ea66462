// Tests for the cached SQLite index of user layers: used only while the files provably have
// not changed, passed over when its path is no regular file, rebuilt when damaged.
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include <sqlite3.h>

#include "pairinfo/index_db.hpp"
#include "pairinfo/load.hpp"
#include "test_data.hpp"

using pairinfo::DataLoader;
using pairinfo::LoadOptions;
using pairinfo::PairScope;
using test_data::TempDir;

namespace {

std::string data_with(const std::string& significance) {
  return R"({"interventions": [{"code": "AAA-001", "name": "Alpha"}, {"code": "BBB-001", "name": "Beta"}],
  "pairs": [{"interventions": ["AAA-001", "BBB-001"], "significance": ")" +
         significance + R"(", "summary": "S."}]})";
}

LoadOptions cached_in(const TempDir& dir, std::uint64_t lazy_threshold = pairinfo::stream_threshold) {
  LoadOptions options;
  options.cache_directory = (dir.path / "cache").string();
  options.lazy_threshold = lazy_threshold;
  return options;
}

std::string significance_listed(const std::string& path, const LoadOptions& options) {
  DataLoader loader({pairinfo::read_source(path)}, options);
  auto data = loader.load(PairScope::touching({"AAA-001"}).keeping(pairinfo::RecordParts::outline));
  REQUIRE(data.pairs().size() == 1);
  return std::string(data.pairs()[0].text(pairinfo::Field::significance));
}

std::vector<std::filesystem::path> cache_files(const TempDir& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path / "cache")) out.push_back(entry.path());
  return out;
}

}  // namespace

TEST_CASE("an edit in place that keeps the size and puts the old mtime back gives the new answer", "[cache]") {
  TempDir dir;
  // "caution" and "benefit" are as long as each other: the file keeps its size.
  std::string path = dir.write("big.json", data_with("caution"));
  for (std::uint64_t threshold : {std::uint64_t{1}, pairinfo::stream_threshold}) {
    INFO("lazy threshold " << threshold);
    LoadOptions options = cached_in(dir, threshold);
    std::ofstream(path, std::ios::binary) << data_with("caution");
    CHECK(significance_listed(path, options) == "caution");  // builds the cache
    CHECK(significance_listed(path, options) == "caution");  // reads it
    struct stat before {};
    REQUIRE(::stat(path.c_str(), &before) == 0);
    std::ofstream(path, std::ios::binary) << data_with("benefit");
    struct timeval times[2] = {{before.st_atim.tv_sec, before.st_atim.tv_nsec / 1000},
                               {before.st_mtim.tv_sec, before.st_mtim.tv_nsec / 1000}};
    REQUIRE(::utimes(path.c_str(), times) == 0);  // as `touch -r` does
    CHECK(significance_listed(path, options) == "benefit");
  }
}

TEST_CASE("a FIFO or a directory at the cache path neither hangs a lookup nor fails it", "[cache]") {
  TempDir dir;
  std::string path = dir.write("data.json", data_with("caution"));
  LoadOptions options = cached_in(dir);
  CHECK(significance_listed(path, options) == "caution");
  auto files = cache_files(dir);
  REQUIRE(files.size() == 1);
  for (bool fifo : {true, false}) {
    INFO((fifo ? "a FIFO" : "a directory"));
    std::filesystem::remove_all(files[0]);
    if (fifo) REQUIRE(::mkfifo(files[0].c_str(), 0600) == 0);
    else std::filesystem::create_directory(files[0]);
    DataLoader loader({pairinfo::read_source(path)}, options);
    auto data = loader.load(PairScope::all());
    REQUIRE(data.pairs().size() == 1);
    CHECK(data.pairs()[0].text(pairinfo::Field::significance) == "caution");
    REQUIRE(loader.warnings().size() == 1);
    CHECK(loader.warnings()[0].find("is not a regular file") != std::string::npos);
    CHECK(fifo == std::filesystem::is_fifo(files[0]));  // left alone
  }
}

TEST_CASE("a damaged or foreign cache file is rebuilt with one warning and never believed", "[cache]") {
  TempDir dir;
  std::string path = dir.write("data.json", data_with("caution"));
  LoadOptions options = cached_in(dir);
  CHECK(significance_listed(path, options) == "caution");
  auto file = cache_files(dir).at(0);
  auto size = std::filesystem::file_size(file);
  SECTION("cut short") { std::filesystem::resize_file(file, size / 2); }
  SECTION("overwritten with other bytes") { std::ofstream(file, std::ios::binary) << std::string(size, 'x'); }
  SECTION("swapped for another data set's index") {
    std::string other = dir.write("other.json", data_with("monitor"));
    significance_listed(other, options);
    for (const auto& f : cache_files(dir))
      if (f != file) std::filesystem::rename(f, file);
  }
  DataLoader loader({pairinfo::read_source(path)}, options);
  auto data = loader.load(PairScope::all());
  REQUIRE(data.pairs().size() == 1);
  CHECK(data.pairs()[0].text(pairinfo::Field::significance) == "caution");
  CHECK(loader.warnings().size() == 1);
  CHECK(significance_listed(path, options) == "caution");
}

TEST_CASE("a damaged search index in the cache is rebuilt, not reported", "[cache][search]") {
  // Found by fuzz/cache_fuzz.cpp: SQLite's complaint about the search tables escaped search().
  TempDir dir;
  std::string path = dir.write("data.json", data_with("caution"));
  LoadOptions options = cached_in(dir, 1);
  {
    DataLoader loader({pairinfo::read_source(path)}, options);
    CHECK(loader.search({"S"}, 10).matches.size() == 1);  // builds the search index in the cache
  }
  auto file = cache_files(dir).at(0);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  SECTION("its format version changed") {
    CHECK(sqlite3_exec(db, "UPDATE pairs_fts_config SET v = 0 WHERE k = 'version'", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  SECTION("its definition damaged") {
    CHECK(sqlite3_exec(db, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = 'CREATE VIRTUAL TABLE pairs_fts "
                           "USING fts5(names, summary, text, tokenize!= x)' WHERE name = 'pairs_fts'",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  sqlite3_close(db);
  DataLoader loader({pairinfo::read_source(path)}, options);
  auto result = loader.search({"S"}, 10);
  REQUIRE(result.matches.size() == 1);
  CHECK(result.data.pairs()[0].text(pairinfo::Field::significance) == "caution");
  CHECK(loader.warnings().size() == 1);
  DataLoader again({pairinfo::read_source(path)}, options);
  CHECK(again.search({"S"}, 10).matches.size() == 1);
  CHECK(again.warnings().empty());
}

TEST_CASE("without a usable cache directory the index is kept in memory", "[cache]") {
  TempDir dir;
  std::string path = dir.write("data.json", data_with("caution"));
  LoadOptions options;
  options.cache_directory = dir.write("not-a-directory", "x");
  DataLoader loader({pairinfo::read_source(path)}, options);
  CHECK(loader.load(PairScope::all()).pairs().size() == 1);
  CHECK(loader.warnings().size() == 1);
}

TEST_CASE("export writes every field of every record in effect to SQLite", "[cache][export]") {
  TempDir dir;
  std::string base = dir.write("base.json", data_with("caution"));
  std::string over = dir.write("over.json", R"({"pairs": [{"interventions": ["BBB-001", "AAA-001"],
    "significance": "avoid", "cautions": ["One.", "Two."], "labelling": {"status": "warns", "note": "N."}}]})");
  DataLoader loader({pairinfo::read_source(base), pairinfo::read_source(over)});
  std::string out = (dir.path / "out.db").string();
  loader.export_sqlite(out);
  // A plain SQLite file, without the cache's page checksums, that other programs read.
  char header[21] = {};
  std::ifstream(out, std::ios::binary).read(header, sizeof header);
  CHECK(header[20] == 0);
  auto db = pairinfo::IndexDb::open(out, false, pairinfo::Pages::plain);
  CHECK(db.pair_count() == 1);
  auto pairs = db.pairs({});
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].significance == "avoid");
  CHECK(pairs[0].layer == 1);
  auto catalogue = db.catalogue();
  CHECK(catalogue->interventions().size() == 2);
  CHECK(catalogue->layers().size() == 2);
}
