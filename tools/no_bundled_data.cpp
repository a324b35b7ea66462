// The bundled-data symbols for the prebuild tool itself, which runs before they exist.
#include "pairinfo/bundled.hpp"

namespace pairinfo {

std::string_view bundled_data() noexcept { return {}; }
std::string_view bundled_index() noexcept { return {}; }
std::string_view bundled_search_index() noexcept { return {}; }
std::string_view bundled_version() noexcept { return {}; }

}  // namespace pairinfo
