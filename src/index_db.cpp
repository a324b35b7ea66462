// The SQLite index of a set of layers; see index_db.hpp and docs/data-format.md.
#include "pairinfo/index_db.hpp"

#include <sqlite3.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <unordered_set>
#include <tuple>

#include "pairinfo/checked_vfs.hpp"
#include "pairinfo/hash.hpp"

namespace pairinfo {
namespace {

using json = nlohmann::json;

// What SQLite says went wrong, except that its words for a page that fails its checksum (or
// is cut short) are "disk I/O error".
std::string why(sqlite3* db) {
  if (!db) return "out of memory";
  return sqlite3_extended_errcode(db) == SQLITE_IOERR_DATA ? "a page fails its checksum" : sqlite3_errmsg(db);
}

[[noreturn]] void fail(sqlite3* db, std::string_view what) { throw CorruptIndex(fmt::format("{}: {}", what, why(db))); }

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

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw CorruptIndex("the index: " + text);
  }
}

// One column per record field, named as the field is (record_fields.hpp).
std::string field_columns() {
  std::string out;
  // Quoted: some field names ("references") are SQL words.
  for (const auto& spec : field_specs()) out += fmt::format(",\n  \"{}\" TEXT", spec.name);
  return out;
}

std::string schema() {
  return fmt::format(R"(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE layers(layer INTEGER PRIMARY KEY, source TEXT NOT NULL, name TEXT, interventions INTEGER, pairs INTEGER);
CREATE TABLE scales(scale TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT, description TEXT,
  symbol TEXT, PRIMARY KEY(scale, position));
CREATE TABLE categories(position INTEGER PRIMARY KEY, id TEXT NOT NULL, prefix TEXT, name TEXT, description TEXT);
CREATE TABLE interventions(position INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL, category TEXT,
  summary TEXT, layer INTEGER, layer_position INTEGER);
CREATE TABLE aliases(code TEXT NOT NULL, position INTEGER NOT NULL, alias TEXT NOT NULL, PRIMARY KEY(code, position));
CREATE TABLE members(class TEXT NOT NULL, position INTEGER NOT NULL, member TEXT NOT NULL, PRIMARY KEY(class, position));
CREATE TABLE terms(term TEXT NOT NULL, code TEXT NOT NULL, PRIMARY KEY(term, code)) WITHOUT ROWID;
CREATE TABLE pairs(
  id INTEGER PRIMARY KEY,
  code_a TEXT NOT NULL,
  code_b TEXT NOT NULL,
  key_a TEXT NOT NULL,
  key_b TEXT NOT NULL,
  layer INTEGER NOT NULL,
  position INTEGER NOT NULL,
  source_offset INTEGER,
  source_length INTEGER,
  outline INTEGER NOT NULL DEFAULT 0{});
)",
                     field_columns());
}

std::string upper(std::string_view code) {
  std::string out(code);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Codes as a JSON array, for json_each: one query plan whatever their number, and no
// temporary table.
std::string json_array_of(const std::vector<std::string>& codes) {
  return json(codes).dump(-1, ' ', false, json::error_handler_t::replace);
}

IndexedPair read_pair(const Statement& s) {
  IndexedPair pair;
  pair.id = s.integer(0);
  pair.codes = {s.text(1), s.text(2)};
  pair.layer = static_cast<std::uint32_t>(s.integer(3));
  pair.position = static_cast<std::uint64_t>(s.integer(4));
  pair.offset = static_cast<std::uint64_t>(s.integer(5));
  pair.length = static_cast<std::uint64_t>(s.integer(6));
  pair.outline = s.integer(7) != 0;
  pair.title = s.text(8);
  pair.tier = s.text(9);
  pair.significance = s.text(10);
  return pair;
}

constexpr std::string_view pair_columns =
    "id, code_a, code_b, layer, position, source_offset, source_length, outline, title, tier, significance";

// An FTS5 query that wants every word, each as a word or the start of one.
std::string match_expression(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    std::string quoted = "\"";
    for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += (out.empty() ? "" : " AND ") + quoted + "\"*";
  }
  return out;
}

}  // namespace

