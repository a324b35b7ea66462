/// The knowledge base compiled into the executable (data/pairinfo.json), with its pair
/// index and catalogue image made at build time (tools/prebuild.cpp), so that the bundled
/// data is neither scanned nor decoded when a command starts.
#pragma once
#include <string_view>

#include "pairinfo/pair_index.hpp"

namespace pairinfo {

/// The bytes of data/pairinfo.json as it was at build time.
std::string_view bundled_data() noexcept;

/// Its catalogue as an image (see catalogue.hpp); empty in a build without prebuilt data.
std::string_view bundled_catalogue() noexcept;

/// Its pair index; nullopt in a build without prebuilt data.
std::optional<PairIndex> bundled_index();

/// The source name that diagnostics and `sources` use for the bundled data.
inline constexpr std::string_view bundled_source_name = "<bundled>";

}  // namespace pairinfo
