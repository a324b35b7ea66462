/// Intervention codes: compared without regard to ASCII case, and keyed in pairs.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace pairinfo {

/// The order-independent key of a pair of codes.
std::string pair_key(std::string_view code_a, std::string_view code_b);
/// Appends pair_key(code_a, code_b) to `out`.
void append_pair_key(std::string& out, std::string_view code_a, std::string_view code_b);

/// Upper-cases a code for comparison.
std::string normalize_code(std::string_view code);

/// Whether two codes are the same code: normalize_code(a) == normalize_code(b), without
/// making either.
bool same_code(std::string_view a, std::string_view b) noexcept;
/// Whether a record's two codes are `code_a` and `code_b`, in either order (pair_key equal).
bool same_pair_of_codes(const std::array<std::string, 2>& codes, std::string_view code_a,
                        std::string_view code_b) noexcept;

}  // namespace pairinfo