struct IndexDb::Statements {
  std::unique_ptr<Statement> insert_pair;
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

IndexDb::IndexDb(sqlite3* db) : db_(db), statements_(std::make_unique<Statements>()) {}
IndexDb::IndexDb(IndexDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), statements_(std::move(other.statements_)) {}
IndexDb& IndexDb::operator=(IndexDb&& other) noexcept {
  if (this != &other) {
    statements_.reset();
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    statements_ = std::move(other.statements_);
  }
  return *this;
}
IndexDb::~IndexDb() {
  statements_.reset();  // statements are finalised before the database closes
  sqlite3_close(db_);
}

IndexDb IndexDb::create(const std::string& path, Pages pages) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, pages == Pages::checked ? checked_vfs() : nullptr) != SQLITE_OK) {
    std::string message = why(db);
    sqlite3_close(db);
    throw CorruptIndex(message);
  }
  IndexDb index(db);
  // Built in one go by one process and renamed into place when complete: no journal is needed.
  // A page cache of 64 MiB (the default is 2 MiB) for the inserts and for sorting the
  // lookup indexes of a million records.
  exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192; PRAGMA cache_size=-65536;");
  if (pages == Pages::checked && start_checked_pages(db) != SQLITE_OK) fail(db, "making the index");
  exec(db, schema());
  index.statements_->all_pairs_seen = true;
  return index;
}

IndexDb IndexDb::open(const std::string& path, bool writable, Pages pages) {
  sqlite3* db = nullptr;
  int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, pages == Pages::checked ? checked_vfs() : nullptr) != SQLITE_OK) {
    std::string message = why(db);
    sqlite3_close(db);
    throw CorruptIndex(message);
  }
  IndexDb index(db);
  if (writable) exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;");
  // Read through a mapping, not a system call per page (a cache file is only ever replaced
  // by a rename, never changed in place).
  exec(db, "PRAGMA mmap_size=2147418112;");
  if (index.meta("schema") != std::string(index_schema)) throw CorruptIndex("not an index of this version");
  return index;
}

