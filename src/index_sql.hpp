// What index_db.cpp (building) and index_read.cpp (reading) share: SQLite statements and
// errors, and the state of one IndexDb. Private to those two files.
#pragma once
#include <sqlite3.h>
#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>


namespace pairinfo::index_sql {

// What SQLite says went wrong, except that its words for a page that fails its checksum (or
// is cut short) are "disk I/O error".
inline std::string why(sqlite3* db) {
  if (!db) return "out of memory";
  return sqlite3_extended_errcode(db) == SQLITE_IOERR_DATA ? "a page fails its checksum" : sqlite3_errmsg(db);
}

/// Throws CorruptIndex (index_db.cpp): what went wrong doing `what`.
[[noreturn]] void fail(sqlite3* db, std::string_view what);

// A prepared statement, reset after each use.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
        SQLITE_OK)
      fail(db, "an index query");
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t value) {
    sqlite3_bind_int64(stmt_, i, value);
    return *this;
  }
  Statement& bind_null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
  }
  /// Steps once: true while there is a row.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) {
      sqlite3_reset(stmt_);
      fail(db_, "reading the index");
    }
    return false;
  }
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int i) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
  }
  std::int64_t integer(int i) const { return sqlite3_column_int64(stmt_, i); }
  double real(int i) const { return sqlite3_column_double(stmt_, i); }
  bool is_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// Runs statements without results; throws CorruptIndex.
void exec(sqlite3* db, const std::string& sql);

inline std::string upper(std::string_view code) {
  std::string out(code);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

struct State {
  std::unique_ptr<index_sql::Statement> insert_pair;
  // Reused for every term of a command: one statement prepared, not one per term.
  std::unique_ptr<index_sql::Statement> codes_named;
  // The meta table, read whole on the first meta() (a command asks for three of its keys).
  std::optional<std::vector<std::pair<std::string, std::string>>> meta;
  // What the pairs put into an index built by this object have: a hash of each one's keys
  // (when no two are equal, no pair is defined twice), whether any is a pair with itself or
  // names class members. The queries that look for what none has (each a pass over the
  // whole index) are not needed.
  bool all_pairs_seen = false;
  std::vector<std::uint64_t> pair_hashes;
  bool self_pairs = false, with_members = false;
  // The keys and the scale values they name: when every one is defined, the passes that look
  // for those that are not are not needed either.
  std::unordered_set<std::string> keys;
  std::set<std::string> tiers, significances;

  bool may_have(bool seen) const { return !all_pairs_seen || seen; }
};

}  // namespace pairinfo::index_sql
