/// The knowledge base compiled into the executable: data/pairinfo.json as it was at build
/// time, and its SQLite index (tools/prebuild.cpp), opened in place by sqlite3_deserialize.
#pragma once
#include <string_view>

namespace pairinfo {

/// The bytes of data/pairinfo.json.
std::string_view bundled_data() noexcept;

/// Its index as an SQLite database image (index_db.hpp); empty in the build step that makes it.
std::string_view bundled_index() noexcept;

/// Its search index, an image of its own: SQLite parses the whole schema of a database it
/// opens, and only `search` needs these tables.
std::string_view bundled_search_index() noexcept;

/// A hash of data/pairinfo.json, for the keys of caches that include it.
std::string_view bundled_version() noexcept;

/// The source name that diagnostics and `sources` use for the bundled data.
inline constexpr std::string_view bundled_source_name = "<bundled>";

}  // namespace pairinfo