IndexDb IndexDb::open_image(std::string_view bytes) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw CorruptIndex("cannot open the compiled-in index");
  }
  IndexDb index(db);
  // Read-only and not freed by SQLite: the bytes are the executable's own.
  auto* data = reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data()));
  auto size = static_cast<sqlite3_int64>(bytes.size());
  if (sqlite3_deserialize(db, "main", data, size, size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    fail(db, "the compiled-in index");
  return index;
}

void IndexDb::begin() { exec(db_, "BEGIN"); }

void IndexDb::put_meta(std::string_view key, std::string_view value) {
  Statement(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)").bind(1, key).bind(2, value).run();
}

void IndexDb::put_catalogue(const Catalogue& catalogue) {
  Statement layer(db_, "INSERT INTO layers VALUES (?1, ?2, ?3, ?4, ?5)");
  for (std::size_t i = 0; i < catalogue.layers().size(); ++i) {
    const LayerInfo& info = catalogue.layers()[i];
    layer.bind(1, static_cast<std::int64_t>(i)).bind(2, info.source).bind(3, info.name);
    layer.bind(4, static_cast<std::int64_t>(info.interventions)).bind(5, static_cast<std::int64_t>(info.pairs)).run();
  }
  Statement scale(db_, "INSERT INTO scales VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (const auto& [kind, entries] : {std::pair{"tier", &catalogue.scales().tiers}, std::pair{"significance", &catalogue.scales().significance}})
    for (std::size_t i = 0; i < entries->entries.size(); ++i) {
      const ScaleEntry& e = entries->entries[i];
      scale.bind(1, kind).bind(2, static_cast<std::int64_t>(i)).bind(3, e.id).bind(4, e.name).bind(5, e.description);
      scale.bind(6, e.symbol).run();
    }
  Statement category(db_, "INSERT INTO categories VALUES (?1, ?2, ?3, ?4, ?5)");
  for (std::size_t i = 0; i < catalogue.categories().size(); ++i) {
    const Category& c = catalogue.categories()[i];
    category.bind(1, static_cast<std::int64_t>(i)).bind(2, c.id).bind(3, c.prefix).bind(4, c.name).bind(5, c.description).run();
  }
  Statement intervention(db_, "INSERT INTO interventions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  Statement alias(db_, "INSERT INTO aliases VALUES (?1, ?2, ?3)");
  Statement member(db_, "INSERT INTO members VALUES (?1, ?2, ?3)");
  for (std::size_t i = 0; i < catalogue.interventions().size(); ++i) {
    const Intervention& item = catalogue.interventions()[i];
    intervention.bind(1, static_cast<std::int64_t>(i)).bind(2, item.code).bind(3, item.name).bind(4, item.category);
    if (item.summary.empty()) intervention.bind_null(5);
    else intervention.bind(5, item.summary);
    intervention.bind(6, static_cast<std::int64_t>(item.layer)).bind(7, static_cast<std::int64_t>(item.position)).run();
    for (std::size_t k = 0; k < item.aliases.size(); ++k)
      alias.bind(1, item.code).bind(2, static_cast<std::int64_t>(k)).bind(3, item.aliases[k]).run();
    for (std::size_t k = 0; k < item.members.size(); ++k)
      member.bind(1, item.code).bind(2, static_cast<std::int64_t>(k)).bind(3, item.members[k]).run();
  }
  // The folded terms as the catalogue has them, so that a lookup resolves a name without
  // reading (and folding) the whole catalogue.
  Statement term(db_, "INSERT INTO terms VALUES (?1, ?2)");
  for (const auto& [folded, targets] : catalogue.terms())
    for (std::uint32_t target : targets) term.bind(1, folded).bind(2, catalogue.interventions()[target].code).run();
}

std::int64_t IndexDb::put_pair(const IndexedPair& pair) {
  if (!statements_->insert_pair)
    statements_->insert_pair = std::make_unique<Statement>(
        db_,
        "INSERT INTO pairs(code_a, code_b, key_a, key_b, layer, position, source_offset, source_length, outline, title, "
        "tier, significance, applies_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  Statement& s = *statements_->insert_pair;
  std::string a = upper(pair.codes[0]), b = upper(pair.codes[1]);
  if (b < a) std::swap(a, b);  // the key columns in order, so that a pair is one lookup
  statements_->pair_hashes.push_back(fnv1a(b, fnv1a("\x1f", fnv1a(a))));
  statements_->self_pairs |= a == b;
  statements_->with_members |= !pair.applies_to.empty();
  statements_->keys.insert(a);
  statements_->keys.insert(b);
  s.bind(1, pair.codes[0]).bind(2, pair.codes[1]).bind(3, a).bind(4, b);
  s.bind(5, static_cast<std::int64_t>(pair.layer)).bind(6, static_cast<std::int64_t>(pair.position));
  s.bind(7, static_cast<std::int64_t>(pair.offset)).bind(8, static_cast<std::int64_t>(pair.length));
  s.bind(9, std::int64_t{pair.outline});
  auto text_or_null = [&](int i, const std::string& text) {
    if (!pair.outline || text.empty()) s.bind_null(i);
    else s.bind(i, text);
  };
  text_or_null(10, pair.title);
  text_or_null(11, pair.tier);
  text_or_null(12, pair.significance);
  if (pair.outline && !pair.tier.empty()) statements_->tiers.insert(pair.tier);
  if (pair.outline && !pair.significance.empty()) statements_->significances.insert(pair.significance);
  if (pair.applies_to.empty()) s.bind_null(13);
  else s.bind(13, pair.applies_to);
  s.run();
  return sqlite3_last_insert_rowid(db_);
}

void IndexDb::drop_layer(std::size_t layer) {
  Statement(db_, "DELETE FROM pairs WHERE layer = ?1").bind(1, static_cast<std::int64_t>(layer)).run();
}

void IndexDb::put_fields(std::int64_t id, const PairRecord& record) {
  std::string sql = "UPDATE pairs SET ";
  bool first = true;
  for (const auto& spec : field_specs()) {
    sql += fmt::format("{}\"{}\" = ?{}", first ? "" : ", ", spec.name, static_cast<int>(spec.field) + 1);
    first = false;
  }
  sql += fmt::format(" WHERE id = ?{}", field_count + 1);
  Statement s(db_, sql);
  for (const auto& spec : field_specs()) {
    const json& value = record[spec.field];
    int i = static_cast<int>(spec.field) + 1;
    if (value.is_null()) s.bind_null(i);
    else if (value.is_string()) s.bind(i, value.get_ref<const std::string&>());
    else s.bind(i, value.dump());  // lists and objects as JSON text, for SQLite's json functions
  }
  s.bind(static_cast<int>(field_count) + 1, id).run();
}

namespace {

// Whether two pairs put may have the same keys (see IndexDb::Statements).
bool may_repeat(std::vector<std::uint64_t>& hashes, bool all_pairs_seen) {
  if (!all_pairs_seen) return true;
  std::sort(hashes.begin(), hashes.end());
  return std::adjacent_find(hashes.begin(), hashes.end()) != hashes.end();
}

}  // namespace

std::vector<Problem> IndexDb::check_pairs() const {
  // The records that repeat a pair already defined earlier in their layer, found in one pass
  // over the index (pairs are rarely repeated), rather than a search per record; none when
  // no two pairs put had the same keys.
  exec(db_,
       "CREATE INDEX IF NOT EXISTS pairs_by_a ON pairs(key_a, key_b, layer, position);"
       "CREATE TEMP TABLE IF NOT EXISTS known(key TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.known;"
       "INSERT OR IGNORE INTO temp.known SELECT upper(code) FROM interventions;"
       "DROP TABLE IF EXISTS temp.repeated;");
  if (!may_repeat(statements_->pair_hashes, statements_->all_pairs_seen))
    exec(db_, "CREATE TEMP TABLE repeated(id INTEGER, layer INTEGER, position INTEGER, code_a TEXT, code_b TEXT, first INTEGER);");
  else
    exec(db_,
         "CREATE TEMP TABLE repeated AS SELECT p.id AS id, p.layer AS layer, p.position AS position, p.code_a AS code_a, "
         "p.code_b AS code_b, f.first AS first FROM (SELECT key_a, key_b, layer, min(position) AS first FROM pairs "
         "WHERE key_a <> key_b GROUP BY key_a, key_b, layer HAVING count(*) > 1) f JOIN pairs p ON p.key_a = f.key_a "
         "AND p.key_b = f.key_b AND p.layer = f.layer AND p.position > f.first;");
  std::vector<Problem> out;
  auto at = [](std::int64_t position, std::string_view rest) { return fmt::format("/pairs/{}{}", position, rest); };
  auto layer_of = [](const Statement& s) { return static_cast<std::size_t>(s.integer(0)); };
  // The first record of its pair in its layer, and not a pair with itself: the others are
  // reported for that alone.
  constexpr std::string_view first_of_its_pair = "p.key_a <> p.key_b AND p.id NOT IN (SELECT id FROM temp.repeated)";
  Statement self(db_, "SELECT layer, position, code_a FROM pairs WHERE key_a = key_b");
  while (statements_->may_have(statements_->self_pairs) && self.step())
    out.push_back({layer_of(self), at(self.integer(1), "/interventions/1"),
                   fmt::format("a pair of \"{}\" with itself", self.text(2)), std::nullopt});
  Statement twice(db_, "SELECT layer, position, code_a, code_b, first FROM temp.repeated ORDER BY id");
  while (twice.step())
    out.push_back({layer_of(twice), at(twice.integer(1), "/interventions"),
                   fmt::format("the pair {} + {} is already defined in this file at /pairs/{}", twice.text(2),
                               twice.text(3), twice.integer(4)),
                   std::nullopt});
  // Filtered on the key columns (the codes in capitals already): upper() runs only for the
  // few records with an unknown code, not for every record.
  // Whether any of `seen` is not among the values `sql` selects.
  auto any_undefined = [&](const auto& seen, const std::string& sql) {
    Statement defined(db_, sql);
    std::set<std::string> values;
    while (defined.step()) values.insert(defined.text(0));
    return std::any_of(seen.begin(), seen.end(), [&](const std::string& v) { return !values.count(v); });
  };
  bool unknown_keys = any_undefined(statements_->keys, "SELECT key FROM temp.known");
  Statement unknown(db_, fmt::format("SELECT layer, position, code_a, upper(code_a) IN temp.known, code_b, upper(code_b) IN "
                                     "temp.known FROM pairs p WHERE NOT (key_a IN temp.known AND key_b IN temp.known) AND {}",
                                     first_of_its_pair));
  while (statements_->may_have(unknown_keys) && unknown.step())
    for (int k = 0; k < 2; ++k)
      if (unknown.integer(3 + 2 * k) == 0)
        out.push_back({layer_of(unknown), at(unknown.integer(1), fmt::format("/interventions/{}", k)),
                       fmt::format("unknown intervention code \"{}\": no data layer defines it", unknown.text(2 + 2 * k)),
                       std::nullopt});
  for (const auto& [column, scale, pointer, seen] :
       {std::tuple{"tier", "tier", "/evidence/tier", &statements_->tiers},
        std::tuple{"significance", "significance", "/significance", &statements_->significances}}) {
    bool off_scale = any_undefined(*seen, fmt::format("SELECT id FROM scales WHERE scale = '{}'", scale));
    Statement off(db_, fmt::format("SELECT layer, position, {0} FROM pairs p WHERE {0} IS NOT NULL AND {0} NOT IN "
                                   "(SELECT id FROM scales WHERE scale = '{2}') AND {1}",
                                   column, first_of_its_pair, scale));
    while (statements_->may_have(off_scale) && off.step())
      out.push_back({layer_of(off), at(off.integer(1), pointer),
                     fmt::format("{} \"{}\" is not defined by the {} scale", column, off.text(2), scale), std::nullopt});
  }
  Statement members(db_, fmt::format("SELECT layer, position, j.key, j.value FROM pairs p, json_each(p.applies_to) j WHERE "
                                     "p.applies_to IS NOT NULL AND {} AND upper(j.value) NOT IN (SELECT upper(member) FROM "
                                     "members WHERE upper(class) IN (upper(p.code_a), upper(p.code_b)))",
                                     first_of_its_pair));
  while (statements_->may_have(statements_->with_members) && members.step())
    out.push_back({layer_of(members), at(members.integer(1), fmt::format("/applies_to/{}", members.integer(2))),
                   fmt::format("\"{}\" is not a member of either intervention of the pair", members.text(3)),
                   std::nullopt});
  return out;
}

void IndexDb::keep_records_in_effect() {
  if (!may_repeat(statements_->pair_hashes, statements_->all_pairs_seen)) {
    if (statements_->may_have(statements_->self_pairs)) exec(db_, "DELETE FROM pairs WHERE key_a = key_b;");
    return;
  }
  // Only pairs that occur more than once (one pass over the index) are looked at record by record.
  exec(db_,
       "DELETE FROM pairs WHERE key_a = key_b OR id IN (SELECT p.id FROM (SELECT key_a, key_b FROM pairs GROUP BY "
       "key_a, key_b HAVING count(*) > 1) d JOIN pairs p ON p.key_a = d.key_a AND p.key_b = d.key_b JOIN pairs q ON "
       "q.key_a = p.key_a AND q.key_b = p.key_b AND (q.layer > p.layer OR (q.layer = p.layer AND q.position < p.position)));");
}

void IndexDb::finish() {
  exec(db_,
       "CREATE INDEX IF NOT EXISTS pairs_by_a ON pairs(key_a, key_b, layer, position); CREATE INDEX pairs_by_b ON pairs(key_b);"
       "CREATE INDEX interventions_by_code ON interventions(code COLLATE NOCASE);"
       "CREATE INDEX members_by_member ON members(member COLLATE NOCASE);"
       "COMMIT; PRAGMA analysis_limit=1000; ANALYZE;");  // statistics from a sample of each index
}

std::string IndexDb::serialize() const {
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db_, "main", &size, 0);
  if (!bytes) fail(db_, "serialising the index");
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  return out;
}

std::optional<std::string> IndexDb::meta(std::string_view key) const {
  sqlite3_stmt* raw = nullptr;
  // Prepared without failing: a file that is no index has no meta table.
  if (sqlite3_prepare_v2(db_, "SELECT value FROM meta WHERE key = ?1", -1, &raw, nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return std::nullopt;
  }
  sqlite3_bind_text(raw, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  std::optional<std::string> out;
  int rc = sqlite3_step(raw);
  if (rc == SQLITE_ROW) {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
    out = p ? std::string(p) : std::string();
  }
  sqlite3_finalize(raw);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(db_, "reading the index");
  return out;
}

std::shared_ptr<const Catalogue> IndexDb::catalogue() const {
  return read_catalogue(nullptr);
}

std::shared_ptr<const Catalogue> IndexDb::catalogue_of(const std::vector<std::string>& codes) const {
  return read_catalogue(&codes);
}

std::shared_ptr<const Catalogue> IndexDb::read_catalogue(const std::vector<std::string>* codes) const {
  Scales scales;
  Statement scale(db_, "SELECT scale, id, name, description, symbol FROM scales ORDER BY scale, position");
  while (scale.step()) {
    Scale& target = scale.text(0) == "tier" ? scales.tiers : scales.significance;
    target.entries.push_back({scale.text(1), scale.text(2), scale.text(3), scale.text(4)});
  }
  std::vector<Category> categories;
  Statement category(db_, "SELECT id, prefix, name, description FROM categories ORDER BY position");
  while (category.step()) categories.push_back({category.text(0), category.text(1), category.text(2), category.text(3)});
  std::vector<LayerInfo> layers;
  Statement layer(db_, "SELECT source, name, interventions, pairs FROM layers ORDER BY layer");
  while (layer.step())
    layers.push_back({layer.text(0), layer.text(1), static_cast<std::size_t>(layer.integer(2)),
                      static_cast<std::size_t>(layer.integer(3))});
  std::vector<Intervention> interventions;
  // All of them, or those of the codes and the members of those that are classes (by their
  // rowid, found by code in its index), with their aliases and members (by their own codes).
  auto prepare = [&](std::string sql, const std::vector<std::string>* values) {
    auto statement = std::make_unique<Statement>(db_, sql);
    if (values) statement->bind(1, json_array_of(*values));
    return statement;
  };
  constexpr std::string_view chosen =
      "WITH named AS (SELECT i.position, i.code FROM json_each(?1) w JOIN interventions i ON i.code = w.value COLLATE "
      "NOCASE) SELECT position FROM named UNION SELECT i.position FROM named n JOIN members m ON m.class = n.code JOIN "
      "interventions i ON i.code = m.member COLLATE NOCASE";
  auto items = prepare(fmt::format("SELECT code, name, category, summary, layer, layer_position FROM "
                                   "interventions {} ORDER BY position",
                                   codes ? fmt::format("WHERE position IN ({})", chosen) : ""),
                       codes);
  Statement& item = *items;
  while (item.step()) {
    Intervention i;
    i.code = item.text(0);
    i.name = item.text(1);
    i.category = item.text(2);
    i.summary = item.text(3);
    i.layer = static_cast<std::size_t>(item.integer(4));
    i.position = static_cast<std::size_t>(item.integer(5));
    interventions.push_back(std::move(i));
  }
  // Aliases and members in one pass each, matched to interventions by code.
  std::vector<std::pair<std::string, std::size_t>> by_code;
  for (std::size_t i = 0; i < interventions.size(); ++i) by_code.emplace_back(interventions[i].code, i);
  std::sort(by_code.begin(), by_code.end());
  auto find = [&](const std::string& code) -> Intervention* {
    auto it = std::lower_bound(by_code.begin(), by_code.end(), code,
                               [](const auto& e, const std::string& c) { return e.first < c; });
    return it != by_code.end() && it->first == code ? &interventions[it->second] : nullptr;
  };
  std::vector<std::string> found;
  for (const auto& intervention : interventions) found.push_back(intervention.code);
  auto of_found = [&](std::string_view column) {
    return codes ? fmt::format("WHERE {} IN (SELECT value FROM json_each(?1))", column) : std::string();
  };
  auto aliases = prepare(fmt::format("SELECT code, alias FROM aliases {} ORDER BY code, position", of_found("code")),
                         codes ? &found : nullptr);
  Statement& alias = *aliases;
  while (alias.step())
    if (Intervention* i = find(alias.text(0))) i->aliases.push_back(alias.text(1));
  auto members = prepare(fmt::format("SELECT class, member FROM members {} ORDER BY class, position", of_found("class")),
                         codes ? &found : nullptr);
  Statement& member = *members;
  while (member.step())
    if (Intervention* i = find(member.text(0))) i->members.push_back(member.text(1));
  return Catalogue::build(std::move(scales), std::move(categories), std::move(interventions), std::move(layers),
                          codes == nullptr);
}

std::vector<std::string> IndexDb::codes_named(std::string_view folded) const {
  std::vector<std::string> out;
  Statement s(db_, "SELECT code FROM terms WHERE term = ?1");
  s.bind(1, folded);
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::vector<std::string> IndexDb::classes_of(const std::vector<std::string>& codes) const {
  std::vector<std::string> out;
  Statement s(db_, "SELECT DISTINCT class FROM members WHERE member = ?1 COLLATE NOCASE");
  for (const auto& code : codes) {
    s.bind(1, code);
    while (s.step())
      if (std::find(out.begin(), out.end(), s.text(0)) == out.end()) out.push_back(s.text(0));
    s.reset();
  }
  return out;
}

std::vector<IndexedPair> IndexDb::pairs(const IndexQuery& query) const {
  std::vector<IndexedPair> out;
  auto collect = [&](Statement& s) {
    while (s.step()) out.push_back(read_pair(s));
    s.reset();
  };
  if (query.kind == IndexQuery::Kind::ids) {
    Statement s(db_, fmt::format("SELECT {} FROM pairs WHERE id = ?1", pair_columns));
    for (std::int64_t id : query.ids) {
      s.bind(1, id);
      if (s.step()) out.push_back(read_pair(s));
      s.reset();
    }
    return out;
  }
  if (query.kind == IndexQuery::Kind::all) {
    Statement s(db_, fmt::format("SELECT {} FROM pairs ORDER BY id", pair_columns));
    collect(s);
    return out;
  }
  // Records among the codes are found in the index of both keys alone: SQLite's sampled
  // statistics would have it read every record of one of them to test the other.
  std::string where = query.kind == IndexQuery::Kind::touching
                          ? "WHERE key_a IN (SELECT upper(value) FROM json_each(?1)) OR key_b IN (SELECT upper(value) "
                            "FROM json_each(?1))"
                          : "INDEXED BY pairs_by_a WHERE key_a IN (SELECT upper(value) FROM json_each(?1)) AND key_b IN "
                            "(SELECT upper(value) FROM json_each(?1))";
  Statement s(db_, fmt::format("SELECT {} FROM pairs {} ORDER BY id", pair_columns, where));
  s.bind(1, json_array_of(query.codes));
  collect(s);
  return out;
}

std::size_t IndexDb::pair_count() const {
  Statement s(db_, "SELECT count(*) FROM pairs");
  s.step();
  return static_cast<std::size_t>(s.integer(0));
}

std::optional<Span> IndexDb::record_span(std::size_t layer, std::uint64_t position) const {
  Statement s(db_, "SELECT source_offset, source_length FROM pairs WHERE layer = ?1 AND position = ?2");
  s.bind(1, static_cast<std::int64_t>(layer)).bind(2, static_cast<std::int64_t>(position));
  if (!s.step()) return std::nullopt;
  return Span{static_cast<std::uint64_t>(s.integer(0)), static_cast<std::uint64_t>(s.integer(1))};
}

bool IndexDb::has_search() const {
  Statement s(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'pairs_fts'");
  s.step();
  return s.integer(0) > 0;
}

void IndexDb::build_search(const std::function<std::array<std::string, 3>(const IndexedPair&)>& text_of,
                           const std::function<void(std::size_t, std::size_t)>& progress) {
  exec(db_,
       "BEGIN; CREATE VIRTUAL TABLE pairs_fts USING fts5(names, summary, text, "
       "tokenize = 'unicode61 remove_diacritics 2');");
  Statement insert(db_, "INSERT INTO pairs_fts(rowid, names, summary, text) VALUES (?1, ?2, ?3, ?4)");
  std::vector<IndexedPair> all = pairs({});
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto columns = text_of(all[i]);
    insert.bind(1, all[i].id).bind(2, columns[0]).bind(3, columns[1]).bind(4, columns[2]).run();
    if (progress && (i % 256 == 0 || i + 1 == all.size())) progress(i + 1, all.size());
  }
  exec(db_, "COMMIT");
}

std::vector<IndexMatch> IndexDb::search(const std::vector<std::string>& words, std::size_t limit) const {
  std::vector<IndexMatch> out;
  if (words.empty()) return out;
  // Names weigh most, then the summary, then the rest; the snippet comes from the summary
  // when the words are there, else from the rest.
  Statement s(db_,
              "SELECT rowid, bm25(pairs_fts, 10.0, 4.0, 1.0) AS score, "
              "snippet(pairs_fts, 1, char(1), char(2), '…', 24), snippet(pairs_fts, 2, char(1), char(2), '…', 24), "
              "snippet(pairs_fts, 0, char(1), char(2), '…', 24) "
              "FROM pairs_fts WHERE pairs_fts MATCH ?1 ORDER BY score, rowid LIMIT ?2");
  s.bind(1, match_expression(words)).bind(2, limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));
  while (s.step()) {
    IndexMatch match;
    match.id = s.integer(0);
    match.rank = s.real(1);
    std::string summary = s.text(2), text = s.text(3), names = s.text(4);
    if (summary.find('\x01') != std::string::npos) {
      match.field = "summary";
      match.snippet = std::move(summary);
    } else if (text.find('\x01') != std::string::npos) {
      match.field = "text";
      match.snippet = std::move(text);
    } else {
      match.field = "names";
      match.snippet = std::move(names);
    }
    out.push_back(std::move(match));
  }
  return out;
}

}  // namespace pairinfo
