/// Loading data layers (bundled data, then files in order; later layers win) through their
/// SQLite index (index_db.hpp): built on first use and kept in the cache while the files
/// provably have not changed, then asked for the records each command needs.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "pairinfo/data_source.hpp"
#include "pairinfo/dataset.hpp"
#include "pairinfo/diagnostics.hpp"

namespace pairinfo {

/// Which pair records a command needs. Loading only those keeps lookups fast.
class PairScope {
 public:
  enum class Kind { all, touching, among };
  static PairScope all();
  /// Records that include any of the codes.
  static PairScope touching(const std::vector<std::string>& codes);
  /// Records whose two codes are both among the codes.
  static PairScope among(const std::vector<std::string>& codes);

  /// The same records, of which a command needs only `parts` (a list, say, only outlines).
  PairScope keeping(RecordParts parts) const;
  RecordParts parts() const noexcept { return parts_; }

  Kind kind() const noexcept { return kind_; }
  /// The codes the scope names; empty for all.
  const std::vector<std::string>& codes() const noexcept { return codes_; }

 private:
  Kind kind_ = Kind::all;
  RecordParts parts_ = RecordParts::whole;
  std::vector<std::string> codes_;
};

struct LoadOptions {
  /// Require every pair to carry the full article, its review and its references.
  bool strict = false;
  /// Files at least this big have their records checked when a command reads them, not
  /// all on first use (which then runs at the speed of a scan).
  std::uint64_t lazy_threshold = stream_threshold;
  /// Where indexes are kept between calls ($XDG_CACHE_HOME/pairinfo); empty: built anew in
  /// memory on every call.
  std::string cache_directory;
  /// Told how far a long piece of work has got (building an index, checking a big file).
  std::function<void(std::string_view what, std::uint64_t done, std::uint64_t total)> progress = {};
};

/// One search match: a record of the Dataset that came with it, and where the words are.
struct SearchMatch {
  std::size_t pair = 0;
  double rank = 0;           ///< bm25; lower is better.
  std::string field;         ///< "names", "summary" or "text".
  std::string snippet;       ///< The matched words between \x01 and \x02.
};

struct SearchResult {
  Dataset data;
  std::vector<SearchMatch> matches;  ///< Best first.
  bool index_built = false;          ///< The search index was made by this call.
};

/// Loads layers in two steps: the catalogue first (to resolve what the user typed), then
/// the pair records a command needs. Everything decoded is checked.
class DataLoader {
 public:
  explicit DataLoader(std::vector<DataSource> sources, LoadOptions options = {});
  ~DataLoader();
  DataLoader(DataLoader&&) noexcept;
  DataLoader& operator=(DataLoader&&) noexcept;

  /// The merged data with the records in scope. Throws DataError listing every problem.
  Dataset load(const PairScope& scope);
  /// The code of the one intervention each term names by code, name or alias (folded as
  /// resolve_term folds), found in the index without reading the catalogue; empty when a
  /// term names none or several, which the whole catalogue then resolves and explains.
  std::vector<std::string> codes_named(const std::vector<std::string>& terms);
  /// The records in scope, with only the interventions they involve: the scope's, the other
  /// of each record's two, and the members of any that is a class. An `among` scope takes in
  /// the classes of its interventions too, whose records answer for their members.
  Dataset load_involved(const PairScope& scope);
  /// Every problem of every layer, every record decoded (validate); nothing is cached.
  std::vector<Diagnostic> check();
  /// Records holding every word, best first, with the catalogue. The search index is made
  /// on the first search of a set of layers. Throws DataError.
  SearchResult search(const std::vector<std::string>& words, std::size_t limit);
  /// Writes the data in effect, every field of every record, to a new SQLite file (the
  /// schema of docs/data-format.md), atomically. Throws DataError, or std::runtime_error
  /// when the file cannot be written.
  void export_sqlite(const std::string& path);
  /// The index and, apart, its search index, as SQLite database images (to compile in).
  std::pair<std::string, std::string> index_images();
  /// Things worth telling the user that did not stop the load (a damaged cache), once each.
  const std::vector<std::string>& warnings() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
  SearchResult search_index(const std::vector<std::string>& words, std::size_t limit);
};

/// Parses, checks and merges the layers. Throws DataError listing every problem.
Dataset load_dataset(const std::vector<DataSource>& sources, const LoadOptions& options = {});

/// Every problem of the layers, as a stack (later layers on earlier ones); empty when sound.
std::vector<Diagnostic> check_sources(const std::vector<DataSource>& sources, const LoadOptions& options = {});

}  // namespace pairinfo
