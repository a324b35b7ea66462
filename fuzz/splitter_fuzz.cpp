// libFuzzer target: the record splitter with parse_json of every piece accepts exactly what
// parse_json of the whole text accepts (as an object), whatever the read sizes; a record's
// outline, when the splitter reads one, is of a record parse_json accepts and says what it
// says; locate_pointer stays inside any text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "pairinfo/json_parse.hpp"
#include "pairinfo/record_splitter.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail = {}) { fuzz::fail("splitter_fuzz", what, detail); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  // The first byte chooses how many bytes a read hands over (1 to 64, or all).
  std::size_t chunk = bytes[0] % 65 == 0 ? size : bytes[0] % 65;
  std::string_view text(reinterpret_cast<const char*>(bytes) + 1, size - 1);

  bool whole_accepts = false;
  nlohmann::json whole;
  try {
    whole = pairinfo::parse_json(text);
    whole_accepts = whole.is_object();
  } catch (const pairinfo::JsonSyntaxError&) {
  }

  auto read = [&](std::uint64_t offset, std::uint64_t length, std::string& buffer) -> std::string_view {
    if (offset >= text.size()) fail("read past the end");
    buffer.assign(text.substr(offset, std::min<std::uint64_t>(length, chunk)));
    return buffer;
  };
  bool pieces_parse = true;
  nlohmann::json rebuilt = nlohmann::json::object();
  bool saw_pairs = false;
  pairinfo::SplitVisitor visit;
  auto parse = [&](pairinfo::Span span, std::string_view piece) -> nlohmann::json {
    if (span.offset + span.length > text.size() || text.substr(span.offset, span.length) != piece)
      fail("piece is not the text at its span", piece);
    try {
      return pairinfo::parse_json(piece);
    } catch (const pairinfo::JsonSyntaxError&) {
      pieces_parse = false;
      return nullptr;
    }
  };
  visit.member = [&](std::string_view key, pairinfo::Span span, std::string_view piece) {
    rebuilt[std::string(key)] = parse(span, piece);
  };
  visit.record = [&](std::size_t, pairinfo::Span span, std::string_view piece, const pairinfo::RecordOutline* outline) {
    if (!rebuilt.contains("pairs")) rebuilt["pairs"] = nlohmann::json::array();
    nlohmann::json record = parse(span, piece);
    rebuilt["pairs"].push_back(record);
    // An outline read in the scan promises a record parse_json accepts, and says what it says.
    if (outline) {
      if (!record.is_object()) fail("outline of a record parse_json rejects", piece);
      const auto& codes = record["interventions"];
      auto text = [&](const nlohmann::json& object, const char* key) {
        return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : std::string();
      };
      if (!codes.is_array() || codes.size() != 2 || codes[0] != outline->code_a || codes[1] != outline->code_b ||
          text(record, "title") != outline->title || text(record, "significance") != outline->significance ||
          text(record.value("evidence", nlohmann::json()), "tier") != outline->tier)
        fail("outline differs from the record", piece);
    }
  };
  visit.pairs_array = [&](pairinfo::Span span) {
    saw_pairs = true;
    if (!rebuilt.contains("pairs")) rebuilt["pairs"] = nlohmann::json::array();
    if (span.offset + span.length > text.size() || text[span.offset] != '[') fail("pairs span is not the array");
  };
  auto error = pairinfo::split_records(text.size(), read, visit);
  if (error && error->offset > text.size()) fail("error past the end", error->message);
  bool split_accepts = !error && pieces_parse;
  if (split_accepts != whole_accepts)
    fail(split_accepts ? "split accepts what parse_json rejects" : "split rejects what parse_json accepts",
         error ? error->message : std::string(text));
  if (split_accepts && rebuilt != whole) fail("split reads another value than parse_json", text);

  // locate_pointer never leaves the text, valid or not.
  for (std::string_view pointer : {"", "/pairs/0", "/pairs/1/interventions/0", "/a/b#2", "/0/0", "/~1x/~0"}) {
    if (pairinfo::locate_pointer(text, pointer) > text.size()) fail("pointer located past the end", pointer);
  }
  if (whole_accepts) {
    std::size_t budget = 50;
    for (const auto& [key, value] : whole.items()) {
      if (budget-- == 0) break;
      std::string token;
      for (char c : key) token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
      std::size_t at = pairinfo::locate_pointer(text, "/" + token);
      if (at >= text.size()) fail("member located at the end", key);
    }
  }
  (void)saw_pairs;
  return 0;
}
