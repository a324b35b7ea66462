/// The SQLite index of a set of data layers: the merged catalogue, where each pair record in
/// effect is (layer, place in its file) with what a list shows of it, and the full-text
/// search index. The same schema, with every field filled in, is what `export --format
/// sqlite` writes (docs/data-format.md).
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/catalogue.hpp"
#include "pairinfo/decode.hpp"
#include "pairinfo/model.hpp"
#include "pairinfo/record_splitter.hpp"

struct sqlite3;

namespace pairinfo {

namespace index_sql {
struct State;
}

/// An index that SQLite reports damaged, or that is not one of this version of pairinfo.
class CorruptIndex : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One pair record in effect, as the index knows it.
struct IndexedPair {
  std::int64_t id = 0;
  std::array<std::string, 2> codes;
  std::uint32_t layer = 0;
  std::uint64_t position = 0;  ///< Its index in the layer's "pairs" array.
  std::uint64_t offset = 0;    ///< Its text in the layer's file.
  std::uint64_t length = 0;
  /// Title, tier and significance as the file has them; `outline` false when the index
  /// could not read them (the record must then be read to be listed).
  std::string title, tier, significance;
  bool outline = false;
  std::string applies_to;  ///< The record's "applies_to" as JSON text, when it was decoded.
};

/// One search match, best first.
struct IndexMatch {
  std::int64_t id = 0;
  double rank = 0;          ///< bm25: lower is better.
  std::string field;        ///< "names", "summary" or "text".
  std::string snippet;      ///< With the matched words between \x01 and \x02.
};

/// Which records a query wants (see PairScope).
struct IndexQuery {
  enum class Kind { all, touching, among, ids } kind = Kind::all;
  std::vector<std::string> codes;
  std::vector<std::int64_t> ids;
};

/// How an index file keeps its pages: `checked`, each with a checksum that is verified as it
/// is read (the cache: checked_vfs.hpp), or `plain`, as every SQLite program reads them (an
/// export).
enum class Pages { plain, checked };

class IndexDb {
 public:
  /// A new, empty index in a new file at `path` (written as it is built); ":memory:" keeps
  /// it in memory, and "" in a temporary file SQLite deletes when it is closed.
  static IndexDb create(const std::string& path, Pages pages = Pages::plain);
  /// An existing index file, read-only (or read-write, to add the search index). Throws
  /// CorruptIndex when it is not an index of this version, or a page read does not match
  /// its checksum.
  static IndexDb open(const std::string& path, bool writable = false, Pages pages = Pages::checked);
  /// An index image compiled into the executable, read-only and in place.
  static IndexDb open_image(std::string_view bytes);

  IndexDb(IndexDb&&) noexcept;
  IndexDb& operator=(IndexDb&&) noexcept;
  ~IndexDb();

  // Building, inside one transaction: begin(), put..., finish().
  void begin();
  void put_meta(std::string_view key, std::string_view value);
  void put_catalogue(const Catalogue& catalogue);
  /// Adds a record in effect; returns its id.
  std::int64_t put_pair(const IndexedPair& pair);
  /// Removes every record of a layer (one that is not even JSON).
  void drop_layer(std::size_t layer);
  /// Every field of a record, for an export.
  void put_fields(std::int64_t id, const PairRecord& record);
  /// After the records of every layer and the catalogue are in: the rules that span them
  /// (codes the catalogue lacks, tiers and levels off their scales, a pair defined twice in
  /// one file or with itself, class members a record does not have), as problems at
  /// pointers of their layers.
  std::vector<Problem> check_pairs() const;
  /// Drops the records later layers replace and the pairs of an intervention with itself.
  void keep_records_in_effect();
  /// Makes the lookup indexes and commits, without the planner's statistics: pairinfo's
  /// queries do not need them, and each start would read them.
  void finish();
  /// Gathers the planner's statistics (ANALYZE), for an export that others query freely.
  void add_statistics();
  /// The database as bytes, for the compiled-in image.
  std::string serialize();

  // Reading.
  std::optional<std::string> meta(std::string_view key) const;
  /// The merged catalogue. Throws CorruptIndex.
  std::shared_ptr<const Catalogue> catalogue() const;
  /// Every scale, category and layer, but only the interventions with these codes (any case)
  /// and the members of those that are classes: for a command whose terms are resolved
  /// already (its terms are not folded, and terms() is empty).
  std::shared_ptr<const Catalogue> catalogue_of(const std::vector<std::string>& codes) const;
  /// The codes of the interventions a folded term (fold_term) names, as code, name or alias.
  std::vector<std::string> codes_named(std::string_view folded) const;
  /// The classes that have any of these codes among their members.
  std::vector<std::string> classes_of(const std::vector<std::string>& codes) const;
  /// The records a query wants, in id order.
  std::vector<IndexedPair> pairs(const IndexQuery& query) const;
  std::size_t pair_count() const;
  /// Where record `position` of layer `layer` is in its file, if the index has it.
  std::optional<Span> record_span(std::size_t layer, std::uint64_t position) const;

  // Full-text search.
  bool has_search() const;
  /// Makes the search index of `rows` (of this index or another): `text_of(pair)` gives the
  /// three columns of each record (names and title, summary, the rest). Calls
  /// `progress(done, total)` now and then.
  void build_search(const std::vector<IndexedPair>& rows,
                    const std::function<std::array<std::string, 3>(const IndexedPair&)>& text_of,
                    const std::function<void(std::size_t, std::size_t)>& progress);
  /// Records holding every word (as a word or the start of one), best first.
  std::vector<IndexMatch> search(const std::vector<std::string>& words, std::size_t limit) const;

 private:
  explicit IndexDb(sqlite3* db);
  /// The whole catalogue, or without terms only the interventions of `codes` (catalogue_of).
  std::shared_ptr<const Catalogue> read_catalogue(const std::vector<std::string>* codes) const;
  sqlite3* db_ = nullptr;
  std::unique_ptr<index_sql::State> statements_;  // src/index_sql.hpp
};

/// The version of the index schema; a file of another version is rebuilt.
inline constexpr std::string_view index_schema = "pairinfo-sqlite-3";

}  // namespace pairinfo
