/// Reading data files into a Dataset: parsing, checking every rule of the format,
/// and merging layers (bundled data, then files in order; later layers win).
#pragma once
#include <memory>
#include <optional>
#include <unordered_set>
#include <string>
#include <string_view>
#include <string_view>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/diagnostics.hpp"

namespace pairinfo {

/// The text of one data layer and the name diagnostics use for it.
class DataSource {
 public:
  DataSource() = default;
  /// Owns a copy of the text.
  DataSource(std::string name, std::string text, bool trusted = false);
  /// Refers to text that outlives every use (compiled-in or mapped); `keep_alive` holds the mapping.
  static DataSource borrowed(std::string name, std::string_view text, bool trusted,
                             std::shared_ptr<const void> keep_alive = nullptr);

  const std::string& name() const noexcept { return name_; }
  std::string_view text() const noexcept { return text_; }
  /// Checked before it was shipped (the bundled data): records are decoded only as needed.
  bool trusted() const noexcept { return trusted_; }

 private:
  std::string name_;
  std::string_view text_;
  std::shared_ptr<const void> storage_;
  bool trusted_ = false;
};

/// Files larger than this are decoded record by record as commands need them; smaller
/// untrusted files are checked whole on every use, so a bad record anywhere refuses them.
inline constexpr std::size_t lazy_threshold = std::size_t{64} << 20;

/// Which pair records a command needs. Loading only those keeps lookups fast.
class PairScope {
 public:
  enum class Kind { all, touching, among };
  static PairScope all();
  /// Records that include any of the codes.
  static PairScope touching(const std::vector<std::string>& codes);
  /// Records whose two codes are both among the codes.
  static PairScope among(const std::vector<std::string>& codes);

  Kind kind() const noexcept { return kind_; }
  bool includes(std::string_view code_a, std::string_view code_b) const;

 private:
  Kind kind_ = Kind::all;
  std::unordered_set<std::string> codes_;
};

struct LoadOptions {
  /// Require every pair to carry the full article (all sections, takeaways and FAQ).
  bool strict = false;
};

/// Reads a data file. Throws DataError naming the file when it is missing,
/// unreadable, a directory, or not a regular file.
DataSource read_source(const std::string& path);

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

/// True for a YYYY-MM-DD string naming a real calendar date.
bool is_valid_date(std::string_view date);

}  // namespace pairinfo
