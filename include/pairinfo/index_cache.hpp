/// Pair indexes of big data files kept on disk, so a file is scanned once, not on every call.
/// A cache file is trusted only while its data file is unchanged (size, time, inode,
/// sampled content) and its own checksums hold; otherwise it is rebuilt.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pairinfo/pair_index.hpp"

namespace pairinfo {

class DataSource;
class Catalogue;

struct IndexCacheOptions {
  std::string directory;  ///< Where cache files live; empty: no cache.
  bool rebuild = false;   ///< Ignore an existing cache file (it was found damaged).
  /// Told how many bytes of the source were scanned so far, when an index is built.
  std::function<void(std::uint64_t done)> progress = {};
};

/// The index of a data source: from the cache when valid, else scanned (and saved when
/// the source is a file and a cache directory is set). Problems with the cache never
/// fail the command: they are added to `warnings`. nullopt when the text is not shaped
/// like a data file (the full parser then explains why).
std::optional<PairIndex> index_for(const DataSource& source, const IndexCacheOptions& options,
                                   std::vector<std::string>& warnings);

/// Builds and saves the cache file for a source; returns its path. Throws std::runtime_error.
/// `validated`: the whole file passed the format's checks, so later calls may trust it.
/// `context` identifies the layers it was checked with.
std::string write_index_cache(const DataSource& source, const PairIndex& index, const IndexCacheOptions& options,
                              bool validated, std::uint64_t context);

/// The cached index of a file that was checked whole, with the same layers (`context`), and
/// has not changed since; else nullopt.
std::optional<PairIndex> validated_index(const DataSource& source, const IndexCacheOptions& options,
                                         std::uint64_t context);

/// Records in the cache that the file passed every check with these layers (problems with
/// the cache go to `warnings`).
void remember_validated(const DataSource& source, const IndexCacheOptions& options, std::uint64_t context,
                        std::vector<std::string>& warnings);

/// The cache file a data file maps to.
std::string index_cache_path(const DataSource& source, const IndexCacheOptions& options);

/// The cache file that holds the merged catalogue of a list of layers, named by `layers`
/// (something that tells one list of layers from another, such as their paths).
std::string catalogue_cache_path(std::string_view layers, const IndexCacheOptions& options);

/// The catalogue kept at `path` for the layers as they are now (`context`); nullptr when
/// there is none, it was kept for other contents, or it is damaged.
std::shared_ptr<const Catalogue> cached_catalogue(const std::string& path, std::uint64_t context);

/// Keeps the catalogue at `path` for `context`; problems go to `warnings`.
void remember_catalogue(const std::string& path, std::uint64_t context, const Catalogue& catalogue,
                        std::vector<std::string>& warnings);

}  // namespace pairinfo
