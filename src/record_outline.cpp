// Packed outlines of pair records; see record_outline.hpp. Layout: each part as a length
// then its bytes; codes take one byte of length, significance and tier one byte (255:
// absent), the title two bytes (65535: absent).
#include "pairinfo/record_outline.hpp"

#include <cstdint>

namespace pairinfo {
namespace {

constexpr std::size_t absent_short = 0xFF, absent_long = 0xFFFF;

bool pack_part(std::string_view value, std::size_t limit, std::size_t width, std::string& out) {
  if (value.size() >= limit) return false;
  for (std::size_t byte = 0; byte < width; ++byte) out += static_cast<char>((value.size() >> (8 * byte)) & 0xFF);
  out += value;
  return true;
}

void pack_absent(std::size_t marker, std::size_t width, std::string& out) {
  for (std::size_t byte = 0; byte < width; ++byte) out += static_cast<char>((marker >> (8 * byte)) & 0xFF);
}

}  // namespace

bool pack_outline(const OutlineParts& parts, std::string& out) {
  std::size_t start = out.size();
  bool ok = pack_part(parts.code_a, absent_short, 1, out) && pack_part(parts.code_b, absent_short, 1, out);
  auto optional_part = [&](const std::optional<std::string_view>& value, std::size_t marker, std::size_t width) {
    if (!ok) return;
    if (value) ok = pack_part(*value, marker, width, out);
    else pack_absent(marker, width, out);
  };
  optional_part(parts.title, absent_long, 2);
  optional_part(parts.significance, absent_short, 1);
  optional_part(parts.tier, absent_short, 1);
  if (!ok) out.resize(start);
  return ok;
}

bool outline_json(std::string_view packed, std::string& out) {
  std::size_t at = 0;
  // The next part: its length (width bytes), then its bytes; false at the end of `packed`.
  auto part = [&](std::size_t width, std::size_t marker, std::optional<std::string_view>& value) {
    if (packed.size() - at < width) return false;
    std::size_t length = 0;
    for (std::size_t byte = 0; byte < width; ++byte)
      length |= static_cast<std::size_t>(static_cast<unsigned char>(packed[at + byte])) << (8 * byte);
    at += width;
    if (length == marker) {
      value.reset();
      return true;
    }
    if (packed.size() - at < length) return false;
    value = packed.substr(at, length);
    at += length;
    return true;
  };
  std::optional<std::string_view> a, b, title, significance, tier;
  if (!part(1, absent_short, a) || !part(1, absent_short, b) || !a || !b || !part(2, absent_long, title) ||
      !part(1, absent_short, significance) || !part(1, absent_short, tier) || at != packed.size())
    return false;
  out.assign("{\"interventions\":[\"");
  out.append(*a).append("\",\"").append(*b).append("\"]");
  if (title) out.append(",\"title\":\"").append(*title).append("\"");
  if (significance) out.append(",\"significance\":\"").append(*significance).append("\"");
  if (tier) out.append(",\"evidence\":{\"tier\":\"").append(*tier).append("\"}");
  out += '}';
  return true;
}

}  // namespace pairinfo
