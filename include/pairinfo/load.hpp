/// Reading data files into a Dataset: parsing, checking every rule of the format,
/// and merging layers (bundled data, then files in order; later layers win).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/diagnostics.hpp"
#include "pairinfo/pair_index.hpp"

namespace pairinfo {

/// What identifies the contents of a file without reading it.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  std::string real_path;
};

/// The text of one data layer and the name diagnostics use for it: held in memory, or,
/// for big files, read piece by piece from the open file.
class DataSource {
 public:
  DataSource() = default;
  /// Owns a copy of the text.
  DataSource(std::string name, std::string text, bool trusted = false);
  /// Refers to text that outlives every use (compiled-in data).
  static DataSource borrowed(std::string name, std::string_view text, bool trusted);
  /// Reads from an open file descriptor (owned from then on) of `size` bytes.
  static DataSource from_file(std::string name, int fd, FileStamp stamp);

  const std::string& name() const noexcept { return name_; }
  /// Checked before it was shipped (the bundled data): records are decoded only as needed.
  bool trusted() const noexcept { return trusted_; }
  /// Identity of the file the text comes from, for caches; nullopt for in-memory text.
  const std::optional<FileStamp>& stamp() const noexcept { return stamp_; }
  std::uint64_t size() const noexcept;
  bool in_memory() const noexcept { return file_ == nullptr; }

  /// Bytes [offset, offset + length). In memory: a view of the text; from a file: read into
  /// `buffer`. Throws DataError when the file ends early (it changed while in use).
  std::string_view slice(std::uint64_t offset, std::uint64_t length, std::string& buffer) const;
  /// The whole text (read into `buffer` when it comes from a file).
  std::string_view whole(std::string& buffer) const { return slice(0, size(), buffer); }
  /// A hash of samples of the text (its start, its end and places between), computed once:
  /// with the stamp, what tells whether a file changed since a cache was made from it.
  std::uint64_t fingerprint() const;
  /// Calls `visit` with consecutive chunks of the text, of `chunk_size` bytes but the last,
  /// until it returns false.
  void for_each_chunk(const std::function<bool(std::string_view)>& visit,
                      std::uint64_t chunk_size = std::uint64_t{4} << 20) const;

  /// Made at build time for the bundled data, so that it is neither scanned nor its
  /// catalogue decoded at run time: its pair index, and its catalogue as a snapshot
  /// (see catalogue_snapshot.hpp).
  const std::optional<PairIndex>& prebuilt_index() const noexcept { return prebuilt_index_; }
  std::string_view prebuilt_catalogue() const noexcept { return prebuilt_catalogue_; }
  void set_prebuilt(PairIndex index, std::string_view catalogue_snapshot);

 private:
  struct File;
  std::string name_;
  std::string_view text_;
  std::shared_ptr<const void> storage_;
  std::shared_ptr<File> file_;
  std::optional<FileStamp> stamp_;
  std::optional<PairIndex> prebuilt_index_;
  mutable std::optional<std::uint64_t> fingerprint_;
  std::string_view prebuilt_catalogue_;
  bool trusted_ = false;

  friend DataSource read_source(const std::string& path, std::uint64_t stream_threshold);
};

/// Files larger than this are decoded record by record as commands need them; smaller
/// untrusted files are checked whole on every use, so a bad record anywhere refuses them.
inline constexpr std::size_t lazy_threshold = std::size_t{64} << 20;

/// Which pair records a command needs. Loading only those keeps lookups fast.
class PairScope {
 public:
  enum class Kind { all, touching, among, text };
  static PairScope all();
  /// Records that may hold every word (lower-case ASCII) somewhere: in their text, or in the
  /// names of their interventions, `codes_by_word[i]` being the codes whose code, name or
  /// alias holds word i. A superset: the search itself decides.
  static PairScope text(std::vector<std::string> words, std::vector<std::vector<std::string>> codes_by_word);
  /// Records that include any of the codes.
  static PairScope touching(const std::vector<std::string>& codes);
  /// Records whose two codes are both among the codes.
  static PairScope among(const std::vector<std::string>& codes);

  /// The same records, of which a command needs only `parts` (a list, say, only outlines):
  /// much cheaper to keep. Records read one by one (big files) are then checked as far as
  /// those parts go, the others only for shape (see read_clean_pair_record); small files
  /// are checked whole.
  PairScope keeping(RecordParts parts) const;
  RecordParts parts() const noexcept { return parts_; }

  Kind kind() const noexcept { return kind_; }
  bool includes(std::string_view code_a, std::string_view code_b) const;
  /// The codes (upper case) the scope names; empty for all.
  const std::unordered_set<std::string>& codes() const noexcept { return codes_; }
  const std::vector<std::string>& words() const noexcept { return words_; }
  const std::vector<std::vector<std::string>>& codes_by_word() const noexcept { return codes_by_word_; }

 private:
  Kind kind_ = Kind::all;
  RecordParts parts_ = RecordParts::whole;
  std::unordered_set<std::string> codes_;
  std::vector<std::string> words_;
  std::vector<std::vector<std::string>> codes_by_word_;
};

struct LoadOptions {
  /// Require every pair to carry the full article (all sections, takeaways and FAQ).
  bool strict = false;
  /// Files at least this big are indexed and decoded record by record (see lazy_threshold).
  std::size_t lazy_threshold = pairinfo::lazy_threshold;
  /// Where indexes of big files are kept between calls; empty: rebuilt on every call.
  std::string cache_directory;
  /// Files at least this big that were checked whole once are remembered in the cache as
  /// checked, and later calls decode only the records they need.
  std::size_t remember_threshold = std::size_t{1} << 20;
  /// Checking every record (validate) of a file at least this big reads it record by record,
  /// so memory stays bounded whatever its size.
  std::size_t stream_check_threshold = std::size_t{16} << 20;
  /// Told, while a big file is checked whole, how far the work has got (in bytes of the
  /// file, each read twice: once to index it, once to check its records).
  std::function<void(std::string_view file, std::uint64_t done, std::uint64_t total)> progress = {};
};

/// Opens a data file: files smaller than `stream_threshold` are read whole, bigger ones
/// are read piece by piece as needed. Throws DataError naming the file when it is
/// missing, unreadable, a directory, or not a regular file.
DataSource read_source(const std::string& path, std::uint64_t stream_threshold = lazy_threshold);

/// The compiled-in data as a source.
DataSource bundled_source();

/// Loads layers in two steps: the catalogue first (to resolve what the user typed), then
/// the pair records a command needs. Everything decoded is checked; see lazy_threshold.
class DataLoader {
 public:
  explicit DataLoader(std::vector<DataSource> sources, LoadOptions options = {});
  ~DataLoader();
  DataLoader(DataLoader&&) noexcept;
  DataLoader& operator=(DataLoader&&) noexcept;

  /// The merged data with the records in scope. Throws DataError listing every problem.
  Dataset load(const PairScope& scope);
  /// The problems, instead of throwing.
  std::vector<Diagnostic> check(const PairScope& scope);
  /// Things worth telling the user that did not stop the load (an unwritable cache), once each.
  const std::vector<std::string>& warnings() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Parses, checks and merges the layers in order. Throws DataError listing every
/// problem of every layer; a dataset with any problem is never returned in part.
Dataset load_dataset(const std::vector<DataSource>& sources, const LoadOptions& options = {});

/// Like load_dataset, but returns the problems instead of throwing; the dataset is
/// empty when there are any. Used by `validate`.
std::vector<Diagnostic> check_sources(const std::vector<DataSource>& sources,
                                      const LoadOptions& options = {});


}  // namespace pairinfo
