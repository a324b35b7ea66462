/// Reading data files into a Dataset: parsing, checking every rule of the format,
/// and merging layers (bundled data, then files in order; later layers win).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/dataset.hpp"
#include "pairinfo/diagnostics.hpp"

namespace pairinfo {

/// The text of one data layer and the name diagnostics use for it.
struct DataSource {
  std::string name;
  std::string text;
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
