/// The knowledge base compiled into the executable (data/pairinfo.json).
#pragma once
#include <string_view>

namespace pairinfo {

/// The bytes of data/pairinfo.json as it was at build time.
std::string_view bundled_data() noexcept;

/// The source name that diagnostics and `sources` use for the bundled data.
inline constexpr std::string_view bundled_source_name = "<bundled>";

}  // namespace pairinfo
