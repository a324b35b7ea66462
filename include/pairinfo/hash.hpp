/// A stable 64-bit hash (FNV-1a) for cache keys and the build step: the same bytes give the
/// same value in every build, unlike std::hash.
#pragma once
#include <cstdint>
#include <string_view>

namespace pairinfo {

inline std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ULL) noexcept {
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

}  // namespace pairinfo
