// The SQLite index of a set of layers; see index_db.hpp and docs/data-format.md.
#include "pairinfo/index_db.hpp"

#include <sqlite3.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <tuple>

#include "index_sql.hpp"
#include "pairinfo/checked_vfs.hpp"
#include "pairinfo/hash.hpp"

namespace pairinfo {

namespace index_sql {

[[noreturn]] void fail(sqlite3* db, std::string_view what) { throw CorruptIndex(fmt::format("{}: {}", what, why(db))); }

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw CorruptIndex("the index: " + text);
  }
}

}  // namespace index_sql

using namespace index_sql;
namespace {

using json = nlohmann::json;

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
CREATE INDEX pairs_by_b ON pairs(key_b);
)",
                     field_columns());
}



// SQLite set up once, before its first use: without counting the memory it allocates, for
// which it takes a global mutex on every allocation (nothing here reads those counts), and
// without the 20 pages each page cache allocates up front and touches (a bundled lookup
// opens four caches: a third of its page faults), pages being allocated as needed instead.
// Once SQLite has started (a test that used checked_vfs() first), the calls fail and change
// nothing.
void configure_sqlite() {
  [[maybe_unused]] static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK &&
                                                  sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0) == SQLITE_OK;
}

}  // namespace


IndexDb::IndexDb(sqlite3* db) : db_(db), statements_(std::make_unique<index_sql::State>()) {}
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
  configure_sqlite();
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
  configure_sqlite();
  sqlite3* db = nullptr;
  int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, pages == Pages::checked ? checked_vfs() : nullptr) != SQLITE_OK) {
    std::string message = why(db);
    sqlite3_close(db);
    throw CorruptIndex(message);
  }
  IndexDb index(db);
  // A reader keeps its shared lock from its first read to its close: one lock, one look at the
  // header and for a hot journal, instead of one per statement. Caches are replaced by rename,
  // never written in place, except by a first search: it and the readers wait for each other.
  // A read touches a few pages of the trees' upper levels often and hundreds of record pages
  // once each: a small page cache recycles its memory for those rather than faulting in more.
  sqlite3_busy_timeout(db, 10000);
  exec(db, writable ? "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
                    : "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=64;");
  // A plain file is read through a mapping, not a system call per page. Checked pages cannot
  // be: the checked VFS offers SQLite no mapping, so that every page read is verified.
  if (pages == Pages::plain) exec(db, "PRAGMA mmap_size=2147418112;");
  if (index.meta("schema") != std::string(index_schema)) throw CorruptIndex("not an index of this version");
  return index;
}

IndexDb IndexDb::open_image(std::string_view bytes) {
  configure_sqlite();
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
  // Pages read where they are in the executable, not copied into SQLite's page cache.
  exec(db, "PRAGMA mmap_size=" + std::to_string(bytes.size()) + ";");
  return index;
}

void IndexDb::begin() { exec(db_, "BEGIN"); }

void IndexDb::put_meta(std::string_view key, std::string_view value) {
  statements_->meta.reset();
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

// Whether two pairs put may have the same keys (see index_sql::State).
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

// pairs_by_b is made with the table and kept up by the inserts, which run on a thread of
// their own beside the scan of a big file and have time to spare; built here, after the
// scan, it cost a first use of the 1M-record file 0.4-0.5 s more (pairs_by_a kept up too
// made the inserts the slowest part). No statistics (ANALYZE): every query's plan is the
// same without them, and reading them cost each lookup as much as preparing a statement.
void IndexDb::finish() {
  exec(db_,
       "CREATE INDEX IF NOT EXISTS pairs_by_a ON pairs(key_a, key_b, layer, position);"
       "CREATE INDEX interventions_by_code ON interventions(code COLLATE NOCASE);"
       "CREATE INDEX members_by_member ON members(member COLLATE NOCASE);"
       "COMMIT;");
}

void IndexDb::add_statistics() { exec(db_, "PRAGMA analysis_limit=1000; ANALYZE;"); }  // from a sample of each index

std::string IndexDb::serialize() {
  exec(db_, "VACUUM;");
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db_, "main", &size, 0);
  if (!bytes) fail(db_, "serialising the index");
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  return out;
}

}  // namespace pairinfo
