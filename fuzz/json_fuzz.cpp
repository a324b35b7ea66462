// libFuzzer target: arbitrary bytes through the strict JSON reader and the error locators.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "pairinfo/json_parse.hpp"
#include "pairinfo/record_splitter.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail = {}) { fuzz::fail("json_fuzz", what, detail); }

// Every JSON pointer into `value` (capped, so huge documents stay fast), checked against `text`.
void visit(std::string_view text, const nlohmann::json& value, const std::string& pointer, std::size_t& budget) {
  if (budget == 0) return;
  --budget;
  std::size_t offset = pairinfo::locate_pointer(text, pointer);
  if (offset > text.size()) fail("pointer located past the end", pointer);
  (void)pairinfo::position_of(text, offset);
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      std::string token;
      for (char c : key) token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
      visit(text, item, pointer + "/" + token, budget);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) visit(text, value[i], pointer + "/" + std::to_string(i), budget);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(bytes), size);
  nlohmann::json value;
  try {
    value = pairinfo::parse_json(text);
  } catch (const pairinfo::JsonSyntaxError& error) {
    if (error.offset() > text.size()) fail("syntax error past the end of the text", error.what());
    pairinfo::TextPosition position = pairinfo::position_of(text, error.offset());
    if (position.line == 0 || position.column == 0) fail("positions are 1-based");
    if (position.line > size + 1) fail("more lines than bytes");
    return 0;
  }
  // What the strict reader accepts, the common reader must accept too, with the same value.
  try {
    nlohmann::json reference = nlohmann::json::parse(text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0));
    if (reference != value) fail("parsed value differs from nlohmann::json's", text);
  } catch (const nlohmann::json::out_of_range& overflow) {
    if (overflow.id != 406) fail("nlohmann::json refused it", overflow.what());
  } catch (const nlohmann::json::exception& error) {
    fail("accepted text nlohmann::json rejects", error.what());
  }
  std::size_t budget = 200;
  visit(text, value, "", budget);
  // A pointer to something absent still lands inside the text (at its nearest ancestor).
  (void)pairinfo::locate_pointer(text, "/no such key/0/~1x");
  (void)pairinfo::locate_pointer(text, "/0/0/0");
  return 0;
}
