// Tests for the page checksums of the cache databases: a healthy file reads back; a changed
// byte, a page from elsewhere, a cut-short or a plain file is a read error, never data.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sqlite3.h>

#include "pairinfo/checked_vfs.hpp"
#include "test_data.hpp"

using pairinfo::checked_page_size;
using test_data::TempDir;

namespace {

// A database of several pages, checked or plain.
std::string make_database(const TempDir& dir, const std::string& name, bool checked = true) {
  std::string path = (dir.path / name).string();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                          checked ? pairinfo::checked_vfs() : nullptr) == SQLITE_OK);
  if (checked) REQUIRE(pairinfo::start_checked_pages(db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "CREATE TABLE t(n INTEGER PRIMARY KEY, text TEXT); CREATE INDEX t_by_text ON t(text);"
                       "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 2000) "
                       "INSERT INTO t SELECT n, printf('row %d of the table', n) FROM k;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  return path;
}

// What a query over the whole table and its index gives: the rows, or SQLite's error code.
struct Outcome {
  int rc;
  std::string rows;
};

Outcome read_back(const std::string& path) {
  sqlite3* db = nullptr;
  Outcome out{sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, pairinfo::checked_vfs()), ""};
  sqlite3_stmt* s = nullptr;
  if (out.rc == SQLITE_OK)
    out.rc = sqlite3_prepare_v2(db,
                                "SELECT (SELECT sum(length(text)) FROM t NOT INDEXED), (SELECT count(*) FROM t INDEXED BY "
                                "t_by_text WHERE text > ''), (SELECT max(text) FROM t INDEXED BY t_by_text WHERE text > '')",
                                -1, &s, nullptr);
  if (out.rc == SQLITE_OK && (out.rc = sqlite3_step(s)) == SQLITE_ROW) {
    out.rc = SQLITE_OK;
    for (int i = 0; i < 3; ++i) out.rows += std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, i))) + "|";
  }
  if (out.rc != SQLITE_OK) out.rc = sqlite3_extended_errcode(db);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("a healthy checked database reads back, with the checksum's bytes reserved", "[checked_vfs]") {
  TempDir dir;
  std::string path = make_database(dir, "good.db");
  CHECK(read_back(path).rows == "40893|2000|row 999 of the table|");
  std::string bytes = bytes_of(path);
  CHECK(bytes.size() % checked_page_size == 0);
  CHECK(static_cast<unsigned char>(bytes[16]) * 256 == checked_page_size);  // the header's page size
  CHECK(bytes[20] == 8);                                                      // and reserved bytes
}

TEST_CASE("a damaged, mixed or cut-short checked database is reported, not read back", "[checked_vfs]") {
  TempDir dir;
  std::string path = make_database(dir, "db");
  const std::string good = bytes_of(path);
  // The same rows: the same pages, but for the file's own salt.
  const std::string other = bytes_of(make_database(dir, "other.db"));
  REQUIRE(good.size() >= 4 * checked_page_size);
  REQUIRE(other.size() == good.size());
  std::string bytes = good;
  int expected = SQLITE_IOERR_DATA;
  // The header, a page's contents, a page in the middle, and a checksum itself.
  for (std::size_t at : {std::size_t{8}, std::size_t{checked_page_size + 100}, good.size() / 2, good.size() - 1})
    DYNAMIC_SECTION("byte " << at << " changed") { bytes[at] = static_cast<char>(bytes[at] ^ 0x10); }
  SECTION("page 3 of another file") { bytes.replace(2 * checked_page_size, checked_page_size, other, 2 * checked_page_size, checked_page_size); }
  SECTION("page 4 as page 3") { bytes.replace(2 * checked_page_size, checked_page_size, good, 3 * checked_page_size, checked_page_size); }
  for (std::size_t cut : {good.size() - checked_page_size / 2, good.size() - checked_page_size, std::size_t{100}})
    DYNAMIC_SECTION("cut to " << cut << " bytes") {
      bytes.resize(cut);
      // Whole pages missing SQLite finds itself: the header counts more pages than there are.
      if (cut % checked_page_size == 0) expected = SQLITE_CORRUPT;
    }
  write_bytes(path, bytes);
  Outcome got = read_back(path);
  CHECK(got.rows.empty());
  CHECK(got.rc == expected);
}

TEST_CASE("a plain database is not taken for a checked one, nor written as one", "[checked_vfs]") {
  TempDir dir;
  CHECK(read_back(make_database(dir, "plain.db", false)).rc == SQLITE_IOERR_DATA);
  // Without reserved bytes the checksum would overwrite the pages' contents: refused.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2((dir.path / "unprepared.db").c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                          pairinfo::checked_vfs()) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "CREATE TABLE t(n)", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(db);
}
