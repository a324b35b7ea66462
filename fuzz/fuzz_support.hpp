/// What the fuzz targets share: failing loudly on a broken promise the sanitizers cannot see.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

/// Prints "TARGET: WHAT: DETAIL" (DETAIL with every byte outside printable ASCII as \xNN,
/// and cut at 300 bytes) and aborts, so libFuzzer keeps the input.
[[noreturn]] inline void fail(const char* target, const char* what, std::string_view detail = {}) {
  std::string shown;
  for (std::size_t i = 0; i < detail.size() && i < 300; ++i) {
    unsigned char c = static_cast<unsigned char>(detail[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      shown += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      shown += hex;
    }
  }
  std::fprintf(stderr, "%s: %s: %s\n", target, what, shown.c_str());
  std::abort();
}

}  // namespace fuzz
