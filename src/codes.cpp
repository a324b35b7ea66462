// Intervention codes compared and keyed; see codes.hpp.
#include "pairinfo/codes.hpp"

#include <algorithm>

namespace pairinfo {
namespace {

// Codes compare in ASCII upper case (see normalize_code).
char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string normalize_code(std::string_view code) {
  std::string out(code);
  for (char& c : out) c = upper(c);
  return out;
}

bool same_code(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && upper(a[i]) != upper(b[i])) return false;
  return true;
}

bool same_pair_of_codes(const std::array<std::string, 2>& codes, std::string_view code_a,
                        std::string_view code_b) noexcept {
  return (same_code(codes[0], code_a) && same_code(codes[1], code_b)) ||
         (same_code(codes[0], code_b) && same_code(codes[1], code_a));
}

std::string pair_key(std::string_view code_a, std::string_view code_b) {
  std::string key;
  append_pair_key(key, code_a, code_b);
  return key;
}

void append_pair_key(std::string& out, std::string_view code_a, std::string_view code_b) {
  // Which comes first, compared as normalize_code would make them (bytes unsigned).
  std::size_t common = std::min(code_a.size(), code_b.size()), i = 0;
  while (i < common && upper(code_a[i]) == upper(code_b[i])) ++i;
  bool swap = i < common ? static_cast<unsigned char>(upper(code_b[i])) < static_cast<unsigned char>(upper(code_a[i]))
                         : code_b.size() < code_a.size();
  if (swap) std::swap(code_a, code_b);
  std::size_t start = out.size();
  out.append(code_a).append(1, '\x1f').append(code_b);
  for (std::size_t k = start; k < out.size(); ++k) out[k] = upper(out[k]);
}

}  // namespace pairinfo
